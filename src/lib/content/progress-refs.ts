/** The catalogue's view of a lesson and its course, as the progress records need it. */
import type { CourseRef, LessonRef } from '#lib/progress/progress.ts';

interface LessonLike {
  id: string;
  data: { revision: number; quiz: unknown[] };
}

interface CourseLike {
  course: { id: string; data: { revision: number } };
  lessons: LessonLike[];
  /** The end-of-course case (id `<kurs>/slutfall`), which the certificate requires too. */
  finalCase?: { id: string; data: { revision: number } } | null;
}

export function lessonRefOf(entry: CourseLike, lesson: LessonLike): LessonRef {
  return { courseId: entry.course.id, lessonId: lesson.id, revision: lesson.data.revision, hasQuiz: lesson.data.quiz.length > 0 };
}

/** The course for the completion rule: its lessons and its case, each needing a completed row. */
export function courseRefOf(entry: CourseLike): CourseRef {
  const ids = entry.lessons.map((l) => l.id);
  return {
    courseId: entry.course.id,
    revision: entry.course.data.revision,
    lessonIds: entry.finalCase ? [...ids, entry.finalCase.id] : ids,
  };
}

/** The end-of-course case as a progress record: it always has a check, and a pass completes it. */
export function caseRefOf(entry: CourseLike & { finalCase: { id: string; data: { revision: number } } }): LessonRef {
  return { courseId: entry.course.id, lessonId: entry.finalCase.id, revision: entry.finalCase.data.revision, hasQuiz: true };
}
