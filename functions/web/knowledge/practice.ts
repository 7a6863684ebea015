import { html, SafeHtml } from '../../emails/html.ts';
import { SECTION_NAMES } from '../../knowledge/schemas.ts';
import { formatDate } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import {
  backLink,
  button,
  errorSummary,
  notificationBanner,
  summaryList,
  tag,
  textarea,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult, type PageRoute } from '../server.ts';
import { filesBanner, practiceFiles } from './files.ts';
import { adoptedBanner, practiceNetwork } from './network.ts';
import { cityLine, machineLabel, themeTags, type Words, words } from './views.ts';

interface Text {
  readonly language: string;
  readonly machine: boolean;
  readonly title: string;
  readonly summary: string;
  /** Each section's Markdown rendered by the API: raw HTML off, links http(s) only and rel="nofollow noopener". */
  readonly sectionsHtml: Record<string, string>;
}

interface Practice extends Partial<Text> {
  readonly id: string;
  readonly status: string;
  readonly city: { readonly id: string; readonly name: string; readonly country: string };
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  readonly formerMember: boolean;
  readonly themes: readonly string[];
  readonly sdgs: readonly number[];
  readonly stage?: string;
  readonly yearStarted?: number;
  readonly costRange?: string;
  readonly technologies: readonly string[];
  readonly partners: readonly string[];
  readonly links: readonly { url: string; title?: string }[];
  readonly translations: readonly Text[];
  readonly adoptions: readonly {
    city: { name: string; country: string };
    practiceId?: string;
    note: string;
  }[];
  readonly publishedAt?: string;
  readonly updatedAt?: string;
  readonly returnReason?: string;
  /** Only for the city's representatives and the Secretariat. */
  readonly history?: readonly unknown[];
  /** A published practice's change being written or reviewed. */
  readonly change?: string;
  /** The version being written, for the city's representatives and the Secretariat. */
  readonly working?: Omit<Practice, 'working' | 'adoptions' | 'formerMember'>;
}

export const practicePath = (id: string) => `/knowledge/practices/${encodeURIComponent(id)}`;

/** The versions of the text: the original first, then the translations. */
function textsOf(p: Practice): Text[] {
  const original: Text = {
    language: p.language,
    machine: false,
    title: p.title,
    summary: p.summary,
    sectionsHtml: p.sectionsHtml ?? {},
  };
  return [original, ...p.translations];
}

/** The text asked for (`?text=`), else the page's language when the practice has it, else the original. */
function chosenText(texts: Text[], asked: string | null, lang: string): Text {
  const find = (l: string | null) => texts.find((x) => x.language === l);
  return find(asked) ?? find(lang) ?? (texts[0] as Text);
}

function facts(w: Words, p: Practice) {
  const { t, tc } = w;
  const list = (xs: readonly string[]) => xs.join(', ');
  const rows = [
    { key: t('kn.city'), value: cityLine(w, p.city, p.formerMember) },
    { key: t('kn.themes'), value: p.themes.map(w.theme).join(', ') },
    ...(p.sdgs.length ? [{ key: t('kn.sdgs'), value: p.sdgs.map(w.sdg).join(', ') }] : []),
    ...(p.stage ? [{ key: t('kn.stage'), value: w.stage(p.stage) }] : []),
    ...(p.yearStarted ? [{ key: t('kn.yearStarted'), value: String(p.yearStarted) }] : []),
    ...(p.costRange ? [{ key: t('kn.costRange'), value: w.cost(p.costRange) }] : []),
    ...(p.technologies.length ? [{ key: t('kn.technologies'), value: list(p.technologies) }] : []),
    ...(p.partners.length ? [{ key: t('kn.partners'), value: list(p.partners) }] : []),
    ...(p.links.length
      ? [
          {
            key: t('kn.links'),
            value: html`<ul class="knowledge-links">${p.links.map(
              (l) =>
                html`<li><a href="${l.url}" rel="nofollow noopener noreferrer">${l.title ?? l.url}</a></li>`,
            )}</ul>`,
          },
        ]
      : []),
    ...(p.publishedAt ? [{ key: t('kn.publishedOn'), value: formatDate(tc, p.publishedAt) }] : []),
    ...(p.updatedAt && p.updatedAt !== p.publishedAt
      ? [{ key: t('kn.updatedOn'), value: formatDate(tc, p.updatedAt) }]
      : []),
  ];
  return summaryList(rows);
}

