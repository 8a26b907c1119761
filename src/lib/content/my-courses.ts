/**
 * Pure shaping of "Mina kurser": the catalogue joined with one participant's
 * records into courses in progress, completed courses and where to continue.
 */
import { courseProgress, type CourseProgress, type LessonRecord } from '#lib/progress/course-progress.ts';
import { lessonHref } from './catalog.ts';

interface CatalogLike {
  course: { id: string; data: { title: string } };
  href: string;
  lessons: { id: string; data: { title: string; revision: number } }[];
  /** The end-of-course case: the course's last step, which the certificate requires. */
  finalCase?: { id: string; data: { title: string; revision: number } } | null;
}

export interface MyCourse {
  id: string;
  title: string;
  href: string;
  progress: CourseProgress;
  /** Where "Fortsätt där du slutade" goes: the next unfinished (or updated) lesson. */
  continueAt: { href: string; title: string } | null;
  lastVisitedAt: string | null;
  certificateCode: string | null;
}

/** Courses the participant has touched, split into in progress and completed, most recent first. */
export function myCourses(
  catalog: CatalogLike[],
  records: ReadonlyMap<string, LessonRecord & { lastVisitedAt: string }>,
  certificates: ReadonlyMap<string, string>,
): { inProgress: MyCourse[]; completed: MyCourse[] } {
  const touched = catalog
    .filter((c) => c.lessons.some((l) => records.has(l.id)) || certificates.has(c.course.id))
    .map((c): MyCourse => {
      // The case counts as the last step, so "Fortsätt där du slutade" leads to it once every lesson is done.
      const steps = c.finalCase ? [...c.lessons, c.finalCase] : c.lessons;
      const progress = courseProgress(steps.map((l) => ({ id: l.id, revision: l.data.revision })), records);
      const next = steps.find((l) => l.id === progress.nextLessonId);
      const visits = c.lessons.map((l) => records.get(l.id)?.lastVisitedAt).filter((v): v is string => !!v).sort();
      return {
        id: c.course.id,
        title: c.course.data.title,
        href: c.href,
        progress,
        continueAt: next ? { href: lessonHref(next.id), title: next.data.title } : null,
        lastVisitedAt: visits.at(-1) ?? null,
        certificateCode: certificates.get(c.course.id) ?? null,
      };
    })
    .sort((a, b) => (b.lastVisitedAt ?? '').localeCompare(a.lastVisitedAt ?? ''));
  return {
    inProgress: touched.filter((c) => !c.certificateCode),
    completed: touched.filter((c) => c.certificateCode),
  };
}
