/**
 * Pure shaping of collection entries into the catalogue the pages show:
 * courses in order, each with its lessons in order, and previous/next links.
 * Takes plain entries so unit tests can feed it without Astro.
 */
import { courseOfLesson, slugOfLesson } from './ids.ts';

export interface CourseEntryLike<D extends { order: number; title: string; draft: boolean }> {
  id: string;
  data: D;
}

export interface LessonEntryLike<D extends { order: number; title: string; estimatedMinutes: number; draft: boolean }> {
  id: string;
  data: D;
}

export interface LessonLink {
  id: string;
  href: string;
  title: string;
}

export interface ShapedCourse<C, L> {
  course: C;
  href: string;
  lessons: L[];
  totalMinutes: number;
}

/** URL of a course page. */
export function courseHref(courseId: string): string {
  return `/kurser/${courseId}/`;
}

/** URL of a lesson page. */
export function lessonHref(lessonId: string): string {
  return `/kurser/${courseOfLesson(lessonId)}/${slugOfLesson(lessonId)}/`;
}

/**
 * Courses sorted by `order` (then title), each with its lessons sorted by
 * `order`. Drafts are dropped unless `includeDrafts`; lessons of a draft or
 * missing course are dropped with it.
 */
export function shapeCatalog<
  C extends CourseEntryLike<{ order: number; title: string; draft: boolean }>,
  L extends LessonEntryLike<{ order: number; title: string; estimatedMinutes: number; draft: boolean }>,
>(courses: C[], lessons: L[], includeDrafts = false): ShapedCourse<C, L>[] {
  const visible = <T extends { data: { draft: boolean } }>(e: T) => includeDrafts || !e.data.draft;
  return courses
    .filter(visible)
    .sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'sv'))
    .map((course) => {
      const own = lessons
        .filter((l) => visible(l) && courseOfLesson(l.id) === course.id)
        .sort((a, b) => a.data.order - b.data.order);
      return {
        course,
        href: courseHref(course.id),
        lessons: own,
        totalMinutes: own.reduce((sum, l) => sum + l.data.estimatedMinutes, 0),
      };
    });
}

/** The lessons before and after `lessonId` within its course, if any. */
export function neighbours<L extends LessonEntryLike<{ order: number; title: string; estimatedMinutes: number; draft: boolean }>>(
  orderedLessons: L[],
  lessonId: string,
): { previous: LessonLink | null; next: LessonLink | null; position: number } {
  const i = orderedLessons.findIndex((l) => l.id === lessonId);
  const link = (l: L | undefined): LessonLink | null => (l ? { id: l.id, href: lessonHref(l.id), title: l.data.title } : null);
  return { previous: i > 0 ? link(orderedLessons[i - 1]) : null, next: link(orderedLessons[i + 1]), position: i + 1 };
}