/** Where the review stands: in review, or waiting for the city (a published practice's change too). */
const stateOf = (p: Practice) => {
  const w = p.working;
  const status = p.status === 'published' && w?.change ? w.change : p.status;
  return status;
};

const DONE = ['published', 'returned', 'submitted', 'conflict', 'created', 'saved'] as const;

function doneBanner(w: Words, done: string | null) {
  if (!done || !(DONE as readonly string[]).includes(done)) return '';
  const key = done as (typeof DONE)[number];
  return notificationBanner(w.t(`kn.done.${key}`), w.t(`kn.done.${key}.body`), key !== 'conflict');
}

/** For the Secretariat and the city: a change being written or reviewed, and a link to read it. */
function reviewNote(w: Words, read: Practice, showingWorking: boolean, here: string) {
  if (!read.working || read.status !== 'published' || !read.working.change) return '';
  return html`<p class="body">${tag(w.t(`kn.status.${read.working.change}` as 'kn.status.draft'), 'warning')} ${
    showingWorking
      ? html`<a href="${here}">${w.t('kn.review.seePublished')}</a>`
      : html`<a href="${here}?version=working">${w.t('kn.review.seeChange')}</a>`
  }</p>`;
}

/**
 * The buttons of the review, by who is reading (the API decides again): the Secretariat publishes or
 * returns with a reason what is in review; the city's representatives submit a draft or a returned one.
 */
function reviewActions(request: PageRequest, read: Practice, refused?: { reason: string; error: string }) {
  const roles = request.session?.roles ?? [];
  const state = stateOf(read);
  const w = words(request.lang);
  const { t, tc } = w;
  const action = (name: string) => pathIn(request.lang, `${practicePath(read.id)}/${name}`);
  if (roles.includes('secretariat') && state === 'in_review') {
    return html`<h2 class="heading heading--m">${t('kn.review.title')}</h2>
${refused ? errorSummary(tc('error.title'), [{ field: 'reason', message: refused.error }]) : ''}
<form method="post" action="${action('publish')}">${button(t('kn.review.publish'))}</form>
<form method="post" action="${action('return')}" novalidate>
${textarea({
  id: 'reason',
  label: t('kn.review.reason'),
  hint: t('kn.review.reasonHint'),
  value: refused?.reason ?? '',
  rows: 4,
  ...(refused ? { error: refused.error } : {}),
  errorPrefix: tc('error.prefix'),
})}
${button(t('kn.review.return'), { secondary: true })}
</form>`;
  }
  // Only the city's representatives (and the Secretariat) are shown the history.
  const ofTheCity = roles.includes('member') && 'history' in read;
  const edit =
    ofTheCity && state !== 'in_review' && state !== 'retired'
      ? html`<p class="body"><a href="${pathIn(request.lang, `${practicePath(read.id)}/edit`)}">${t('kn.form.edit')}</a></p>`
      : '';
  if (ofTheCity && (state === 'draft' || state === 'changes_requested')) {
    return html`${edit}<form method="post" action="${action('submit')}">${button(t('kn.review.submit'))}</form>`;
  }
  return edit;
}

/**
 * `/<lang>/knowledge/practices/{id}` (every practice email links here): the practice from
 * `GET /practices/{id}`, one call, with the signed-in person's token so the city's representatives and
 * the Secretariat also see a draft. The text is shown in the page's language when the practice has it
 * (a machine translation is labelled, with the original one click away), its sections as the API
 * rendered them, then the facts, the other languages and the cities that adopted it.
 */
export const practicePage: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id',
  handle: (request) => renderPractice(request),
};

