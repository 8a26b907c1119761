import { describe, expect, it } from 'vitest';
import { attemptBlock, attemptLimits, blockMessage } from '#lib/progress/attempt-limits.ts';

const limits = { maxFailures: 3, cooldownMinutes: 10, perMinute: 5 };
const now = new Date('2026-12-01T12:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const fail = (minutes: number) => ({ at: ago(minutes), passed: false });
const pass = (minutes: number) => ({ at: ago(minutes), passed: true });

describe('attemptLimits', () => {
  it('defaults to 3 failures, 10 minutes, 5 a minute, and reads the environment', () => {
    expect(attemptLimits({})).toEqual({ maxFailures: 3, cooldownMinutes: 10, perMinute: 5 });
    expect(
      attemptLimits({ QUIZ_COOLDOWN_MINUTES: '30', QUIZ_ATTEMPTS_PER_MINUTE: '2', QUIZ_MAX_FAILURES: '4' }),
    ).toEqual({
      maxFailures: 4,
      cooldownMinutes: 30,
      perMinute: 2,
    });
    expect(attemptLimits({ QUIZ_COOLDOWN_MINUTES: 'x', QUIZ_ATTEMPTS_PER_MINUTE: '-1' })).toEqual(attemptLimits({}));
  });
});

describe('attemptBlock', () => {
  it('lets two failures in a row through', () => {
    expect(attemptBlock([fail(2), fail(3)], [], now, limits)).toBeNull();
  });

  it('cools down for 10 minutes after the third failure in a row', () => {
    expect(attemptBlock([fail(2), fail(3), fail(4)], [], now, limits)).toEqual({ kind: 'cooldown', until: ago(-8) });
  });

  it('allows the next attempt once the cool-down is over, and cools down again after three more', () => {
    expect(attemptBlock([fail(11), fail(12), fail(13)], [], now, limits)).toBeNull();
    expect(attemptBlock([fail(11), fail(12)].concat([fail(13), fail(14), fail(15)]), [], now, limits)).toBeNull();
    const six = [fail(1), fail(2), fail(3), fail(20), fail(21), fail(22)];
    expect(attemptBlock(six, [], now, limits)?.kind).toBe('cooldown');
  });

  it('counts failures only since the last pass', () => {
    expect(attemptBlock([fail(1), fail(2), pass(3), fail(4)], [], now, limits)).toBeNull();
  });

  it('throttles a sixth attempt within a minute over all checks', () => {
    const times = [0.1, 0.2, 0.3, 0.4, 0.5].map(ago);
    expect(attemptBlock([], times, now, limits)).toEqual({
      kind: 'throttle',
      until: new Date(Date.parse(ago(0.5)) + 60_000).toISOString(),
    });
    expect(attemptBlock([], times.slice(1), now, limits)).toBeNull();
  });
});

describe('blockMessage', () => {
  it('says in Swedish why and when (Swedish time) the person can try again', () => {
    const message = blockMessage({ kind: 'cooldown', until: '2026-12-01T12:08:00Z' }, limits, now);
    expect(message).toContain('fel 3 gånger i rad');
    expect(message).toContain('kl. 13:08');
    expect(message).toContain('om 8 minuter');
    expect(blockMessage({ kind: 'throttle', until: '2026-12-01T12:00:30Z' }, limits, now)).toContain('om 1 minut)');
  });
});
