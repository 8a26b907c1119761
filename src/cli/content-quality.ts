/**
 * `npm run content:quality`: measures the knowledge checks and sources of the
 * published courses under content/ — questions, share where the right option
 * is the longest, objectives tested, lessons with primary-source links and
 * lessons reviewed — per course and for the library. Only measures: the
 * limits are enforced by `npm run content:check`. CONTENT_TODAY=YYYY-MM-DD
 * sets the day the 12-month review limit counts from.
 */
import { readQuizDocs } from '#lib/content/check.ts';
import { readContentTree } from '#lib/content/files.ts';
import { contentDir, contentToday } from '#lib/content/location.ts';
import { formatQualityReport, libraryQuality } from '#lib/content/quality-report.ts';

const root = process.argv[2] ?? process.cwd();
const { files } = readContentTree(root, contentDir);
for (const line of formatQualityReport(libraryQuality(readQuizDocs(files, contentDir), contentToday())))
  console.log(line);
