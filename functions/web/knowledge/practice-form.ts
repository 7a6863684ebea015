import { randomUUID } from 'node:crypto';
import { html, SafeHtml } from '../../emails/html.ts';
import { SECTION_NAMES } from '../../knowledge/schemas.ts';
import { COST_RANGES, SDGS, STAGES, THEME_CODES } from '../../knowledge/themes.ts';
import { LANGUAGES } from '../../shared/i18n.ts';
import { type ApiProblem, api } from '../api-client.ts';
import {
  backLink,
  button,
  checkboxes,
  errorSummary,
  type FieldError,
  hiddenFields,
  notificationBanner,
  select,
  textarea,
  textInput,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import {
  type Form,
  messagePage,
  type PageRequest,
  type PageResult,
  type PageRoute,
  requireRole,
} from '../server.ts';
import { editLinks } from './files.ts';
import { practicePath } from './practice.ts';
import { type Words, words } from './views.ts';

/**
 * The practice form of a city's representatives: `/knowledge/practices/new` drafts one
 * (`POST /practices`, its Idempotency-Key made when the form is shown), `.../{id}/edit` edits the
 * version being written (`PATCH /practices/{id}`). Every field of the API's schema; its 400s are shown
 * at their fields in the page's language. No script: lists are one item a line.
 */

type Values = Readonly<Record<string, string | readonly string[]>>;
const MAX = { title: 200, summary: 1000, section: 4000 } as const;
const OPTIONAL_SECTIONS: readonly string[] = SECTION_NAMES.filter((s) => s !== 'problem' && s !== 'solution');

const one = (v: string | readonly string[] | undefined) => (typeof v === 'string' ? v : (v?.[0] ?? ''));
const many = (v: string | readonly string[] | undefined) =>
  v === undefined ? [] : typeof v === 'string' ? [v] : v;
const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A link a line: its address, then its title after a space. */
function linksOf(v: string) {
  return lines(v).map((l) => {
    const [url = '', ...title] = l.split(/\s+/);
    return title.length ? { url, title: title.join(' ') } : { url };
  });
}

/** A year the API can check: a number when it is one, else the text as typed (refused at its field). */
const yearOf = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : v.trim());

/**
 * The request body from the form. A new practice leaves out what is empty; an edit sends `null` for it,
 * which removes it (the API merges sections one by one).
 */
export function bodyOf(f: Values, mode: 'new' | 'edit'): Record<string, unknown> {
  const empty = mode === 'new' ? undefined : null;
  const opt = (v: unknown, isEmpty: boolean) => (isEmpty ? empty : v);
  const text = (k: string) => one(f[k]).trim();
  const sections: Record<string, unknown> = { problem: text('problem'), solution: text('solution') };
  for (const s of OPTIONAL_SECTIONS) sections[s] = opt(text(s), text(s) === '');
  const list = (k: string) => lines(one(f[k]));
  const body: Record<string, unknown> = {
    title: text('title'),
    summary: text('summary'),
    ...(mode === 'new' ? { language: text('language') } : {}),
    sections,
    themes: many(f.themes),
    sdgs: opt(many(f.sdgs).map(Number), many(f.sdgs).length === 0),
    stage: opt(text('stage'), text('stage') === ''),
    yearStarted: opt(yearOf(text('yearStarted')), text('yearStarted') === ''),
    costRange: opt(text('costRange'), text('costRange') === ''),
    technologies: opt(list('technologies'), list('technologies').length === 0),
    partners: opt(list('partners'), list('partners').length === 0),
    links: opt(linksOf(text('links')), list('links').length === 0),
  };
  return JSON.parse(JSON.stringify(body)); // drops the undefined ones
}

/** The form's values from a practice as the API shows it (its version being written). */
export function valuesOf(p: WorkingPractice): Values {
  return {
    title: p.title,
    summary: p.summary,
    language: p.language,
    ...Object.fromEntries(SECTION_NAMES.map((s) => [s, p.sections?.[s] ?? ''])),
    themes: p.themes,
    sdgs: p.sdgs.map(String),
    stage: p.stage ?? '',
    yearStarted: p.yearStarted ? String(p.yearStarted) : '',
    costRange: p.costRange ?? '',
    technologies: p.technologies.join('\n'),
    partners: p.partners.join('\n'),
    links: p.links.map((l) => (l.title ? `${l.url} ${l.title}` : l.url)).join('\n'),
  };
}

