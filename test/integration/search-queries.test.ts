/**
 * Findability in Swedish, on the built site's search index (dist/client/pagefind)
 * run the way the search page runs it (test/helpers/search.ts): what people
 * type — definite and plural forms, several words, typos — finds the lessons
 * about it on the first page of results. Needs `astro build` first (npm test
 * builds before it runs the suite). Targets are lessons whose titles and
 * addresses stay when the library grows, so new courses may add results but
 * should not push these off the first page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedPages, openSearch } from '../helpers/search.ts';

type Search = Awaited<ReturnType<typeof openSearch>>;
let search: Search;

beforeAll(async () => {
  search = await openSearch('dist/client');
});
afterAll(() => search?.close());

const FIRST_PAGE = 10;
const lesson = (course: string, slug: string) => `/kurser/${course}/${slug}/`;

/** Query → the pages it must find on the first page of results. */
const FINDS: [string, string[]][] = [
  [
    'exitplanen',
    [lesson('samordnad-it-drift', 'exitplan'), lesson('moln-och-utkontraktering', 'exitplan-och-portabilitet')],
  ],
  [
    'molnet',
    [lesson('moln-och-utkontraktering', 'fran-egen-drift-till-publikt-moln'), '/kurser/moln-och-utkontraktering/'],
  ],
  ['molnen', [lesson('moln-och-utkontraktering', 'fran-egen-drift-till-publikt-moln')]],
  [
    'incidenten',
    [
      lesson('incidenter-och-kontinuitet', 'larande-efter-incident'),
      lesson('incidenter-och-kontinuitet', 'forsta-timmen'),
    ],
  ],
  [
    'säkerhetsskyddet',
    [lesson('saker-it-drift', 'sakerhetsskydd'), lesson('moln-och-utkontraktering', 'sekretess-och-sakerhetsskydd')],
  ],
  ['behörigheterna', [lesson('saker-it-drift', 'behorighetsstyrning')]],
  ['loggarna', [lesson('saker-it-drift', 'loggning')]],
  ['servicenivån', [lesson('samordnad-it-drift', 'servicenivaer')]],
  [
    'plattformen',
    [lesson('teknikplattformen', 'vad-en-plattform-ger'), lesson('teknikplattformen', 'plattformen-som-produkt')],
  ],
  ['observerbarheten', [lesson('teknikplattformen', 'observerbarhet')]],
  ['reservrutinerna', [lesson('incidenter-och-kontinuitet', 'reservrutiner')]],
  ['säkerhetskopiorna', [lesson('incidenter-och-kontinuitet', 'sakerhetskopior-och-aterlasning')]],
  ['återläsningen', [lesson('incidenter-och-kontinuitet', 'sakerhetskopior-och-aterlasning')]],
  ['övningarna', [lesson('incidenter-och-kontinuitet', 'ovningar')]],
  ['konsekvensanalysen', [lesson('incidenter-och-kontinuitet', 'konsekvensanalys')]],
  ['informationsklassningen', [lesson('saker-it-drift', 'informationsklassning')]],
  ['interoperabiliteten', [lesson('digitalisering-bortom-apparna', 'interoperabilitet-i-fyra-nivaer')]],
  ['klarspråket', [lesson('digitalisering-bortom-apparna', 'tillganglighet-och-klarsprak')]],
  ['nyttan', [lesson('digitalisering-bortom-apparna', 'mata-nyttan')]],
  ['byggkedjorna', [lesson('teknikplattformen', 'byggkedjor-och-releaser')]],
  ['integrationerna', [lesson('teknikplattformen', 'api-och-integration')]],
  ['upphandlingen', [lesson('moln-och-utkontraktering', 'upphandling-och-avtalsvillkor')]],
  ['portabiliteten', [lesson('moln-och-utkontraktering', 'exitplan-och-portabilitet')]],
  ['riskbedömningen', [lesson('moln-och-utkontraktering', 'riskbedomning-och-beslut')]],
  ['ansvarsfördelningen', [lesson('samordnad-it-drift', 'ansvarsfordelning')]],
  ['övergångsprojektet', [lesson('samordnad-it-drift', 'overgangsprojektet')]],
  ['förändringarna', [lesson('samordnad-it-drift', 'forandringar-och-uppfoljning')]],
  ['kontaktrollerna', [lesson('samordnad-it-drift', 'kontaktroller-och-forum')]],
  ['sekretessen', [lesson('moln-och-utkontraktering', 'sekretess-och-sakerhetsskydd')]],
  ['miljöerna', [lesson('teknikplattformen', 'miljoer-och-data')]],
  ['allvarlighetsnivåerna', [lesson('incidenter-och-kontinuitet', 'allvarlighetsnivaer-och-kommunikation')]],
  ['säkerhetsincidenterna', [lesson('saker-it-drift', 'sakerhetsincidenter')]],
  ['lärdomarna', [lesson('saker-it-drift', 'lardomar-fran-incidenter')]],
  ['komponenterna', [lesson('digitalisering-bortom-apparna', 'ateranvand-uppgifter-och-komponenter')]],
  ['första timmen', [lesson('incidenter-och-kontinuitet', 'forsta-timmen')]],
  ['Molnet', [lesson('moln-och-utkontraktering', 'fran-egen-drift-till-publikt-moln')]],
];

