import { describe, expect, it } from 'vitest';

process.env.TABLE_NAME ??= 'test';
process.env.PUBLIC_BASE_URL ??= 'https://wego.example';
process.env.CURSOR_SECRET ??= 'secret';
const { csvCell } = await import('../../../../functions/knowledge/open-data.ts');

describe('the CSV export', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(csvCell('Seoul "smart" city')).toBe('"Seoul ""smart"" city"');
    expect(csvCell(['a', 'b'])).toBe('"a; b"');
    expect(csvCell(null)).toBe('""');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const formula of [
      '=HYPERLINK("https://evil.example")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ]) {
      expect(csvCell(formula).startsWith(`"'`), formula).toBe(true);
    }
    expect(csvCell('2026')).toBe('"2026"');
  });
});
