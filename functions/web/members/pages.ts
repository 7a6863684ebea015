import { html } from '../../emails/html.ts';
import { countryName } from '../../membership/country-name.ts';
import { regionMessages } from '../../membership/region-messages.ts';
import { formatDate, translator } from '../../shared/i18n.ts';
import { isRegion, type Region } from '../../shared/regions.ts';
import { api } from '../api-client.ts';
import { button, pagination, select, table, tag } from '../components.ts';
import { pathIn } from '../layout.ts';
import type { PageRoute } from '../server.ts';
import { common } from '../shell/messages.ts';
import { membersMessages } from './messages.ts';

type Key = keyof (typeof membersMessages)['en'] | keyof (typeof regionMessages)['en'];

interface Entry {
  readonly id: string;
  readonly city: { readonly name: string; readonly country: string; readonly region: Region };
  readonly status: 'associate' | 'full';
  readonly memberSince?: string;
}

const STATUSES = ['associate', 'full'] as const;
const isStatus = (s: string): s is (typeof STATUSES)[number] => (STATUSES as readonly string[]).includes(s);

/**
 * The public directory (`/<lang>/members`): the API's `GET /members`, which holds no personal data,
 * grouped by region as it comes (the directory is ordered by region, status and name), with filters
 * that work as a plain GET form and countries named in the page's language.
 */
export const membersPage: PageRoute = {
  method: 'GET',
  path: '/members',
  handle: async ({ lang, query }) => {
    const t = translator(lang, membersMessages, regionMessages);
    const tc = translator(lang, common);
    const region = query.get('region') ?? '';
    const status = query.get('status') ?? '';
    const cursor = query.get('cursor') ?? undefined;
    const filters = new URLSearchParams({
      ...(isRegion(region) ? { region } : {}),
      ...(isStatus(status) ? { status } : {}),
    });
    const asked = new URLSearchParams({
      ...Object.fromEntries(filters),
      limit: '100',
      ...(cursor ? { cursor } : {}),
    });
    const answer = await api(`/members?${asked}`);
    // A cursor from an older page that no longer verifies: the list from its start.
    if (answer.status === 400 && cursor) return { redirect: `${pathIn(lang, '/members')}?${filters}` };
    if (answer.status !== 200) throw new Error(`The directory answered ${answer.status}`);
    const { items, nextCursor } = answer.body as { items: Entry[]; nextCursor?: string };
    const groups: { region: Region; entries: Entry[] }[] = [];
    for (const entry of items) {
      const last = groups.at(-1);
      if (last?.region === entry.city.region) last.entries.push(entry);
      else groups.push({ region: entry.city.region, entries: [entry] });
    }
    const here = pathIn(lang, '/members');
    const regionName = (r: string) => t(`region.${r}` as Key);
    return {
      page: {
        title: t('members.title'),
        body: html`<h1 class="heading heading--xl">${t('members.title')}</h1>
<p class="lead">${t('members.lead')}</p>
<form class="filters" method="get" action="${here}">
<h2 class="filters__title">${t('members.filter')}</h2>
<div class="filters__fields">
${select({
  id: 'region',
  label: t('members.region'),
  placeholder: t('members.allRegions'),
  choices: (['asia', 'europe', 'africa', 'americas', 'middle-east', 'oceania'] as const).map((r) => ({
    value: r,
    label: regionName(r),
  })),
  value: isRegion(region) ? region : '',
  errorPrefix: tc('error.prefix'),
})}
${select({
  id: 'status',
  label: t('members.status'),
  placeholder: t('members.allStatuses'),
  choices: STATUSES.map((s) => ({ value: s, label: t(`members.${s}`) })),
  value: isStatus(status) ? status : '',
  errorPrefix: tc('error.prefix'),
})}
</div>
${button(t('members.show'), { secondary: true })}
</form>
${
  groups.length === 0
    ? html`<p class="body">${t('members.none')}</p>`
    : groups.map(
        (g) => html`<h2 class="heading heading--m">${regionName(g.region)}</h2>
${table({
  caption: t('members.caption', { region: regionName(g.region) }),
  head: [t('members.city'), t('members.country'), t('members.status'), t('members.since')],
  rows: g.entries.map((e) => [
    e.city.name,
    countryName(e.city.country, tc.locale),
    e.status === 'full' ? tag(t('members.full'), 'done') : tag(t('members.associate')),
    e.memberSince ? formatDate(tc, e.memberSince) : '',
  ]),
})}`,
      )
}
${pagination({
  label: t('members.pages'),
  ...(cursor ? { previous: { href: `${here}?${filters}`, label: t('members.first') } } : {}),
  ...(nextCursor
    ? {
        next: {
          href: `${here}?${new URLSearchParams({ ...Object.fromEntries(filters), cursor: nextCursor })}`,
          label: t('members.next'),
        },
      }
    : {}),
})}
<h2 class="heading heading--m">${t('members.applyHeading')}</h2>
<p class="body"><a href="${pathIn(lang, '/apply')}">${t('members.apply')}</a></p>`,
      },
    };
  },
};
