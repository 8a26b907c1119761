import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { checkContent, formatProblem, type ContentFile } from '#lib/content/check.ts';
import { readContentTree } from '#lib/content/files.ts';

const TODAY = '2026-12-01';

function runCli(dir: string, script = 'src/cli/content-check.ts'): { status: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, [script], {
    env: { ...process.env, CONTENT_DIR: dir, CONTENT_TODAY: TODAY },
    encoding: 'utf8',
  });
  return { status: r.status, lines: r.stdout.trim().split('\n') };
}

describe('content check on the broken fixtures', () => {
  const { lines, status } = runCli('test/fixtures/trasig');
  const base = 'test/fixtures/trasig/kurs';

  it('exits 1 and lists every problem with file, line, field and what to do', () => {
    expect(status).toBe(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${base}/01-svarsindex.mdx:26: quiz[1].answer: är 4 men frågan har 3 alternativ — answer räknas från 0, så högsta tillåtna värde är 2`,
        `${base}/02-dubbel-ordning.mdx:5: order 1 används redan av ${base}/01-svarsindex.mdx — ge varje lektion i kursen ett eget nummer`,
        `${base}/02-dubbel-ordning.mdx:5: order är 1 men filnamnet börjar med 02 — låt dem vara samma tal`,
        `${base}/03-rubriker.mdx:33: rubriken hoppar från nivå 2 till 4 — använd ### här`,
        `${base}/03-rubriker.mdx:37: bilden ./bilder/saknas.png saknar alt-text — beskriv vad bilden visar i alt="…" (eller ![text](…)); en ren dekoration hör inte hemma i en lektion`,
        `${base}/03-rubriker.mdx:37: bilden ./bilder/saknas.png finns inte (${base}/bilder/saknas.png) — lägg filen där eller rätta sökvägen`,
        `${base}/03-rubriker.mdx:39: <Term id="okand"> finns inte i någon ordlista — lägg till det i ${base}/ordlista.yaml eller rätta id:t`,
        `${base}/03-rubriker.mdx:41: länken /kurser/kurs/finns-inte/ pekar inte på någon kurs eller lektion — rätta adressen (/kurser/<kurs>/<lektion>/, lektionens namn utan NN-)`,
        `${base}/04-kort.mdx:6: revision: revision ska vara 1 eller större`,
        `${base}/04-kort.mdx:8: objectives: skriv 2–4 lärandemål ("Efter lektionen kan du …")`,
        `${base}/04-kort.mdx:9: quiz: varje lektion behöver en kunskapskontroll med minst 2 frågor`,
        `${base}/04-kort.mdx:10: okänt fält okant — ta bort det eller rätta stavningen (fälten beskrivs i content/README.md)`,
        `${base}/04-kort.mdx:12: texten har 5 ord, minst 300 krävs — skriv ut resonemanget, exemplet och vad deltagaren gör på måndag`,
        `${base}/05-trasig-yaml.mdx:3: frontmatter är inte giltig YAML (MISSING_CHAR) — kontrollera indrag och citattecken; sätt text med kolon inom "…"`,
        'test/fixtures/trasig/saknad-kurs/01-foralder.mdx:1: okänd kurs "saknad-kurs": mappen saknar index.mdx — skapa test/fixtures/trasig/saknad-kurs/index.mdx eller flytta lektionen',
        `${base}/02-dubbel-ordning.mdx:2: reviewed saknas — lägg till reviewed: ÅÅÅÅ-MM-DD med dagen du kontrollerade texten mot källorna`,
        `${base}/02-dubbel-ordning.mdx:11: quizShown saknas — ange hur många frågor ett försök visar (t.ex. quizShown: 3) och ha minst 1,5 gånger så många i quiz (5 frågor för 3), så att försöken skiljer sig`,
      ]),
    );
    expect(lines.at(-1)).toBe('content:check: 7 filer, 36 fel, 0 varningar');
  });
});

// The live library is checked by `npm run content:check` in `npm test`; these tests use fixtures only.
describe('content check on valid content', () => {
  it('passes the valid fixture, with its end-of-course case, with exit 0', () => {
    const { status, lines } = runCli('test/fixtures/giltig');
    expect(status).toBe(0);
    expect(lines).toEqual(['content:check: 5 filer, 0 fel, 0 varningar']);
  });
});

