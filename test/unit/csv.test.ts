import { describe, expect, it } from 'vitest';
import { csvCell, csvDay, csvHeaders, toCsv } from '#lib/http/csv.ts';

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
    for (const start of ['+', '-', '@', '\t'])
      expect(csvCell(`${start}1+1`).replace(/"/g, '').startsWith(`'${start}`)).toBe(true);
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes ISO dates, decimal commas and NFC text', () => {
    expect(csvCell(new Date('2026-11-28T23:00:00Z'))).toBe('2026-11-28');
    expect(csvCell(0.5)).toBe('0,5');
    expect(csvCell('Sa\u0308ker')).toBe('Säker');
    expect(csvCell(null)).toBe('');
  });

  it('gives the UTC day of an ISO time as a Date cell does, also when the time has an offset', () => {
    for (const iso of ['2026-11-28T23:30:00.000Z', '2026-11-29T00:30:00+02:00', '2026-11-28', 'inte ett datum'])
      expect(csvDay(iso), iso).toBe(csvCell(new Date(iso)));
    expect(csvDay('2026-11-29T00:30:00+02:00')).toBe('2026-11-28');
  });

  it('names the download safely', () => {
    expect(csvHeaders('../team rapport åäö.csv')['content-disposition']).toBe(
      'attachment; filename=".._team_rapport____.csv"',
    );
  });
});
