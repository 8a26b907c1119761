// Swedish query words against the site's own vocabulary (/sok/ord.txt, written
// by the build from the search index and the glossaries, most frequent first).
// Pure functions: the search page and the tests use the same ones.
//
// How Pagefind matches a query word: index and query are stemmed by the same
// Snowball Swedish stemmer; the word's stem must match an indexed stem whole,
// or the word as typed must start an indexed word ("moln" finds molnet,
// molnen, molntjänst); when neither matches, Pagefind falls back to the
// longest start of the word that is an indexed word, however short.
//
// What that missed, and what this file does about it:
// - "molnet" found 1 page and "moln" 14: Snowball keeps definite singular
//   forms whole (molnet, kedjan, nivån), and an inflected word only matches
//   its own stem, not the words its base form starts. baseForm() searches
//   the base form instead when the site uses it.
// - "inccident" matched every page with "in" (the fallback). A word Pagefind
//   cannot match now gets "Menade du …?" from the site's own words and no
//   fragment matches; a compound the site does not use is searched as its
//   two parts ("molnleverantör" → moln leverantör).

/** @typedef {{ words: string[], known: Set<string>, sorted: string[] }} Vocabulary */

/** Lower-case NFC words of a query, as Pagefind splits them. */
export function wordsOf(query) {
  return (
    query
      .normalize('NFC')
      .toLocaleLowerCase('sv')
      .match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** @returns {Vocabulary} */
export function parseVocabulary(text) {
  const words = text.split('\n').filter(Boolean);
  return { words, known: new Set(words), sorted: [...words].sort() };
}

/** Whether some vocabulary word starts with `prefix` (binary search). */
export function hasPrefix(vocabulary, prefix) {
  const { sorted } = vocabulary;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].startsWith(prefix);
}

/** Loanwords and others that end like an inflection but are not one. */
const NOT_INFLECTED = new Set(['internet', 'budget', 'paket', 'planet', 'magnet', 'target', 'ticket', 'market']);

// Inflections back to the base form: [ending, what replaces it]. Longest first.
const INFLECTIONS = [
  ['orna', 'a'], // kedjorna → kedja
  ['erna', ''], // nivåerna → nivå
  ['arna', ''], // loggarna → logg
  ['or', 'a'], // frågor → fråga
  ['er', ''], // leverantörer → leverantör
  ['ar', ''], // plattformar → plattform
  ['en', ''], // leverantören → leverantör
  ['et', ''], // molnet → moln (the stemmer keeps -et)
  ['n', ''], // kedjan → kedja, nivån → nivå (after a vowel)
  ['t', ''], // kontot → konto (after a vowel)
];

/**
 * The base form of an inflected word, if the site uses that base form:
 * molnet/molnets → moln, kedjan/kedjorna → kedja, nivåer → nivå,
 * leverantörens → leverantör. Otherwise the word itself. Pagefind matches a
 * query word as the start of indexed words but matches its stem only whole,
 * so searching the base form finds every inflection and compound the base
 * form finds ("moln" finds molnet, molnen, molntjänst; "molnet" found only
 * pages saying "molnet").
 */
export function baseForm(vocabulary, word) {
  const forms = word.length > 5 && word.endsWith('s') ? [word, word.slice(0, -1)] : [word];
  for (const w of forms) {
    if (w.length < 5 || NOT_INFLECTED.has(w)) continue;
    for (const [ending, base] of INFLECTIONS) {
      if (!w.endsWith(ending)) continue;
      const stem = w.slice(0, -ending.length);
      if (ending.length === 1 && !/[aoåäöuyie]$/.test(stem)) continue;
      if (ending === 'et' && stem.endsWith('h')) continue; // -het is part of the word: säkerhet
      const candidate = stem + base;
      if (candidate.length >= 3 && vocabulary.known.has(candidate)) return candidate;
    }
  }
  return word;
}

// Snowball Swedish step 1 endings, longest first: what Pagefind strips before matching.
const ENDINGS = [
  'heterna',
  'hetens',
  'anden',
  'heten',
  'heter',
  'arnas',
  'ernas',
  'ornas',
  'andes',
  'arens',
  'andet',
  'arna',
  'erna',
  'orna',
  'ande',
  'arne',
  'aste',
  'aren',
  'ases',
  'erns',
  'ade',
  'are',
  'ern',
  'ens',
  'het',
  'ast',
  'ad',
  'en',
  'ar',
  'er',
  'or',
  'as',
  'es',
  'at',
  'a',
  'e',
  's',
];

/** Whether Pagefind finds the word as it is, stemmed or in its base form (it starts an indexed word). */
export function isKnown(vocabulary, word) {
  if (hasPrefix(vocabulary, word) || hasPrefix(vocabulary, baseForm(vocabulary, word))) return true;
  const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 3);
  return ending !== undefined && hasPrefix(vocabulary, word.slice(0, -ending.length));
}

/** A compound the site does not use, as two parts it does ("säkerhetskrav" → säkerhet krav), or null. */
export function splitCompound(vocabulary, word) {
  for (let i = word.length - 3; i >= 3; i--) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    // Swedish joins many compounds with an s: "säkerhets|krav".
    const first = vocabulary.known.has(head)
      ? head
      : head.endsWith('s') && vocabulary.known.has(head.slice(0, -1))
        ? head.slice(0, -1)
        : null;
    if (first && first.length >= 3 && isKnown(vocabulary, tail)) return [first, baseForm(vocabulary, tail)];
  }
  return null;
}

/** Optimal string alignment distance (edits, with swapped neighbours as one), or max + 1 when over `max`. */
export function editDistance(a, b, max = 2) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/** The site's word closest to an unknown word (one edit for words under 7 letters, else two), or null. */
export function closestWord(vocabulary, word) {
  const max = word.length >= 7 ? 2 : 1;
  let best = null;
  let bestDistance = max + 1;
  for (const candidate of vocabulary.words) {
    if (candidate.length < 3) continue;
    const d = editDistance(word, candidate, Math.min(max, bestDistance));
    // Words come most frequent first, so on a tie the more common word wins.
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * What the page does with a query: the term Pagefind searches for, the words
 * it cannot match (then nothing is searched: the results would be fragment
 * matches) and a "Menade du …?" suggestion, or null.
 * @returns {{ term: string, unknown: string[], suggestion: string | null }}
 */
export function interpret(vocabulary, query) {
  const words = wordsOf(query);
  const terms = [];
  const unknown = [];
  for (const word of words) {
    if (isKnown(vocabulary, word)) terms.push(baseForm(vocabulary, word));
    else {
      const parts = splitCompound(vocabulary, word);
      if (parts) terms.push(...parts);
      else unknown.push(word);
    }
  }
  let suggestion = null;
  if (unknown.length > 0) {
    const fixed = words.map((w) => (unknown.includes(w) ? closestWord(vocabulary, w) : w));
    if (fixed.every(Boolean)) suggestion = fixed.join(' ');
  }
  return { term: terms.join(' '), unknown, suggestion };
}