/** The field an API error path names (`body.sections.results`, `body.links.2.url`), and the line of a list. */
function fieldOf(path: string): { field: string; line?: number } | undefined {
  const [where, second] = path.replace(/^body\.?/, '').split('.');
  if (where === 'sections') return second ? { field: second } : { field: 'problem' };
  if (where === 'cityId') return undefined;
  const known = ['title', 'summary', 'language', 'themes', 'sdgs', 'stage', 'yearStarted', 'costRange'];
  if (where && known.includes(where)) return { field: where };
  if (where === 'technologies' || where === 'partners' || where === 'links')
    return { field: where, ...(second && /^\d+$/.test(second) ? { line: Number(second) + 1 } : {}) };
  return undefined;
}

/** The API's 400 as field errors in the page's language, one a field, in the form's order. */
export function fieldErrors(w: Words, problem: ApiProblem | undefined, f: Values): FieldError[] {
  const { t } = w;
  const found = new Map<string, string>();
  for (const error of problem?.errors ?? []) {
    const at = fieldOf(error.path);
    if (!at || found.has(at.field)) continue;
    const typed = typeof f[at.field] === 'string' ? one(f[at.field]).trim() : many(f[at.field]).join('');
    const long = /too big|too long|<=|at most|characters/i.test(error.message);
    const max = at.field === 'title' ? MAX.title : at.field === 'summary' ? MAX.summary : MAX.section;
    const message =
      at.field === 'themes'
        ? t('kn.form.err.themes')
        : at.field === 'yearStarted'
          ? t('kn.form.err.year', { next: new Date().getUTCFullYear() + 1 })
          : at.field === 'links'
            ? t('kn.form.err.links', { line: at.line ?? 1 })
            : at.field === 'technologies' || at.field === 'partners'
              ? t('kn.form.err.list', { line: at.line ?? 1 })
              : typed === ''
                ? t('kn.form.err.required')
                : long && ['title', 'summary', ...SECTION_NAMES].includes(at.field)
                  ? t('kn.form.err.tooLong', { max })
                  : t('kn.form.err.invalid');
    found.set(at.field, message);
  }
  const order = ['title', 'summary', 'language', ...SECTION_NAMES, 'themes', 'sdgs', 'stage'].concat([
    'yearStarted',
    'costRange',
    'technologies',
    'partners',
    'links',
  ]);
  return [...found.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([field, message]) => ({ field, message }));
}

interface FormState {
  readonly values: Values;
  readonly errors?: readonly FieldError[];
  /** The edit's version read (`updatedAt` of the version being written): a change since then is a conflict. */
  readonly read?: string;
  readonly key?: string;
}