/** A base form and inflections of it: each inflection finds every page the base form finds. */
const INFLECTIONS: string[][] = [
  ['moln', 'molnet', 'molnen', 'molnets'],
  ['avtal', 'avtalet', 'avtalen'],
  ['kedja', 'kedjan', 'kedjor', 'kedjorna'],
  ['nivå', 'nivån', 'nivåer', 'nivåerna'],
  ['incident', 'incidenten', 'incidenter', 'incidenterna'],
  ['leverantör', 'leverantören', 'leverantörer', 'leverantörens'],
  ['behörighet', 'behörigheten', 'behörigheter', 'behörigheterna'],
  ['säkerhetskopia', 'säkerhetskopian', 'säkerhetskopior', 'säkerhetskopiorna'],
];

/** A misspelt word → what the page offers instead ("Menade du …?"). */
const TYPOS: [string, string][] = [
  ['inccident', 'incident'],
  ['incidnet', 'incident'],
  ['exitpaln', 'exitplan'],
  ['plattfrom', 'plattform'],
  ['informationsklasning', 'informationsklassning'],
];

describe('search finds what people type', () => {
  it('has a test set of at least 30 queries', () => {
    expect(FINDS.length).toBeGreaterThanOrEqual(30);
  });

  for (const [query, pages] of FINDS) {
    it(`"${query}" finds ${pages.join(', ')}`, async () => {
      const { urls } = await search.search(query);
      const firstPage = urls.slice(0, FIRST_PAGE);
      for (const page of pages) expect(firstPage, `${query}: ${urls.slice(0, FIRST_PAGE).join(' ')}`).toContain(page);
    });
  }

  for (const [base, ...forms] of INFLECTIONS) {
    it(`${forms.join(', ')} find what "${base}" finds`, async () => {
      const expected = (await search.search(base)).urls;
      expect(expected.length).toBeGreaterThan(0);
      for (const form of forms)
        expect((await search.search(form)).urls, form).toEqual(expect.arrayContaining(expected));
    });
  }

  for (const [typo, suggestion] of TYPOS) {
    it(`"${typo}" offers "${suggestion}" instead of matching a fragment`, async () => {
      const outcome = await search.search(typo);
      expect(outcome.urls).toEqual([]);
      expect(outcome.suggestion).toBe(suggestion);
      expect((await search.search(outcome.suggestion!)).urls.length).toBeGreaterThan(0);
    });
  }

  it('searches a compound the courses do not use as its parts', async () => {
    const { urls, suggestion } = await search.search('molnleverantör');
    expect(suggestion).toBeNull();
    expect(urls).toContain(lesson('moln-och-utkontraktering', 'upphandling-och-avtalsvillkor'));
  });

  it('keeps words of neighbouring elements apart in what it indexed', () => {
    // Course pages' facts: <dt>För vem</dt><dd>It-chefer …</dd><dt>Omfattning</dt><dd>7 lektioner …</dd>.
    const courses = indexedPages('dist/client').filter((p) => /^\/kurser\/[^/]+\/$/.test(p.url));
    expect(courses.length).toBeGreaterThan(0);
    for (const page of courses) {
      expect(page.content, page.url).toMatch(/För vem \S/);
      expect(page.content, page.url).toMatch(/Omfattning \d/);
    }
  });
});
