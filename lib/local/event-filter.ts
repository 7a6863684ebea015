/**
 * Lambda event filtering (the subset of EventBridge patterns that event source mappings accept):
 * a record passes when it matches any pattern. Supported: literal values, prefix, exists, anything-but.
 */
type Rule =
  | string
  | number
  | boolean
  | null
  | { prefix?: string; exists?: boolean; 'anything-but'?: unknown };

export function matchesAny(patterns: readonly unknown[], record: unknown): boolean {
  return patterns.length === 0 || patterns.some((p) => matches(p as Record<string, unknown>, record));
}

function matches(pattern: Record<string, unknown>, value: unknown): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    const field = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) return rule.some((r: Rule) => matchesRule(r, field));
    if (rule && typeof rule === 'object') return matches(rule as Record<string, unknown>, field);
    throw new Error(`Unsupported filter rule for ${key}`);
  });
}

function matchesRule(rule: Rule, field: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return field === rule;
  if (rule.exists !== undefined) return rule.exists === (field !== undefined);
  if (rule.prefix !== undefined) return typeof field === 'string' && field.startsWith(rule.prefix);
  if (rule['anything-but'] !== undefined) {
    const excluded = ([] as unknown[]).concat(rule['anything-but']);
    return field !== undefined && !excluded.includes(field);
  }
  throw new Error(`Unsupported filter rule ${JSON.stringify(rule)}`);
}
