import { html } from '../../emails/html.ts';
import { SDGS, STAGES, THEME_CODES } from '../../knowledge/themes.ts';
import { isRegion, REGIONS } from '../../shared/regions.ts';
import { api } from '../api-client.ts';
import { button, type Choice, pagination, select, textInput } from '../components.ts';
import { pathIn } from '../layout.ts';
import type { PageRoute } from '../server.ts';
import { netWords } from './network.ts';
import { cityLine, isStage, isTheme, machineLabel, themeTags, type Words, words } from './views.ts';

interface Item {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly language: string;
  readonly machineTranslation: boolean;
  readonly originalLanguage: string;
  readonly city: { readonly name: string; readonly country: string };
  readonly formerMember: boolean;
  readonly themes: readonly string[];
  readonly stage?: string;
  readonly yearStarted?: number;
}
type Facets = Record<'themes' | 'sdgs' | 'regions' | 'stages', Record<string, number>>;

const PAGE_SIZE = 10;

/** The filters the URL asks for, each kept only when it is one the API knows (a hand-edited URL still works). */
function filtersOf(query: URLSearchParams) {
  const q = (query.get('q') ?? '').trim().slice(0, 200);
  const theme = query.get('theme') ?? '';
  const sdg = query.get('sdg') ?? '';
  const region = query.get('region') ?? '';
  const stage = query.get('stage') ?? '';
  return new URLSearchParams({
    ...(q ? { q } : {}),
    ...(isTheme(theme) ? { theme } : {}),
    ...(SDGS.map(String).includes(sdg) ? { sdg } : {}),
    ...(isRegion(region) ? { region } : {}),
    ...(isStage(stage) ? { stage } : {}),
  });
}

/** A facet as a select: each choice with how many results it would keep. */
function facet(
  w: Words,
  p: { id: string; label: string; all: string; values: readonly string[]; name: (v: string) => string },
  counts: Record<string, number> | undefined,
  chosen: string,
) {
  const choices: Choice[] = p.values.map((v) => ({
    value: v,
    label:
      counts && v !== chosen ? w.t('kn.withCount', { label: p.name(v), count: counts[v] ?? 0 }) : p.name(v),
  }));
  return select({
    id: p.id,
    label: p.label,
    placeholder: p.all,
    choices,
    value: chosen,
    errorPrefix: w.tc('error.prefix'),
  });
}

const result = (w: Words, lang: string, item: Item) => {
  const href = `${pathIn(w.t.lang, `/knowledge/practices/${encodeURIComponent(item.id)}`)}${
    item.language !== item.originalLanguage ? `?text=${encodeURIComponent(item.language)}` : ''
  }`;
  return html`<li class="knowledge-result">
<h3 class="heading heading--m knowledge-result__title"><a href="${href}" lang="${item.language}">${item.title}</a></h3>
<p class="knowledge-result__city">${cityLine(w, item.city, item.formerMember)}${
    item.stage ? html` · ${w.stage(item.stage)}` : ''
  }${item.yearStarted ? html` · ${item.yearStarted}` : ''}</p>
${item.machineTranslation ? html`<p class="knowledge-result__machine">${machineLabel(w)}</p>` : ''}
<p class="body knowledge-result__summary" lang="${item.language}"${item.language === lang ? '' : html` dir="auto"`}>${item.summary}</p>
${themeTags(w, item.themes)}
</li>`;
};

/**
 * `/<lang>/knowledge`: search over the published practices (`GET /practices`, one call), a GET form
 * whose facets show how many results each choice keeps. A result is shown in the language that matched
 * the query (the original language when browsing), machine translations labelled so.
 */
