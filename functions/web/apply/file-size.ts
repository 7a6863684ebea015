const MB = 1024 * 1024;

/** A file's size in the page's language: "670 B" reads oddly, so small files are fractions of a kB. */
export function fileSize(w: { readonly locale: string }, bytes: number): string {
  const [value, unit] = bytes >= MB ? [bytes / MB, 'megabyte'] : [bytes / 1024, 'kilobyte'];
  return new Intl.NumberFormat(w.locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
