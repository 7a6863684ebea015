/** Formatting shared by the sections of the report. */
export const kb = (bytes: number) => (bytes / 1024).toFixed(0);
export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
export const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
export const percent = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
export const verdict = (ok: boolean) => (ok ? 'PASS' : '**MISS**');

/** A Markdown table, its columns padded so that the file reads as a table too (as Biome formats it). */
export function mdTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((row) => row.map((c) => String(c).trim().replaceAll('|', '\\|')));
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    `| ${widths.map((w, i) => (row[i] ?? '').padEnd(w)).join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** One line of the verdict list at the top of the report. */
export interface Verdict {
  readonly target: string;
  readonly result: string;
  readonly ok: boolean;
}

/** The report with its section of the same heading (up to the next `## `) replaced, or added at the end. */
export function withSection(report: string, section: string): string {
  const heading = section.split('\n', 1)[0] as string;
  const start = report.indexOf(`\n${heading}\n`);
  if (start < 0) return `${report.trim() ? `${report.trimEnd()}\n\n` : ''}${section.trimEnd()}\n`;
  const next = report.indexOf('\n## ', start + heading.length + 1);
  const rest = next < 0 ? '' : report.slice(next + 1);
  return `${report.slice(0, start + 1)}${section.trimEnd()}\n${rest ? `\n${rest}` : ''}`;
}