function formHtml(request: PageRequest, mode: 'new' | 'edit', s: FormState): SafeHtml {
  const w = words(request.lang);
  const { t, tc } = w;
  const v = s.values;
  const err = (field: string) => s.errors?.find((e) => e.field === field)?.message;
  const withError = (field: string) => {
    const e = err(field);
    return { ...(e ? { error: e } : {}), errorPrefix: tc('error.prefix') };
  };
  const area = (id: string, label: string, rows: number, hint?: string) =>
    textarea({ id, label, rows, value: one(v[id]), ...(hint ? { hint } : {}), ...withError(id) });
  return html`${errorSummary(tc('error.title'), s.errors ?? [])}
<form method="post" novalidate class="knowledge-form">
${hiddenFields({ key: s.key, read: s.read })}
${textInput({ id: 'title', label: t('kn.form.title'), value: one(v.title), ...withError('title') })}
${area('summary', t('kn.form.summary'), 4, t('kn.form.summaryHint'))}
${
  mode === 'new'
    ? select({
        id: 'language',
        label: t('kn.form.language'),
        hint: t('kn.form.languageHint'),
        value: one(v.language) || request.lang,
        choices: LANGUAGES.map((l) => ({ value: l, label: w.language(l) })),
        ...withError('language'),
      })
    : ''
}
<h2 class="heading heading--m">${t('kn.form.sections')}</h2>
<p class="body">${t('kn.form.markdownHint')}</p>
${SECTION_NAMES.map((name) =>
  area(
    name,
    OPTIONAL_SECTIONS.includes(name)
      ? t('kn.form.optional', { label: t(`kn.section.${name}`) })
      : t(`kn.section.${name}`),
    name === 'problem' || name === 'solution' ? 8 : 5,
  ),
)}
<h2 class="heading heading--m">${t('kn.facts')}</h2>
${checkboxes({
  id: 'themes',
  legend: t('kn.themes'),
  hint: t('kn.form.themesHint'),
  choices: THEME_CODES.map((c) => ({ value: c, label: w.theme(c) })),
  values: many(v.themes),
  ...withError('themes'),
})}
${checkboxes({
  id: 'sdgs',
  legend: t('kn.form.optional', { label: t('kn.sdgs') }),
  choices: SDGS.map((_, i) => ({ value: String(i + 1), label: w.sdg(i + 1) })),
  values: many(v.sdgs),
  ...withError('sdgs'),
})}
${select({
  id: 'stage',
  label: t('kn.form.optional', { label: t('kn.stage') }),
  value: one(v.stage),
  placeholder: t('kn.form.none'),
  choices: STAGES.map((s) => ({ value: s, label: w.stage(s) })),
  ...withError('stage'),
})}
${textInput({
  id: 'yearStarted',
  label: t('kn.form.optional', { label: t('kn.yearStarted') }),
  value: one(v.yearStarted),
  inputmode: 'numeric',
  width: 'short',
  ...withError('yearStarted'),
})}
${select({
  id: 'costRange',
  label: t('kn.form.optional', { label: t('kn.costRange') }),
  value: one(v.costRange),
  placeholder: t('kn.form.none'),
  choices: COST_RANGES.map((c) => ({ value: c, label: w.cost(c) })),
  ...withError('costRange'),
})}
${area('technologies', t('kn.form.optional', { label: t('kn.technologies') }), 3, t('kn.form.oneALine'))}
${area('partners', t('kn.form.optional', { label: t('kn.partners') }), 3, t('kn.form.oneALine'))}
${area('links', t('kn.form.optional', { label: t('kn.links') }), 3, t('kn.form.linksHint'))}
${button(mode === 'new' ? t('kn.form.create') : t('kn.form.save'))}
</form>`;
}

export interface WorkingPractice {
  readonly id: string;
  readonly status: string;
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  readonly sections?: Record<string, string>;
  readonly sectionsHtml?: Record<string, string>;
  readonly themes: readonly string[];
  readonly sdgs: readonly number[];
  readonly stage?: string;
  readonly yearStarted?: number;
  readonly costRange?: string;
  readonly technologies: readonly string[];
  readonly partners: readonly string[];
  readonly links: readonly { url: string; title?: string }[];
  readonly updatedAt: string;
}

function newPage(request: PageRequest, s: FormState, status?: number): PageResult {
  const { t } = words(request.lang);
  return {
    ...(status ? { status } : {}),
    page: {
      title: t('kn.form.newTitle'),
      body: html`${backLink(pathIn(request.lang, '/knowledge'), t('kn.back'))}
<h1 class="heading heading--xl">${t('kn.form.newTitle')}</h1>
<p class="lead">${t('kn.form.newLead')}</p>
${formHtml(request, 'new', s)}`,
      ...(s.errors?.length ? { hasErrors: true } : {}),
    },
  };
}

const newForm: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/new',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    return newPage(request, { values: { language: request.lang }, key: randomUUID() });
  },
};

const KEY = /^[\w-]{1,64}$/;

const createAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/new',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const w = words(request.lang);
    const key = KEY.test(one(request.form.key)) ? one(request.form.key) : randomUUID();
    const answer = await api('/practices', {
      method: 'POST',
      token: allowed.session.token,
      json: bodyOf(request.form, 'new'),
      idempotencyKey: `practice-${key}`,
    });
    if (answer.status === 201 || answer.status === 200)
      return { redirect: `${pathIn(request.lang, practicePath(answer.body.id))}?done=created` };
    if (answer.status === 400) {
      const errors = fieldErrors(w, answer.body as ApiProblem, request.form);
      return newPage(
        request,
        {
          values: request.form,
          key,
          errors: errors.length ? errors : [{ field: 'title', message: w.t('kn.form.err.invalid') }],
        },
        400,
      );
    }
    if (answer.status === 403) return refused(request);
    throw new Error(`Drafting a practice answered ${answer.status}`);
  },
};

const refused = (request: PageRequest): PageResult => {
  const { t } = words(request.lang);
  return { status: 403, page: messagePage(t('kn.form.refused.title'), t('kn.form.refused.body')) };
};

