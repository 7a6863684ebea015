import type { Form } from '../server.ts';
import { field } from './views.ts';

/**
 * Repeating groups of fields (committee members, services, routing rules) in a form that works
 * without JavaScript: each row's fields are named `<prefix>-<n>-<field>`, `rows` says how many there
 * are, and "add another" posts the form back with one more. Rows left empty are not sent.
 */
export const rowField = (prefix: string, row: number, name: string) => `${prefix}-${row}-${name}`;

/** How many rows the posted form had (at most `max`, at least 1). */
export function rowCount(form: Form, max: number): number {
  const n = Number.parseInt(field(form, 'rows'), 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), max) : 1;
}

/** The posted rows with their values, by field name, each with its row number on the page. */
export function postedRows<F extends string>(
  form: Form,
  prefix: string,
  fields: readonly F[],
  max: number,
): { row: number; values: Record<F, string> }[] {
  return Array.from({ length: rowCount(form, max) }, (_, row) => ({
    row,
    values: Object.fromEntries(
      fields.map((f) => [f, field(form, rowField(prefix, row, f)).trim()]),
    ) as Record<F, string>,
  }));
}

/** The rows that hold something (the others were left empty, or are the spare ones). */
export const filled = <F extends string>(
  rows: { row: number; values: Record<F, string> }[],
  ignore: NoInfer<F>[] = [],
) =>
  rows.filter((r) =>
    Object.entries(r.values).some(([k, v]) => !ignore.includes(k as F) && (v as string) !== ''),
  );

/**
 * The row and field an API error path names, e.g. `body.members.2.email` → the row sent as the third
 * one, field `email`. `sent` maps the API's index back to the row on the page.
 */
export function rowOfPath(
  path: string,
  list: string,
  sent: readonly { row: number }[],
): { row: number; field: string } | undefined {
  const match = new RegExp(`^body\\.${list}\\.(\\d+)\\.?([A-Za-z]*)`).exec(path);
  if (!match) return undefined;
  const entry = sent[Number(match[1])];
  return entry ? { row: entry.row, field: match[2] ?? '' } : undefined;
}
