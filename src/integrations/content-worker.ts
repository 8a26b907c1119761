/**
 * Worker thread for src/integrations/content-work.ts: reads and checks the
 * course files, posts the problems, then (for builds) the progress catalogue,
 * made from the frontmatter the check already parsed (parsing the YAML is
 * most of the check's CPU time). Its parsed YAML and other garbage stay in
 * this thread's heap, which goes away when it ends, instead of growing the build's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkContent, type FrontmatterByPath } from '#lib/content/check.ts';
import { contentToday } from '#lib/content/location.ts';
import { readContentTree } from '#lib/content/files.ts';
import { catalogOfFiles } from '#lib/content/catalog-files.ts';
import { progressCatalogOf } from '#lib/content/progress-catalog.ts';

const { root, dir, catalog } = workerData as { root: string; dir: string; catalog: boolean };
const { files, assets } = readContentTree(root, dir);
const frontmatter: FrontmatterByPath = new Map();
parentPort!.postMessage({ problems: checkContent(files, assets, dir, contentToday(), frontmatter) });
if (catalog) {
  const data = (file: { path: string }) => frontmatter.get(file.path) ?? {};
  parentPort!.postMessage({ catalog: progressCatalogOf(catalogOfFiles(files, dir, data)) });
}
