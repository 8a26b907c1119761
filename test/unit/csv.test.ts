import { describe, expect, it } from 'vitest';
import { csvCell, csvHeaders, toCsv } from '../../src/lib/reports/csv.ts';

describe('toCsv', () => {
  it('writes a BOM, a header row, semicolons and CRLF', () => {
    expect(toCsv(['Namn', 'Klara'], [['Åsa Öberg', 3]])).toBe('\uFEFFNamn;Klara\r\nÅsa Öberg;3\r\n');
  });

  it('quotes names with a semicolon or a quote', () => {
    expect(csvCell('Lind; Karin')).toBe('"Lind; Karin"');
    expect(csvCell('Karin "Kajsa" Lind')).toBe('"Karin ""Kajsa"" Lind"');
    expect(csvCell('rad ett\nrad två')).toBe('"rad ett\nrad två"');
  });

  it('neutralises cells that Excel would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ['+', '-', '@', '\t']) expect(csvCell(`${start}1+1`).replace(/"/g, '').startsWith(`'${start}`)).toBe(true);
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes ISO dates, decimal commas and NFC text', () => {
    expect(csvCell(new Date('2026-11-28T23:00:00Z'))).toBe('2026-11-28');
    expect(csvCell(0.5)).toBe('0,5');
    expect(csvCell('Sa\u0308ker')).toBe('Säker');
    expect(csvCell(null)).toBe('');
  });

  it('names the download safely', () => {
    expect(csvHeaders('../team rapport åäö.csv')['content-disposition']).toBe('attachment; filename=".._team_rapport____.csv"');
  });
});