/** The practice the caller may edit: its version being written, or why not (a page to answer). */
async function editable(
  request: PageRequest,
  token: string,
): Promise<{ practice: WorkingPractice } | { result: PageResult }> {
  const w = words(request.lang);
  const answer = await api(`/practices/${encodeURIComponent(request.params.id ?? '')}`, { token });
  if (answer.status === 404 || answer.status === 400)
    return {
      result: { status: 404, page: messagePage(w.tc('error.notFound.title'), w.tc('error.notFound.body')) },
    };
  if (answer.status !== 200) throw new Error(`The practice answered ${answer.status}`);
  // Only the city's representatives (and the Secretariat) get the history: anyone else reads the public view.
  if (!('history' in answer.body)) return { result: refused(request) };
  const read = answer.body as WorkingPractice & { working?: WorkingPractice };
  if (read.status === 'retired') return { result: refused(request) };
  return { practice: read.working ?? read };
}

function editPage(
  request: PageRequest,
  p: WorkingPractice,
  s: FormState,
  o: { status?: number; conflict?: boolean } = {},
): PageResult {
  const w = words(request.lang);
  const { t } = w;
  const back = pathIn(request.lang, practicePath(p.id));
  const current = o.conflict
    ? html`${notificationBanner(t('kn.form.conflict.title'), t('kn.form.conflict.body'), false)}
<section class="knowledge-current" lang="${p.language}">
<h2 class="heading heading--m" lang="${request.lang}">${t('kn.form.conflict.current')}</h2>
<p class="body"><strong>${p.title}</strong></p>
<p class="body">${p.summary}</p>
${SECTION_NAMES.filter((n) => p.sectionsHtml?.[n]).map(
  (n) => html`<h3 class="heading heading--s" lang="${request.lang}">${t(`kn.section.${n}`)}</h3>
<div class="knowledge-markdown">${new SafeHtml(p.sectionsHtml?.[n] ?? '')}</div>`,
)}
</section>`
    : '';
  return {
    ...(o.status ? { status: o.status } : {}),
    page: {
      title: t('kn.form.editTitle'),
      body: html`${backLink(back, t('kn.form.backToPractice'))}
<h1 class="heading heading--xl">${t('kn.form.editTitle')}</h1>
<p class="lead">${p.status === 'published' ? t('kn.form.editPublishedLead') : t('kn.form.editLead', { language: w.language(p.language) })}</p>
${editLinks(request.lang, p.id)}
${current}
${formHtml(request, 'edit', { ...s, read: p.updatedAt })}`,
      ...(s.errors?.length ? { hasErrors: true } : {}),
    },
  };
}

const editForm: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/edit',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const found = await editable(request, allowed.session.token);
    if ('result' in found) return found.result;
    return editPage(request, found.practice, { values: valuesOf(found.practice) });
  },
};

/**
 * The edit: the practice is read again (call 1) and saved only when nobody changed it since the form
 * was shown (its `updatedAt`, carried in the form); otherwise the current text is shown with what was
 * typed. The API writes only if it is still the version the form was shown (`expectedUpdatedAt`, call 2).
 */
const saveAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/edit',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const w = words(request.lang);
    const form: Form = request.form;
    const found = await editable(request, allowed.session.token);
    if ('result' in found) return found.result;
    const p = found.practice;
    if (one(form.read) !== p.updatedAt)
      return editPage(request, p, { values: form }, { status: 409, conflict: true });
    const answer = await api(`/practices/${encodeURIComponent(p.id)}`, {
      method: 'PATCH',
      token: allowed.session.token,
      json: { ...bodyOf(form, 'edit'), expectedUpdatedAt: p.updatedAt },
    });
    const back = pathIn(request.lang, practicePath(p.id));
    if (answer.status === 200) return { redirect: `${back}?done=saved` };
    if (answer.status === 400) {
      const errors = fieldErrors(w, answer.body as ApiProblem, form);
      return editPage(
        request,
        p,
        {
          values: form,
          errors: errors.length ? errors : [{ field: 'title', message: w.t('kn.form.err.invalid') }],
        },
        { status: 400 },
      );
    }
    // Changed between the two calls, or no longer in a state the city can edit (in review).
    if (answer.status === 409) return { redirect: `${back}?done=conflict` };
    if (answer.status === 403) return refused(request);
    throw new Error(`Editing a practice answered ${answer.status}`);
  },
};

export const practiceFormPages: readonly PageRoute[] = [newForm, createAction, editForm, saveAction];
