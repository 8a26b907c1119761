import { describe, expect, it } from 'vitest';
import { courseProgress, lessonState, type LessonRecord } from '#lib/progress/course-progress.ts';
import { newCertificateCode, parseCertificateCode } from '#lib/progress/certificate-code.ts';

const started: LessonRecord = { startedAt: '2026-11-01T08:00:00Z', completedAt: null, completedRevision: null };
const done = (revision: number): LessonRecord => ({
  startedAt: '2026-11-01T08:00:00Z',
  completedAt: '2026-11-01T08:10:00Z',
  completedRevision: revision,
});

describe('lessonState', () => {
  it('tells not started, started, completed and outdated apart by revision', () => {
    expect(lessonState(undefined, 1)).toBe('not-started');
    expect(lessonState(started, 1)).toBe('started');
    expect(lessonState(done(2), 2)).toBe('completed');
    expect(lessonState(done(1), 2)).toBe('outdated');
    // A completion on a newer revision than the content (content rolled back) still counts as current.
    expect(lessonState(done(3), 2)).toBe('completed');
  });
});

describe('courseProgress', () => {
  const lessons = [
    { id: 'k/a', revision: 1 },
    { id: 'k/b', revision: 2 },
    { id: 'k/c', revision: 1 },
  ];

  it('is empty and points at the first lesson before anything is done', () => {
    const p = courseProgress(lessons, new Map());
    expect(p).toMatchObject({
      total: 3,
      completed: 0,
      percent: 0,
      complete: false,
      needsRefresh: false,
      nextLessonId: 'k/a',
    });
  });

  it('continues at the first unfinished lesson, not the last visited', () => {
    const p = courseProgress(
      lessons,
      new Map([
        ['k/a', done(1)],
        ['k/c', done(1)],
        ['k/b', started],
      ]),
    );
    expect(p).toMatchObject({ completed: 2, percent: 66, complete: false, nextLessonId: 'k/b' });
  });

  it('is complete when every lesson is completed, and needs a refresh when one is outdated', () => {
    const current = courseProgress(
      lessons,
      new Map([
        ['k/a', done(1)],
        ['k/b', done(2)],
        ['k/c', done(1)],
      ]),
    );
    expect(current).toMatchObject({ complete: true, needsRefresh: false, percent: 100, nextLessonId: null });
    const outdated = courseProgress(
      lessons,
      new Map([
        ['k/a', done(1)],
        ['k/b', done(1)],
        ['k/c', done(1)],
      ]),
    );
    expect(outdated).toMatchObject({ complete: true, needsRefresh: true, outdated: 1, nextLessonId: 'k/b' });
  });

  it('never calls an empty course complete', () => {
    expect(courseProgress([], new Map()).complete).toBe(false);
  });
});

describe('certificate codes', () => {
  it('have the KN-XXXX-XXXX-XXXX format from the Crockford alphabet', () => {
    for (let i = 0; i < 50; i++)
      expect(newCertificateCode()).toMatch(/^KN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('parse forgivingly and reject anything else', () => {
    const code = newCertificateCode(() => new Uint8Array(12).fill(1));
    expect(code).toBe('KN-1111-1111-1111');
    expect(parseCertificateCode(' kn-1111 1111-iiii ')).toBe('KN-1111-1111-1111');
    expect(parseCertificateCode('KN-ABCD-EFGH-JKMO')).toBe('KN-ABCD-EFGH-JKM0');
    for (const bad of ['', 'KN-1111', '../../etc/passwd', '<script>', 'KN-UUUU-1111-1111', 'x'.repeat(10_000)]) {
      expect(parseCertificateCode(bad), bad).toBeNull();
    }
  });
});
