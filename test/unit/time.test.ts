import { describe, expect, it } from 'vitest';
import { dateTime, isoDay, longDate } from '#lib/site/time.ts';

describe('time (Europe/Stockholm)', () => {
  it('shows winter and summer times in Swedish local time', () => {
    expect(dateTime('2026-12-01T23:30:00.000Z')).toBe('2026-12-02 00:30');
    expect(dateTime('2026-07-01T10:00:05.000Z', '–', true)).toBe('2026-07-01 12:00:05');
    expect(isoDay('2026-12-31T23:10:00Z')).toBe('2027-01-01');
    expect(longDate('2026-11-28T10:00:00.000Z')).toBe('28 november 2026');
  });
  it('says so when there is no time', () => {
    expect(dateTime(null, 'Aldrig')).toBe('Aldrig');
    expect(isoDay('not a date')).toBe('–');
  });
});