describe('checkContent rules', () => {
  const { files } = readContentTree(process.cwd(), 'test/fixtures/giltig');
  const check = (edit: (files: { path: string; source: string }[]) => void) => {
    const copy = files.map((f) => ({ ...f }));
    edit(copy);
    return checkContent(copy, [], 'test/fixtures/giltig').map(formatProblem);
  };

  it('rejects a glossary term defined twice', () => {
    const problems = check((fs) =>
      fs.push({
        path: 'test/fixtures/giltig/annan/ordlista.yaml',
        source: 'terms:\n  - id: plattform\n    term: P\n    definition: D\n',
      }),
    );
    expect(problems).toContain(
      'test/fixtures/giltig/annan/ordlista.yaml:2: begreppet "plattform" definieras redan i test/fixtures/giltig/provkurs/ordlista.yaml:2 — varje begrepp ska ha exakt en definition; ta bort den ena',
    );
  });

  it('rejects a <Figure> without alt text and warns about an unused image', () => {
    const problems = checkContent(
      [
        ...files,
        {
          path: 'test/fixtures/giltig/provkurs/03-bild.mdx',
          source: files[1].source
            .replace('order: 1', 'order: 3')
            .replace(
              '## Exempel',
              'import bild from \'./bilder/x.svg\';\n\n<Figure src={bild} caption="x" />\n\n## Exempel',
            ),
        },
      ],
      ['test/fixtures/giltig/provkurs/bilder/x.svg', 'test/fixtures/giltig/provkurs/bilder/oanvand.png'],
      'test/fixtures/giltig',
    ).map(formatProblem);
    expect(problems.some((p) => p.includes('03-bild.mdx') && p.includes('bilden ./bilder/x.svg saknar alt-text'))).toBe(
      true,
    );
    expect(problems).toContain(
      'test/fixtures/giltig/provkurs/bilder/oanvand.png:1: varning: bilden används inte i någon lektion — ta bort den eller använd den',
    );
  });

  it('rejects an external http source and an h1 in the body', () => {
    const problems = check((fs) => {
      const lesson = fs.find((f) => f.path.endsWith('01-forsta-lektionen.mdx'))!;
      lesson.source = lesson.source
        .replace('https://rkrattsbaser.gov.se/sfst?bet=2009:400', 'http://example.com')
        .replace('## Bakgrund', '# Bakgrund');
    });
    expect(problems.some((p) => p.includes('sources[0].url: sources[].url ska vara en https-adress'))).toBe(true);
    expect(problems.some((p) => p.includes('rubrik på nivå 1 (#) i texten'))).toBe(true);
  });
});