export const searchPage: PageRoute = {
  method: 'GET',
  path: '/knowledge',
  handle: async ({ lang, query, session }) => {
    const w = words(lang);
    const { t } = w;
    const filters = filtersOf(query);
    const cursor = query.get('cursor') ?? undefined;
    const asked = new URLSearchParams({ ...Object.fromEntries(filters), limit: String(PAGE_SIZE) });
    if (cursor) asked.set('cursor', cursor);
    const here = pathIn(lang, '/knowledge');
    const answer = await api(`/practices?${asked}`);
    // A cursor of another search or an older index: the results from their start.
    if (answer.status === 400 && cursor) return { redirect: `${here}?${filters}` };
    if (answer.status !== 200) throw new Error(`The search answered ${answer.status}`);
    const { items, facets, total, nextCursor } = answer.body as {
      items: Item[];
      facets: Facets;
      total: number;
      nextCursor?: string;
    };
    const chosen = (k: string) => filters.get(k) ?? '';
    return {
      page: {
        title: filters.get('q') ? `${filters.get('q')} – ${t('kn.title')}` : t('kn.title'),
        body: html`<h1 class="heading heading--xl">${t('kn.title')}</h1>
<p class="lead">${t('kn.lead')}</p>
${
  session?.roles.includes('member')
    ? html`<ul class="knowledge-links">
<li><a href="${pathIn(lang, '/knowledge/practices/new')}">${t('kn.form.newLink')}</a></li>
<li><a href="${pathIn(lang, '/knowledge/follows')}">${t('kn.follow.link')}</a></li>
<li><a href="${pathIn(lang, '/knowledge/my')}">${netWords(lang).n('net.my.link')}</a></li>
</ul>`
    : ''
}
<form class="knowledge-search" method="get" action="${here}" role="search">
${textInput({
  id: 'q',
  label: t('kn.search'),
  hint: t('kn.searchHint'),
  value: filters.get('q') ?? '',
  errorPrefix: w.tc('error.prefix'),
})}
<fieldset class="fieldset filters">
<legend class="legend filters__title">${t('kn.filters')}</legend>
<div class="filters__fields">
${facet(
  w,
  { id: 'theme', label: t('kn.theme'), all: t('kn.allThemes'), values: THEME_CODES, name: w.theme },
  facets.themes,
  chosen('theme'),
)}
${facet(
  w,
  { id: 'sdg', label: t('kn.sdg'), all: t('kn.allSdgs'), values: SDGS.map(String), name: w.sdg },
  facets.sdgs,
  chosen('sdg'),
)}
${facet(
  w,
  { id: 'region', label: t('kn.region'), all: t('kn.allRegions'), values: REGIONS, name: w.region },
  facets.regions,
  chosen('region'),
)}
${facet(
  w,
  { id: 'stage', label: t('kn.stage'), all: t('kn.allStages'), values: STAGES, name: w.stage },
  facets.stages,
  chosen('stage'),
)}
</div>
</fieldset>
${button(t('kn.submit'))}
</form>
<h2 class="heading heading--m" id="results">${t('kn.results', { count: total })}</h2>
${
  items.length === 0
    ? html`<p class="body">${t('kn.none')}</p>`
    : html`<ol class="knowledge-results" aria-labelledby="results">${items.map((i) => result(w, lang, i))}</ol>`
}
${pagination({
  label: t('kn.pages'),
  ...(cursor ? { previous: { href: `${here}?${filters}`, label: t('kn.first') } } : {}),
  ...(nextCursor
    ? {
        next: {
          href: `${here}?${new URLSearchParams({ ...Object.fromEntries(filters), cursor: nextCursor })}`,
          label: t('kn.next'),
        },
      }
    : {}),
})}
<h2 class="heading heading--m">${t('kn.questionsLink')}</h2>
<p class="body"><a href="${pathIn(lang, '/knowledge/questions')}">${t('kn.q.lead')}</a></p>
<h2 class="heading heading--m">${t('kn.openData')}</h2>
<p class="body">${t('kn.openDataText')} <a href="/api/practices.csv">${t('kn.csv')}</a>, <a href="/api/practices.json">${t('kn.json')}</a></p>`,
      },
    };
  },
};
