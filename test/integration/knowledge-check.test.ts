/**
 * Grading over HTTP against the real built server: the answer key stays on
 * the server, right and wrong answers get their explanations, and malformed
 * or hostile requests get a clear 4xx, never a 500 (the body limit included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { readContentTree } from '#lib/content/files.ts';
import { splitSource } from '#lib/content/frontmatter.ts';
import type { LessonData } from '#lib/content/schema.ts';

let server: RunningServer;
const { files } = readContentTree(process.cwd(), 'content');
const file = files.find((f) => f.path === 'content/samordnad-it-drift/04-servicenivaer.mdx')!;
const lesson = splitSource(file.source).doc!.toJS() as LessonData;
const action = '/kurser/samordnad-it-drift/servicenivaer/kunskapskoll/';

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function post(path: string, body: string | URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url + path, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const answersWith = (pick: (q: LessonData['quiz'][number], i: number) => number) =>
  new URLSearchParams(lesson.quiz.map((q, i) => [`q${i}`, String(pick(q, i))]));

describe('knowledge check grading', () => {
  it('passes all-right answers and shows each explanation', async () => {
    const res = await post(
      action,
      answersWith((q) => q.answer),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Godkänt!');
    expect(html).toContain(`Du hade ${lesson.quiz.length} av ${lesson.quiz.length} rätt.`);
  });

  it('fails a wrong answer, explains why it was wrong, and offers the form again', async () => {
    const res = await post(
      action,
      answersWith((q, i) => (i === 0 ? (q.answer + 1) % q.options.length : q.answer)),
    );
    const html = await res.text();
    expect(html).toContain('Inte godkänt än.');
    expect(html).toContain('Fel.');
    expect(html).toContain('id="kunskapskoll"');
  });

  it('sends GET back to the lesson', async () => {
    const res = await fetch(server.url + action, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/kurser/samordnad-it-drift/servicenivaer/#kunskapskoll');
  });

  it('treats hostile answer values as unanswered, never as right', async () => {
    const res = await post(
      action,
      new URLSearchParams([
        ['q0', '-1'],
        ['q1', '<script>alert(1)</script>'],
        ['q2', '99999'],
        ['q0', '0'],
        ['extra', 'x'],
      ]),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Du hade 0 av');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('answers 404 for unknown or hostile lesson paths', async () => {
    for (const path of [
      '/kurser/finns-inte/servicenivaer/kunskapskoll/',
      '/kurser/samordnad-it-drift/%2e%2e%2fadmin/kunskapskoll/',
      '/kurser/..%2f..%2fetc/passwd/kunskapskoll/',
      `/kurser/samordnad-it-drift/${'a'.repeat(10_000)}/kunskapskoll/`,
      '/kurser/samordnad-it-drift/servicenivaer%00/kunskapskoll/',
    ]) {
      const res = await post(
        path,
        answersWith((q) => q.answer),
      );
      expect([400, 404, 414, 431], path).toContain(res.status);
    }
  });

  it('refuses a cross-site form post', async () => {
    const res = await post(
      action,
      answersWith((q) => q.answer),
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await post(action, `q0=${'1'.repeat(10 * 1024 * 1024)}`);
    expect(res.status).toBe(413);
  });

  it('answers a malformed multipart body with 400', async () => {
    const res = await post(action, '--x\r\nnot really multipart', {
      'content-type': 'multipart/form-data; boundary=y',
    });
    expect(res.status).toBe(400);
  });
});
