import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { complianceCsv, complianceXlsx, EXPORT_HEADER, type ExportRow } from '#lib/assignments/assignment-export.ts';

const row = (over: Partial<ExportRow>): ExportRow => ({
  assignmentId: 3,
  agencyId: 1,
  assignedAt: '2026-12-01T10:00:00.000Z',
  userId: 5,
  name: 'Lena Lärande',
  email: 'lena@a.example',
  teamId: 1,
  teamName: 'A1',
  courseId: 'saker-it-drift',
  position: 0,
  dueDate: '2027-01-31',
  recurrenceMonths: 12,
  completedAt: '2027-01-10T10:00:00.000Z',
  certificateCode: 'ABCD-EFGH',
  firstCompletedAt: null,
  previousCompletedAt: null,
  state: 'on-time',
  dueOn: '2028-01-10',
  daysLeft: 300,
  expiresOn: '2028-01-10',
  renewFrom: '2027-12-11',
  ...over,
});
const titles = new Map([['saker-it-drift', 'Säker it-drift']]);

describe('compliance export', () => {
  it('CSV: one row per person × course with due date, state, completion date and certificate code; formulas defused', () => {
    const csv = complianceCsv(
      [
        row({}),
        row({
          name: '=HYPERLINK("http://x")',
          completedAt: null,
          certificateCode: null,
          state: 'overdue',
          dueOn: '2027-01-31',
          expiresOn: null,
        }),
      ],
      titles,
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${EXPORT_HEADER.join(';')}`);
    expect(lines[1]).toBe(
      'Lena Lärande;lena@a.example;A1;3;Säker it-drift;2028-01-10;Klar i tid;2027-01-10;ABCD-EFGH;2028-01-10',
    );
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://x"")";lena@a.example;A1;3;Säker it-drift;2027-01-31;Försenad;;;`);
  });

  it('xlsx: the same rows as typed cells, a name starting with "=" stays text', async () => {
    const bytes = await complianceXlsx([row({}), row({ name: '=1+1' })], titles);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Obligatoriska kurser')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...EXPORT_HEADER]);
    const values = sheet.getRow(2).values as unknown[];
    expect(values.slice(1, 6)).toEqual(['Lena Lärande', 'lena@a.example', 'A1', 3, 'Säker it-drift']);
    expect(values[6]).toEqual(new Date('2028-01-10T00:00:00Z'));
    expect([values[7], values[9]]).toEqual(['Klar i tid', 'ABCD-EFGH']);
    expect(sheet.getRow(3).getCell(1).value).toBe('=1+1');
    expect(sheet.getRow(3).getCell(1).type).toBe(ExcelJS.ValueType.String);
  });
});
