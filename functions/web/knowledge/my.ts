import { html } from '../../emails/html.ts';
import { formatDate } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import { backLink, pagination, table, tag } from '../components.ts';
import { pathIn } from '../layout.ts';
import type { PageRoute } from '../server.ts';
import { type MyCity, myCities, type NetWords, netWords, refusal, representativeOnly } from './network.ts';
import { practicePath } from './practice.ts';

/**
 * `/<lang>/knowledge/my`: a representative's own list, their city's practices in every state (drafts,
 * in review, returned with the Secretariat's reason, published, retired), most recently changed first,
 * each linked to its page and, while it can be edited, to its form. Two calls: who the person
 * represents (`GET /me`), then that city's practices (`GET /cities/{cityId}/practices`, 25 a page); one
 * who represents several cities sees one at a time (`?city=`) with links to the others.
 */

export interface Summary {
  readonly id: string;
  readonly status: string;
  readonly change?: string;
  readonly language: string;
  readonly title: string;
  readonly updatedAt: string;
  readonly returnReason?: string;
}

const PAGE = 25;
const PATH = '/knowledge/my';
const QUESTIONS_PATH = '/knowledge/my/questions';

/** Editable as the practice page offers it: not while in review, never once retired. */
export function editable(p: Pick<Summary, 'status' | 'change'>): boolean {
  const state = p.status === 'published' && p.change ? p.change : p.status;
  return state !== 'in_review' && state !== 'retired';
}

/** The state in words: the practice's, and a published one's change under way. */
function stateCell(w: NetWords, p: Summary) {
  const label = (s: string) => w.t(`kn.status.${s}` as 'kn.status.draft');
  const tone = p.status === 'published' ? 'done' : p.status === 'retired' ? undefined : 'warning';
  const returned = p.status === 'changes_requested' || p.change === 'changes_requested';
  return html`${tag(label(p.status), tone)}${
    p.change ? html`<br>${w.n('net.my.changeState', { state: label(p.change) })}` : ''
  }${
    returned && p.returnReason
      ? html`<p class="body knowledge-text">${w.n('net.my.returned', { reason: p.returnReason })}</p>`
      : ''
  }`;
}

const myPage: PageRoute = {
  method: 'GET',
  path: PATH,
  handle: async (request) => {
    const allowed = representativeOnly(request);
    if ('result' in allowed) return allowed.result;
    const { lang, query } = request;
    const w = netWords(lang);
    const { n, tc } = w;
    const token = allowed.session.token;
    const cities = await myCities(token);
    if (cities.length === 0) return refusal(403, n('net.my.notRep.title'), n('net.my.notRep.body'));
    const asked = query.get('city');
    const city = cities.find((c) => c.id === asked) ?? (cities.length === 1 ? cities[0] : undefined);
    const here = pathIn(lang, PATH);
    const cityLink = (c: MyCity) =>
      html`<li><a href="${here}?${new URLSearchParams({ city: c.id })}">${w.city(c)}</a></li>`;
    if (!city) {
      return {
        page: {
          title: n('net.my.title'),
          body: html`${backLink(pathIn(lang, '/knowledge'), w.t('kn.back'))}
<h1 class="heading heading--xl">${n('net.my.title')}</h1>
<p class="body">${n('net.my.chooseCity')}</p>
<ul class="knowledge-links">${cities.map(cityLink)}</ul>`,
        },
      };
    }
    const cursor = query.get('cursor') ?? undefined;
    const asks = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) });
    const answer = await api(`/cities/${encodeURIComponent(city.id)}/practices?${asks}`, { token });
    const cityQuery: Record<string, string> = cities.length > 1 ? { city: city.id } : {};
    if (answer.status === 400 && cursor) return { redirect: `${here}?${new URLSearchParams(cityQuery)}` };
    // A withdrawn city: its list is refused (409); the page says why.
    const withdrawn = !city.member || answer.status === 409;
    if (answer.status !== 200 && !withdrawn)
      throw new Error(`The city's practices answered ${answer.status}`);
    const { items, nextCursor } =
      answer.status === 200
        ? (answer.body as { items: Summary[]; nextCursor?: string })
        : { items: [] as Summary[], nextCursor: undefined };
    const others = cities.filter((c) => c.id !== city.id);
    const title = n('net.my.titleCity', { city: city.name });
    return {
      page: {
        title,
        body: html`${backLink(pathIn(lang, '/knowledge'), w.t('kn.back'))}
<h1 class="heading heading--xl">${title}</h1>
<p class="lead">${n('net.my.lead')}</p>
${withdrawn ? html`<p class="body">${n('net.my.withdrawn', { city: city.name })}</p>` : html`<p class="body"><a href="${pathIn(lang, '/knowledge/practices/new')}">${n('net.my.new')}</a></p>`}
${
  items.length === 0
    ? withdrawn
      ? ''
      : html`<p class="body">${n('net.my.none')}</p>`
    : table({
        caption: n('net.my.caption', { city: city.name }),
        head: [n('net.my.practice'), n('net.my.state'), n('net.my.updated'), n('net.my.actions')],
        rows: items.map((p) => [
          html`<a href="${pathIn(lang, practicePath(p.id))}${p.status === 'published' && p.change ? '?version=working' : ''}" lang="${p.language}" dir="auto">${p.title}</a>`,
          stateCell(w, p),
          formatDate(tc, p.updatedAt),
          editable(p) && !withdrawn
            ? html`<a href="${pathIn(lang, `${practicePath(p.id)}/edit`)}">${n('net.my.edit')}<span class="visually-hidden"> ${p.title}</span></a>`
            : '',
        ]),
      })
}
${pagination({
  label: n('net.my.pages'),
  ...(cursor
    ? { previous: { href: `${here}?${new URLSearchParams(cityQuery)}`, label: n('net.my.first') } }
    : {}),
  ...(nextCursor
    ? {
        next: {
          href: `${here}?${new URLSearchParams({ ...cityQuery, cursor: nextCursor })}`,
          label: n('net.my.more'),
        },
      }
    : {}),
})}
${others.length ? html`<p class="body">${n('net.my.otherCities')}</p><ul class="knowledge-links">${others.map(cityLink)}</ul>` : ''}
<p class="body"><a href="${pathIn(lang, QUESTIONS_PATH)}">${n('net.myq.link')}</a></p>`,
      },
    };
  },
};

