/**
 * Pure shaping of what the prerendered pages show about the signed-in reader
 * (`GET /api/jag`, filled in by /scripts/personal.js): the header's links,
 * where to continue, and per course its progress, each lesson's state and
 * the main button (Börja / Fortsätt / Visa intyg).
 */
import type { LessonRecord, LessonState } from '#lib/progress/course-progress.ts';
import type { NavLink } from '#lib/auth/account-links.ts';
import { myCourses } from './my-courses.ts';
import { courseProgress } from '#lib/progress/course-progress.ts';
import { lessonHref } from './catalog.ts';

interface CatalogLike {
  course: { id: string; data: { title: string } };
  href: string;
  lessons: { id: string; data: { title: string; revision: number } }[];
}

export interface PersonalCourse {
  /** "3 av 7 lektioner klara". */
  text: string;
  percent: number;
  /** State per lesson id, only lessons the reader has touched. */
  lessons: Record<string, LessonState>;
  /** The main button on the course page. */
  action: { label: 'Börja kursen' | 'Fortsätt' | 'Visa intyg'; href: string };
}

export type PersonalState =
  | { signedIn: false }
  | {
      signedIn: true;
      name: string;
      links: NavLink[];
      resume: { href: string; title: string; course: string } | null;
      courses: Record<string, PersonalCourse>;
    };

/** The signed-in reader's state over the whole catalogue. */
export function personalState(
  user: { name: string },
  links: NavLink[],
  catalog: CatalogLike[],
  records: ReadonlyMap<string, LessonRecord & { lastVisitedAt: string }>,
  certificates: ReadonlyMap<string, string>,
): PersonalState {
  const { inProgress } = myCourses(catalog, records, certificates);
  const latest = inProgress.find((c) => c.continueAt);
  const courses: Record<string, PersonalCourse> = {};
  for (const c of catalog) {
    const progress = courseProgress(
      c.lessons.map((l) => ({ id: l.id, revision: l.data.revision })),
      records,
    );
    const lessons: Record<string, LessonState> = {};
    for (const [id, state] of progress.states) if (state !== 'not-started') lessons[id] = state;
    const certified = certificates.has(c.course.id);
    const touched = Object.keys(lessons).length > 0;
    const next = progress.nextLessonId ?? c.lessons[0]?.id;
    const action: PersonalCourse['action'] = certified
      ? { label: 'Visa intyg', href: `/mina-kurser/intyg/${c.course.id}/` }
      : { label: touched ? 'Fortsätt' : 'Börja kursen', href: next ? lessonHref(next) : c.href };
    courses[c.course.id] = {
      text: `${progress.completed} av ${progress.total} lektioner klara`,
      percent: progress.percent,
      lessons,
      action,
    };
  }
  return {
    signedIn: true,
    name: user.name,
    links,
    resume: latest?.continueAt ? { ...latest.continueAt, course: latest.title } : null,
    courses,
  };
}
