/** Parsing and validating participant CSV files. */
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, validateCsv } from '#lib/accounts/user-csv.ts';

const context = { teams: ['Förvaltning', 'Kundservice'], existingEmails: new Set(['finns@pm.example']) };

describe('user csv', () => {
  it('reads Swedish Excel (BOM, semicolons, CRLF, quoted fields) and NFC-normalises NFD names', () => {
    const nfd = 'Åsa Öberg'.normalize('NFD');
    const text = `\uFEFFnamn;e-post;team\r\n"${nfd}";Asa.Oberg@PM.example;förvaltning\r\n"Berg; Per ""Pelle""";per@pm.example;\r\n`;
    const { rows, problems } = validateCsv(text, context);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, name: 'Åsa Öberg', email: 'asa.oberg@pm.example', team: 'Förvaltning' },
      { line: 3, name: 'Berg; Per "Pelle"', email: 'per@pm.example', team: null },
    ]);
    expect(rows[0].name).toBe('Åsa Öberg'.normalize('NFC'));
  });

  it('reads commas and columns in any order', () => {
    expect(detectDelimiter('name,email')).toBe(',');
    expect(detectDelimiter('namn;e-post')).toBe(';');
    const { rows, problems } = validateCsv('email,name\nx@pm.example,X Y\n', context);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ name: 'X Y', email: 'x@pm.example' });
  });

  it('reports every bad row with line, field and reason', () => {
    const text = [
      'namn;e-post;team',
      'Anna;anna@pm.example;Kundservice',
      ';tom@pm.example;', // 3: no name
      'Bo;inte-en-adress;', // 4: bad e-mail
      'Cia;ANNA@pm.example;', // 5: duplicate of line 2
      'Dan;finns@pm.example;', // 6: already has an account
      'Eva;eva@pm.example;Okänt team', // 7: unknown team
      'Fia\u202E;fia@pm.example;', // 8: bidi override
      'Gun;gun@pm.example;Kundservice;extra', // 9: too many fields
    ].join('\n');
    const { problems } = validateCsv(text, context);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'namn'],
      [4, 'e-post'],
      [5, 'e-post'],
      [6, 'e-post'],
      [7, 'team'],
      [8, 'namn'],
      [9, 'rad'],
    ]);
    expect(problems[2].reason).toMatch(/rad 2/);
    for (const p of problems) expect(p.reason.length).toBeGreaterThan(10);
  });

  it('refuses files without the required header, without rows, or not in UTF-8', () => {
    expect(validateCsv('förnamn;mejl\na;b\n', context).problems[0]).toMatchObject({ line: 1 });
    expect(validateCsv('namn;e-post\n', context).problems[0].reason).toMatch(/inga deltagare/);
    expect(validateCsv('namn;e-post\n\uFFFDsa;a@pm.example\n', context).problems[0].reason).toMatch(/UTF-8/);
  });

  it('keeps quoted newlines inside one record and counts lines right', () => {
    const records = parseCsv('a;b\n"x\ny";z\nq;r\n', ';');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1].cells).toEqual(['x\ny', 'z']);
  });
});