/** The practice page, also answered by a refused review form (with its error). */
export async function renderPractice(
  request: PageRequest,
  refused?: { reason: string; error: string },
): Promise<PageResult> {
  const { lang, params, query, session } = request;
  const w = words(lang);
  const { t } = w;
  const answer = await api(
    `/practices/${encodeURIComponent(params.id ?? '')}`,
    session ? { token: session.token } : {},
  );
  if (answer.status === 404 || answer.status === 400 || answer.status === 403) {
    return { status: 404, page: messagePage(w.tc('error.notFound.title'), w.tc('error.notFound.body')) };
  }
  if (answer.status !== 200) throw new Error(`The practice answered ${answer.status}`);
  const read = answer.body as Practice;
  // The city's representatives and the Secretariat may read the version being written (`?version=working`).
  const showWorking = query.get('version') === 'working' && read.working !== undefined;
  const p: Practice = showWorking ? { ...read, ...read.working, adoptions: read.adoptions } : read;
  const texts = textsOf(p);
  const text = chosenText(texts, query.get('text'), lang);
  const here = pathIn(lang, practicePath(p.id));
  const original = texts[0] as Text;
  const sections = SECTION_NAMES.filter((s) => text.sectionsHtml[s] ?? original.sectionsHtml[s]);
  // Only the original carries the sections when a translation has none of its own.
  const sectionOf = (s: string) =>
    text.sectionsHtml[s] !== undefined
      ? { html: text.sectionsHtml[s] as string, lang: text.language }
      : { html: original.sectionsHtml[s] as string, lang: original.language };
  const others = texts.filter((x) => x.language !== text.language);
  return {
    ...(refused ? { status: 400 } : {}),
    page: {
      title: text.title,
      body: html`${backLink(pathIn(lang, '/knowledge'), t('kn.back'))}
${doneBanner(w, query.get('done'))}${filesBanner(request)}
${adoptedBanner(request)}
${reviewNote(w, read, showWorking, here)}
${p.status === 'published' ? '' : html`<p>${tag(t(`kn.status.${p.status}` as 'kn.status.draft'), 'warning')}</p>`}
${p.returnReason && (p.status === 'changes_requested' || p.change === 'changes_requested') ? notificationBanner(t('kn.status.changes_requested'), t('kn.returnReason', { reason: p.returnReason }), false) : ''}
<article class="knowledge-practice" lang="${text.language}">
<h1 class="heading heading--xl">${text.title}</h1>
${
  text.machine
    ? html`<div class="knowledge-practice__machine" lang="${lang}">${machineLabel(w)} <span>${t(
        'kn.machineNote',
        {
          language: w.language(p.language),
        },
      )}</span> <a href="${here}?text=${encodeURIComponent(p.language)}">${t('kn.readOriginal', {
        language: w.language(p.language),
      })}</a></div>`
    : ''
}
<p class="lead">${text.summary}</p>
${sections.map((s) => {
  const section = sectionOf(s);
  return html`<section class="knowledge-section"${section.lang === text.language ? '' : html` lang="${section.lang}"`}>
<h2 class="heading heading--m" lang="${lang}">${t(`kn.section.${s}`)}</h2>
<div class="knowledge-markdown">${new SafeHtml(section.html)}</div>
</section>`;
})}
</article>
${p.status === 'retired' ? html`<p class="body">${t('kn.retiredNote')}</p>` : ''}
${p.formerMember ? html`<p class="body">${t('kn.formerMemberNote')}</p>` : ''}
${practiceFiles(request, read, p)}
<h2 class="heading heading--m">${t('kn.facts')}</h2>
${facts(w, p)}
${themeTags(w, p.themes)}
${
  others.length
    ? html`<h2 class="heading heading--m">${t('kn.languages')}</h2>
<ul class="knowledge-languages">${others.map(
        (x) =>
          html`<li><a href="${here}?text=${encodeURIComponent(x.language)}" hreflang="${x.language}">${
            x.language === p.language
              ? t('kn.original', { language: w.language(x.language) })
              : w.language(x.language)
          }</a>${x.machine ? html` ${machineLabel(w)}` : ''}</li>`,
      )}</ul>`
    : ''
}
<h2 class="heading heading--m">${t('kn.adoptions')}</h2>
${
  p.adoptions.length
    ? html`<ul class="knowledge-adoptions">${p.adoptions.map(
        (a) =>
          html`<li>${w.city(a.city)}${
            a.practiceId
              ? html` – <a href="${pathIn(lang, practicePath(a.practiceId))}">${t('kn.theirPractice')}</a>`
              : ''
          }${a.note ? html`<p class="body knowledge-text">${a.note}</p>` : ''}</li>`,
      )}</ul>`
    : html`<p class="body">${t('kn.noAdoptions')}</p>`
}
${practiceNetwork(request, read)}
${reviewActions(request, read, refused)}`,
      ...(refused ? { hasErrors: true } : {}),
    },
  };
}