describe('checkContent quality rules (issue #18)', () => {
  const dir = 'test/fixtures/giltig';
  const base = `${dir}/provkurs`;
  const L1 = `${base}/01-forsta-lektionen.mdx`;
  const CASE = `${base}/slutfall.mdx`;
  const { files } = readContentTree(process.cwd(), dir);
  /** The fixture with `edits` applied (path → new source), checked as of `today`. */
  const check = (edits: Record<string, (source: string) => string>, today = TODAY, extra: ContentFile[] = []) => {
    const copy = files.map((f) => ({ ...f, source: edits[f.path]?.(f.source) ?? f.source }));
    return checkContent([...copy, ...extra], [], dir, today).map(formatProblem);
  };
  const only = (problems: string[], fragment: string) => problems.filter((p) => p.includes(fragment));

  it('accepts the valid fixture, lessons and case, without any problem', () => {
    expect(check({})).toEqual([]);
  });

  describe('the end-of-course case (slutfall.mdx)', () => {
    it('is validated with the case schema', () => {
      const problems = check({ [CASE]: (s) => s.replace('estimatedMinutes: 10', 'estimatedMinutes: 10\norder: 3') });
      expect(problems).toContain(
        `${CASE}:5: okänt fält order — ta bort det eller rätta stavningen (fälten beskrivs i content/README.md)`,
      );
    });

    it('has 300–900 words, known terms and working links, and no placeholder texts', () => {
      const problems = check({
        [CASE]: (s) =>
          s.slice(0, s.indexOf('## Situationen')) +
          '## Situationen\n\nKort. <Term id="okand">x</Term> [fel](/kurser/provkurs/finns-inte/)\n\nSkriv en mening om vad lektionen handlar om.\n',
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          `${CASE}:40: texten har 12 ord, minst 300 krävs — beskriv situationen, tabellen och rapportutdraget som frågorna bygger på`,
          `${CASE}:43: <Term id="okand"> finns inte i någon ordlista — lägg till det i ${base}/ordlista.yaml eller rätta id:t`,
          `${CASE}:43: länken /kurser/provkurs/finns-inte/ pekar inte på någon kurs eller lektion — rätta adressen (/kurser/<kurs>/<lektion>/, lektionens namn utan NN-)`,
          `${CASE}:45: mallens platshållartext finns kvar: "Skriv en mening om vad lektionen handlar om." — skriv egen text här (eller behåll draft: true tills du är klar)`,
        ]),
      );
    });

    it('needs a review date and a source link when published', () => {
      const problems = check({ [CASE]: (s) => s.replace('reviewed: 2026-11-15\n', '').replace(/\n {4}url: .*/, '') });
      expect(problems).toContain(
        `${CASE}:2: reviewed saknas — lägg till reviewed: ÅÅÅÅ-MM-DD med dagen du kontrollerade texten mot källorna`,
      );
      expect(only(problems, `${CASE}:`).some((p) => p.includes('ingen källa har en länk'))).toBe(true);
    });

    it('allows two minutes per question on top of the reading time', () => {
      const minutes = (n: number) =>
        check({ [CASE]: (s) => s.replace('estimatedMinutes: 10', `estimatedMinutes: ${n}`) }).filter((p) =>
          p.includes('estimatedMinutes'),
        );
      expect(minutes(17)).toEqual([]);
      expect(minutes(18)).toEqual([
        `${CASE}:4: varning: estimatedMinutes är 18 men texten tar ungefär 2 min att läsa — justera tiden (läsning plus kunskapskontroll)`,
      ]);
    });

    it('keeps the file-name rule for other names', () => {
      const problems = check({}, TODAY, [{ path: `${base}/slutprov.mdx`, source: '---\ntitle: x\n---\n' }]);
      expect(only(problems, 'slutprov.mdx')[0]).toContain('filnamnet följer inte mönstret');
    });
  });

  describe('question pools', () => {
    it('require quizShown on a published lesson, and let a draft show all', () => {
      expect(check({ [L1]: (s) => s.replace('quizShown: 3\n', '') })).toEqual([
        `${L1}:12: quizShown saknas — ange hur många frågor ett försök visar (t.ex. quizShown: 3) och ha minst 1,5 gånger så många i quiz (5 frågor för 3), så att försöken skiljer sig`,
      ]);
      expect(check({ [L1]: (s) => s.replace('quizShown: 3\n', 'draft: true\n') })).toEqual([]);
    });

    it('must hold at least ceil(1.5 × quizShown) questions', () => {
      expect(check({ [L1]: (s) => s.replace('quizShown: 3', 'quizShown: 4') })).toEqual([
        `${L1}:11: frågebanken har 5 frågor men quizShown är 4 — banken behöver minst 6 (1,5 × quizShown); skriv fler frågor eller sänk quizShown`,
      ]);
    });
  });

  describe('objectives', () => {
    it('every question names an objective of its lesson', () => {
      const problems = check({
        [L1]: (s) => s.replace('    objective: 1\n', '').replace('objective: 2', 'objective: 3'),
      });
      expect(problems).toEqual([
        `${L1}:13: quiz[0] saknar objective — ange numret (från 1) på lärandemålet som frågan prövar, t.ex. objective: 1`,
        `${L1}:33: quiz[2].objective är 3 men lektionen har 2 lärandemål — ange ett nummer från 1 till 2`,
      ]);
    });

    it('every objective is tested by a question', () => {
      expect(check({ [L1]: (s) => s.replaceAll('objective: 2', 'objective: 1') })).toEqual([
        `${L1}:10: lärandemål 2 ("förklara varför myndigheter delar en") prövas inte av någon fråga — skriv en fråga med objective: 2 eller stryk målet`,
      ]);
    });
  });

  describe('the right option is not the give-away', () => {
    /** Makes every right option of lesson 1 the longest. */
    const rightLongest = (s: string) =>
      s
        .replace('"En gemensam teknisk grund."', '"En gemensam teknisk grund för många olika system."')
        .replace('"För att dela kostnad och kunskap."', '"För att dela kostnad och kunskap med varandra över tid."')
        .replace('"Flera myndigheter."', '"Flera myndigheter som samarbetar i en gemensam organisation."')
        .replace(
          '"Kompetens den själv saknar."',
          '"Kompetens den själv saknar och inte hinner rekrytera på egen hand."',
        );

    it('fails a lesson where it is the longest in every question, and a course where it is in more than 40 %', () => {
      expect(check({ [L1]: rightLongest })).toEqual([
        `${L1}:13: det rätta alternativet är det längsta i alla 5 frågor — den som väljer det längsta svaret klarar kontrollen utan att ha läst; korta de rätta alternativen eller gör de felaktiga lika utförliga`,
        `${base}/index.mdx:1: det rätta alternativet är det längsta i 6 av 13 frågor i kursen (46 %), högst 40 % tillåts — korta de rätta alternativen eller gör de felaktiga lika utförliga, först i 01-forsta-lektionen.mdx (5 av 5), 02-andra-lektionen.mdx (1 av 5)`,
      ]);
    });

    it('allows up to 40 % in a course, and leaves drafts out of the course share', () => {
      const fourOfFive = (s: string) =>
        rightLongest(s).replace(
          '"Ett avtal om support."',
          '"Ett avtal om support, drift, förvaltning och utveckling av flera system."',
        );
      expect(check({ [L1]: fourOfFive })).toEqual([]);
      const draft = check({ [L1]: (s) => rightLongest(s).replace('revision: 1', 'revision: 1\ndraft: true') });
      expect(draft).toHaveLength(1);
      expect(draft[0]).toMatch(/01-forsta-lektionen\.mdx:14: det rätta alternativet är det längsta i alla 5 frågor/);
    });

    it('warns about an absolute word that only wrong options use, naming each option', () => {
      const wrongOnly = check({
        [L1]: (s) => s.replace('"För att lagen kräver det."', '"För att lagen kräver det av alla."'),
      });
      expect(wrongOnly).toEqual([
        `${L1}:40: varning: quiz[2].options[2] "För att lagen kräver det av alla." har ordet "alla", som i kursen bara står i felaktiga alternativ (1 st) — ett absolut ord avslöjar svaret; formulera om utan "alla" eller låt ordet stå i rätta svar också`,
      ]);
      const alsoRight = check({
        [L1]: (s) => s.replace('"För att lagen kräver det."', '"För att lagen kräver det av alla."'),
        [`${base}/02-andra-lektionen.mdx`]: (s) => s.replace('"Flera myndigheter."', '"Alla som är med."'),
      });
      expect(alsoRight).toEqual([]);
    });
  });

  describe('review dates and sources', () => {
    it('need a review date on a published lesson, not on a draft', () => {
      expect(check({ [L1]: (s) => s.replace('reviewed: 2026-11-15\n', '') })).toEqual([
        `${L1}:2: reviewed saknas — lägg till reviewed: ÅÅÅÅ-MM-DD med dagen du kontrollerade texten mot källorna`,
      ]);
      expect(check({ [L1]: (s) => s.replace('reviewed: 2026-11-15', 'draft: true') })).toEqual([]);
    });

    it('warn when the review is more than 12 months old or in the future, counted from the given day', () => {
      expect(only(check({}, '2027-11-15'), 'reviewed')).toEqual([]);
      expect(only(check({}, '2027-11-16'), L1)).toEqual([
        `${L1}:7: varning: reviewed är 2026-11-15, mer än 12 månader sedan — granska texten mot källorna igen och uppdatera datumet`,
      ]);
      expect(only(check({}, '2026-11-01'), L1)).toEqual([
        `${L1}:7: varning: reviewed är 2026-11-15, efter dagens datum 2026-11-01 — skriv dagen du faktiskt granskade texten`,
      ]);
    });

    it('need at least one source link, and warn about a bare home page', () => {
      expect(check({ [L1]: (s) => s.replace(/\n {4}url: .*/, '') })).toEqual([
        `${L1}:64: ingen källa har en länk — lägg till minst en källa med url som går direkt till primärkällan, t.ex. https://rkrattsbaser.gov.se/sfst?bet=2009:400`,
      ]);
      expect(
        check({ [L1]: (s) => s.replace('https://rkrattsbaser.gov.se/sfst?bet=2009:400', 'https://www.digg.se/') }),
      ).toEqual([
        `${L1}:66: varning: sources[0].url https://www.digg.se/ är en startsida — länka direkt till sidan, författningen eller rapporten som texten bygger på`,
      ]);
    });
  });
});

describe('npm run content:quality', () => {
  it('prints the figures per course and a one-line total', () => {
    const { status, lines } = runCli('test/fixtures/giltig', 'src/cli/content-quality.ts');
    expect(status).toBe(0);
    expect(lines).toEqual([
      'Kurs      Frågor  Rätt längst  Mål prövade  Primärkällor  Granskade  Slutfall',
      'provkurs      13     2 (15 %)          4/4           2/2        2/2       1/1',
      'Totalt        13     2 (15 %)          4/4           2/2        2/2       1/1',
      'content:quality: 13 frågor i 1 kurs, rätt alternativ längst i 15 %, 4/4 lärandemål prövade, 2/2 lektioner med primärkällor, 2/2 granskade, 1/1 slutfall',
    ]);
  });
});
