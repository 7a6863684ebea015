import { isMemberStatus, membership } from '../membership/members.ts';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { practiceUrl } from './emails.ts';
import { PUBLISHED_PK } from './keys.ts';
import { queryPage } from './paged.ts';
import { PUBLISHED_FIELDS, type Published, pick } from './practices.ts';

/**
 * The open data feed of published practices, newest publication first, for other city networks to
 * pull: JSON, and CSV for spreadsheets. Public facts only (no person, no address). One page is one
 * Query of the PUBLISHED index and one read of the cities behind it (a withdrawn city's practices are
 * marked as from a former member).
 */
export async function feedPage(limit: number, cursor: string | undefined) {
  const page = await queryPage(
    {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': PUBLISHED_PK },
      ScanIndexForward: false,
    },
    'open-data',
    limit,
    cursor,
    (i) => pick<Published>(i, PUBLISHED_FIELDS),
  );
  const cities = [...new Set(page.items.map((p) => p.cityId))];
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < cities.length; i += 100) {
    for (const [k, v] of await batchGet(cities.slice(i, i + 100).map((c) => membership.inBatch(c).key)))
      found.set(k, v);
  }
  const items = page.items.map((p) => {
    const city = membership.inBatch(p.cityId).any(found.get(keyOf(membership.inBatch(p.cityId).key)));
    return {
      id: p.id,
      url: practiceUrl(p.id),
      title: p.title,
      summary: p.summary,
      language: p.language,
      city: { id: p.cityId, name: p.cityName, country: p.country, region: p.region },
      formerMember: !isMemberStatus(city?.status),
      themes: p.themes,
      sdgs: p.sdgs ?? [],
      stage: p.stage ?? null,
      yearStarted: p.yearStarted ?? null,
      costRange: p.costRange ?? null,
      technologies: p.technologies ?? [],
      partners: p.partners ?? [],
      links: (p.links ?? []).map((l) => l.url),
      publishedAt: p.publishedAt,
      updatedAt: p.changedAt,
    };
  });
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export type FeedItem = Awaited<ReturnType<typeof feedPage>>['items'][number];

/**
 * A CSV cell: quoted, quotes doubled, and text a spreadsheet would run as a formula (starting with =,
 * +, -, @, a tab or a carriage return) prefixed with an apostrophe (OWASP's CSV injection advice).
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

const COLUMNS = [
  'id',
  'url',
  'title',
  'summary',
  'language',
  'city',
  'country',
  'region',
  'formerMember',
  'themes',
  'sdgs',
  'stage',
  'yearStarted',
  'costRange',
  'technologies',
  'partners',
  'links',
  'publishedAt',
  'updatedAt',
] as const;

export function toCsv(items: readonly FeedItem[]): string {
  const rows = items.map((i) =>
    [
      i.id,
      i.url,
      i.title,
      i.summary,
      i.language,
      i.city.name,
      i.city.country,
      i.city.region,
      i.formerMember,
      i.themes,
      i.sdgs,
      i.stage,
      i.yearStarted,
      i.costRange,
      i.technologies,
      i.partners,
      i.links,
      i.publishedAt,
      i.updatedAt,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[COLUMNS.map(csvCell).join(','), ...rows].join('\r\n')}\r\n`;
}
