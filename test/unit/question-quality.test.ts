import { describe, expect, it } from 'vitest';
import {
  absoluteWordsIn,
  correctIsLongest,
  isHomePage,
  isPrimaryLink,
  minimumPool,
  reviewIsStale,
} from '#lib/content/question-quality.ts';

const q = (answer: number, ...texts: string[]) => ({
  answer,
  options: texts.map((text) => ({ text, explanation: 'x' })),
});

describe('correctIsLongest', () => {
  it('is true only when the right option is strictly the longest', () => {
    expect(correctIsLongest(q(1, 'kort', 'det längsta svaret', 'mellan'))).toBe(true);
    expect(correctIsLongest(q(0, 'kort', 'det längsta svaret'))).toBe(false);
    expect(correctIsLongest(q(0, 'lika', 'lika'))).toBe(false);
  });

  it('counts characters as a reader sees them: NFC, outer spaces ignored', () => {
    expect(correctIsLongest(q(0, 'a\u0308a\u0308', 'ååå'))).toBe(false);
    expect(correctIsLongest(q(0, '  abc  ', 'abcd'))).toBe(false);
  });
});

describe('absoluteWordsIn', () => {
  it('finds the absolute words as whole words, in any case, once each', () => {
    expect(absoluteWordsIn('Alla ska alltid göra det, alla!')).toEqual(['alla', 'alltid']);
    expect(absoluteWordsIn('Inget, ingen, inga, aldrig, samtliga')).toEqual([
      'inget',
      'ingen',
      'inga',
      'aldrig',
      'samtliga',
    ]);
  });

  it('ignores words that only start with one', () => {
    expect(absoluteWordsIn('ingenting allmänt allas alltså aldrigt ingångar')).toEqual([]);
  });
});

describe('source links', () => {
  it('call a bare home page not primary', () => {
    expect(isHomePage('https://www.digg.se')).toBe(true);
    expect(isHomePage('https://www.digg.se/')).toBe(true);
    expect(isHomePage('https://rkrattsbaser.gov.se/sfst?bet=2009:400')).toBe(false);
    expect(isHomePage('https://www.imy.se/verksamhet/dataskydd/')).toBe(false);
    expect(isPrimaryLink({ url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' })).toBe(true);
    expect(isPrimaryLink({ url: 'https://www.msb.se' })).toBe(false);
    expect(isPrimaryLink({})).toBe(false);
  });
});

describe('reviewIsStale', () => {
  it('allows exactly 12 months and no more', () => {
    expect(reviewIsStale('2025-12-01', '2026-12-01')).toBe(false);
    expect(reviewIsStale('2025-11-30', '2026-12-01')).toBe(true);
    expect(reviewIsStale('2024-02-29', '2025-02-28')).toBe(false);
  });
});

describe('minimumPool', () => {
  it('is ceil(1.5 × shown)', () => {
    expect([2, 3, 4, 5].map(minimumPool)).toEqual([3, 5, 6, 8]);
  });
});
