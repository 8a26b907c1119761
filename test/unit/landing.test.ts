import { describe, expect, it } from 'vitest';
import { landingPath, WELCOME_PATH } from '#lib/auth/landing.ts';

describe('landingPath', () => {
  it('goes back to a safe return path', () => {
    expect(landingPath({ role: 'manager' }, '/kurser/x/y/')).toBe('/kurser/x/y/');
    expect(landingPath({ role: 'learner' }, '/konto')).toBe('/konto');
    expect(landingPath({ role: 'learner' }, WELCOME_PATH)).toBe(WELCOME_PATH);
  });
  it('otherwise lands by role', () => {
    expect(landingPath({ role: 'learner' }, null)).toBe('/mina-kurser/');
    expect(landingPath({ role: 'manager' }, '')).toBe('/team');
    expect(landingPath({ role: 'trainer' }, undefined)).toBe('/statistik');
    expect(landingPath({ role: 'admin' }, null)).toBe('/admin');
  });
  it('ignores unsafe return paths', () => {
    expect(landingPath({ role: 'learner' }, '//evil.example')).toBe('/mina-kurser/');
    expect(landingPath({ role: 'admin' }, 'https://evil.example/')).toBe('/admin');
    expect(landingPath({ role: 'manager' }, '/logga-in')).toBe('/team');
  });
});
