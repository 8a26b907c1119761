import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { checkContent, formatProblem } from '#lib/content/check.ts';
import { readContentTree } from '#lib/content/files.ts';

function runCli(dir: string): { status: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, ['src/cli/content-check.ts'], {
    env: { ...process.env, CONTENT_DIR: dir },
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
      ]),
    );
    expect(lines.at(-1)).toBe('content:check: 7 filer, 22 fel, 0 varningar');
  });
});

describe('content check on valid content', () => {
  it('passes the valid fixture with exit 0', () => {
    const { status, lines } = runCli('test/fixtures/giltig');
    expect(status).toBe(0);
    expect(lines).toEqual(['content:check: 4 filer, 0 fel, 0 varningar']);
  });

  it('passes the real course library without errors', () => {
    const { files, assets } = readContentTree(process.cwd(), 'content');
    const errors = checkContent(files, assets).filter((p) => p.severity === 'error');
    expect(errors.map(formatProblem)).toEqual([]);
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
        .replace('revision: 1', 'revision: 1\nsources:\n  - title: T\n    publisher: P\n    url: http://example.com')
        .replace('## Bakgrund', '# Bakgrund');
    });
    expect(problems.some((p) => p.includes('sources[0].url: sources[].url ska vara en https-adress'))).toBe(true);
    expect(problems.some((p) => p.includes('rubrik på nivå 1 (#) i texten'))).toBe(true);
  });
});