interface Asked {
  readonly id: string;
  readonly title: string;
  readonly themes: readonly string[];
  readonly createdAt: string;
  readonly answerCount: number;
  readonly answered: boolean;
  readonly hidden?: { readonly at: string; readonly reason?: string };
}

/**
 * `/<lang>/knowledge/my/questions`: the questions the representative asked, newest first, hidden ones
 * with the Secretariat's reason (`GET /me/questions`, one call).
 */
const myQuestionsPage: PageRoute = {
  method: 'GET',
  path: QUESTIONS_PATH,
  handle: async (request) => {
    const allowed = representativeOnly(request);
    if ('result' in allowed) return allowed.result;
    const { lang, query } = request;
    const w = netWords(lang);
    const { n, t, tc } = w;
    const cursor = query.get('cursor') ?? undefined;
    const asks = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) });
    const here = pathIn(lang, QUESTIONS_PATH);
    const answer = await api(`/me/questions?${asks}`, { token: allowed.session.token });
    if (answer.status === 400 && cursor) return { redirect: here };
    if (answer.status !== 200) throw new Error(`The questions asked answered ${answer.status}`);
    const { items, nextCursor } = answer.body as { items: Asked[]; nextCursor?: string };
    return {
      page: {
        title: n('net.myq.title'),
        body: html`${backLink(pathIn(lang, PATH), n('net.my.title'))}
<h1 class="heading heading--xl">${n('net.myq.title')}</h1>
<p class="lead">${n('net.myq.lead')}</p>
<p class="body"><a href="${pathIn(lang, '/knowledge/questions/new')}">${t('kn.ask.link')}</a></p>
${
  items.length === 0
    ? html`<p class="body">${n('net.myq.none')}</p>`
    : html`<ul class="knowledge-questions">${items.map(
        (q) => html`<li class="knowledge-result">
<h2 class="heading heading--m knowledge-result__title"><a href="${pathIn(lang, `/knowledge/questions/${encodeURIComponent(q.id)}`)}" dir="auto">${q.title}</a></h2>
<p class="knowledge-result__city">${formatDate(tc, q.createdAt)} · ${t('kn.q.answers', { count: q.answerCount })}${
          q.answered ? html` ${tag(t('kn.q.answered'), 'done')}` : ''
        }</p>
${q.hidden ? html`<p>${tag(t('kn.q.hidden', { reason: q.hidden.reason ?? '' }), 'warning')}</p>` : ''}
</li>`,
      )}</ul>`
}
${pagination({
  label: n('net.myq.pages'),
  ...(cursor ? { previous: { href: here, label: n('net.myq.first') } } : {}),
  ...(nextCursor
    ? { next: { href: `${here}?${new URLSearchParams({ cursor: nextCursor })}`, label: n('net.myq.more') } }
    : {}),
})}`,
      },
    };
  },
};

export const myPages: readonly PageRoute[] = [myPage, myQuestionsPage];
