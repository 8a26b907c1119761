/** The catalogue's view of a lesson and its course, as the progress records need it. */
import type { CourseRef, LessonRef } from '#lib/progress/progress.ts';

interface LessonLike {
  id: string;
  data: { revision: number; quiz: unknown[] };
}

interface CourseLike {
  course: { id: string; data: { revision: number } };
  lessons: LessonLike[];
}

export function lessonRefOf(entry: CourseLike, lesson: LessonLike): LessonRef {
  return { courseId: entry.course.id, lessonId: lesson.id, revision: lesson.data.revision, hasQuiz: lesson.data.quiz.length > 0 };
}

export function courseRefOf(entry: CourseLike): CourseRef {
  return { courseId: entry.course.id, revision: entry.course.data.revision, lessonIds: entry.lessons.map((l) => l.id) };
}
