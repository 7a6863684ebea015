import { createHash } from 'node:crypto';
import { html, type SafeHtml } from '../../emails/html.ts';
import { type Representative, representativesBody } from '../../knowledge/schemas.ts';
import type { Application } from '../../membership/application.ts';
import { LANGUAGES, type Language } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import {
  button,
  errorSummary,
  type FieldError,
  hiddenFields,
  notificationBanner,
  select,
  table,
  textInput,
} from '../components.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import {
  type ConsoleT,
  cityBase,
  cityTabs,
  consolePage,
  consoleT,
  field,
  refused,
  secretariatOnly,
} from './views.ts';

/**
 * A member city's representatives on the knowledge-sharing platform (they write for the city there):
 * listed, added and removed with the knowledge API, which replaces the whole list
 * (PUT /cities/{id}/representatives). A change reads the list first and is refused when it is not the
 * list the page showed (`seen`), so two people editing at once do not undo each other's change.
 */
const repT = consoleT;
type RepT = ConsoleT;

const MEMBERS = new Set(['associate', 'full_pending', 'full']);
const FIELDS = ['name', 'email', 'language'] as const;
type Typed = Record<(typeof FIELDS)[number], string>;
const blank: Typed = { name: '', email: '', language: '' };

/** A short digest of a list as shown: the form carries it back to tell whether the list changed since. */
export const listDigest = (reps: readonly Representative[]) =>
  createHash('sha256')
    .update(JSON.stringify(reps.map((r) => [r.email, r.name, r.language ?? ''])))
    .digest('base64url')
    .slice(0, 22);

const repsPath = (t: RepT, cityId: string) => `${cityBase(t, cityId)}/representatives`;

/** A language's name in the page's language ("anglais" on the French page). */
function languageName(t: RepT, code: string): string {
  try {
    return new Intl.DisplayNames([t.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The list with the one typed added, as the API would get it (its schema then checks it). */
export function withAdded(reps: readonly Representative[], typed: Typed): Representative[] {
  return [
    ...reps,
    {
      name: typed.name,
      email: typed.email.toLowerCase(),
      ...(typed.language ? { language: typed.language as Language } : {}),
    },
  ];
}

function page(
  t: RepT,
  city: Application,
  body: SafeHtml,
  options: { errors?: FieldError[]; status?: number } = {},
): PageResult {
  const errors = options.errors ?? [];
  return {
    ...(options.status ? { status: options.status } : {}),
    page: consolePage(t, '/members', {
      title: `${t('reps.title')}: ${city.city.name}`,
      hasErrors: errors.length > 0,
      body: html`${errorSummary(t('error.title'), errors)}
<span class="caption">${city.city.name}</span>
<h1 class="heading heading--xl">${t('reps.title')}</h1>
${MEMBERS.has(city.status) ? cityTabs(t, city.id, '/representatives') : ''}
${body}`,
    }),
  };
}

/** A city that is not a member has no representatives with rights: the page says why, and no more. */
function notMember(t: RepT, city: Application): PageResult {
  const text =
    city.status === 'withdrawn'
      ? t('reps.withdrawn', { city: city.city.name })
      : t('reps.notMember', { city: city.city.name });
  return page(
    t,
    city,
    html`<div class="console-inset" data-no-rights><p class="body">${text}</p>
<p class="body"><a href="${cityBase(t, city.id)}">${t('reps.backToCity', { city: city.city.name })}</a></p></div>`,
  );
}

function body(
  t: RepT,
  city: Application,
  reps: readonly Representative[],
  options: { typed?: Typed; errors?: FieldError[]; done?: string } = {},
): SafeHtml {
  const typed = options.typed ?? blank;
  const errorOf = (id: string) => {
    const e = options.errors?.find((x) => x.field === id);
    return e ? { error: e.message } : {};
  };
  const seen = listDigest(reps);
  const list =
    reps.length === 0
      ? html`<p class="body" data-reps-none>${t('reps.none')}</p>`
      : table({
          caption: t('reps.title'),
          head: [t('field.name'), t('field.email'), t('reps.language'), t('reps.actions')],
          rows: reps.map((r) => [
            r.name,
            r.email,
            r.language ? languageName(t, r.language) : t('reps.language.none'),
            html`<form method="post" action="${repsPath(t, city.id)}/remove">${hiddenFields({ email: r.email, seen })}<button class="button button--secondary console-button--small" type="submit">${t('reps.remove')}<span class="visually-hidden"> ${r.name}</span></button></form>`,
          ]),
        });
  return html`${options.done ? notificationBanner(t('banner.done'), options.done) : ''}
<p class="lead">${t('reps.lead', { city: city.city.name })}</p>
${list}
<h2 class="heading heading--m" id="add-representative">${t('reps.add')}</h2>
<form method="post" action="${repsPath(t, city.id)}" novalidate>
${hiddenFields({ seen })}
${textInput({ id: 'rep-name', name: 'name', label: t('field.name'), errorPrefix: t('error.prefix'), value: typed.name, autocomplete: 'off', ...errorOf('rep-name') })}
${textInput({ id: 'rep-email', name: 'email', type: 'email', label: t('field.email'), errorPrefix: t('error.prefix'), value: typed.email, spellcheck: false, autocomplete: 'off', ...errorOf('rep-email') })}
${select({
  id: 'rep-language',
  name: 'language',
  label: `${t('reps.language')} ${t('form.optional')}`,
  hint: t('reps.language.hint'),
  errorPrefix: t('error.prefix'),
  value: typed.language,
  placeholder: t('reps.language.none'),
  choices: LANGUAGES.map((l) => ({ value: l, label: languageName(t, l) })),
  ...errorOf('rep-language'),
})}
${button(t('reps.addButton'))}
</form>`;
}

/** The city and its list, read together (two API calls); a city that is not a member has no list. */
async function read(
  request: PageRequest,
  token: string,
): Promise<{ city: Application; reps?: Representative[] } | { result: PageResult }> {
  const id = encodeURIComponent(request.params.id ?? '');
  const [city, reps] = await Promise.all([
    api(`/applications/${id}`, { token }),
    api(`/cities/${id}/representatives`, { token }),
  ]);
  if (city.status !== 200) return { result: refused(request, city) };
  if (reps.status === 200) return { city: city.body, reps: reps.body.representatives };
  if (reps.status === 409 || !MEMBERS.has((city.body as Application).status)) return { city: city.body };
  return { result: refused(request, reps) };
}

/** The city alone, for a page shown after the list was read (the second and last API call). */
async function cityOf(request: PageRequest, token: string): Promise<Application | PageResult> {
  const answer = await api(`/applications/${encodeURIComponent(request.params.id ?? '')}`, { token });
  return answer.status === 200 ? (answer.body as Application) : refused(request, answer);
}

const DONE = ['added', 'removed'] as const;
const FAILED = { conflict: 'reps.conflict', invalid: 'reps.invalid' } as const;

/**
 * The list after a change, checked with the API's own schema: the fields of the one added that it
 * refuses (the last in the list), or a refusal of the list itself (more than 20).
 */
export function checkList(list: readonly Representative[]): (keyof Typed | 'list')[] {
  const parsed = representativesBody.safeParse({ representatives: list });
  if (parsed.success) return [];
  const last = list.length - 1;
  return [
    ...new Set(
      parsed.error.issues.map((i) => {
        const [, index, name] = i.path;
        return index === last && FIELDS.includes(name as keyof Typed) ? (name as keyof Typed) : 'list';
      }),
    ),
  ];
}

/**
 * A change: the list is read (one API call), changed and sent whole (the second). A change the page
 * refuses, or a city that is no longer a member, is shown with the city read instead of sending.
 */
async function change(
  request: PageRequest,
  change: (reps: Representative[]) => Representative[] | ((t: RepT, city: Application) => PageResult),
): Promise<PageResult> {
  const allowed = secretariatOnly(request);
  if ('result' in allowed) return allowed.result;
  const t = repT(request.lang);
  const token = allowed.session.token;
  const id = request.params.id ?? '';
  const current = await api(`/cities/${encodeURIComponent(id)}/representatives`, { token });
  if (current.status !== 200 && current.status !== 409) return refused(request, current);
  const next = current.status === 200 ? change(current.body.representatives) : undefined;
  if (!Array.isArray(next)) {
    const city = await cityOf(request, token);
    if (!('city' in city)) return city;
    return next ? next(t, city) : notMember(t, city);
  }
  const answer = await api(`/cities/${encodeURIComponent(id)}/representatives`, {
    method: 'PUT',
    token,
    // Refused if the list changed between the read above and this write.
    json: {
      representatives: next,
      ...(current.body.updatedAt ? { expectedUpdatedAt: current.body.updatedAt } : {}),
    },
  });
  if (answer.status === 200) {
    const done = next.length > current.body.representatives.length ? 'added' : 'removed';
    return { redirect: `${repsPath(t, id)}?done=${done}` };
  }
  // Withdrawn, or changed by someone else, between the read and the write; or refused by a rule the
  // page did not check: the list page, read again, says it (the typed values are not kept: rare).
  if (answer.status === 409) return { redirect: `${repsPath(t, id)}?failed=conflict` };
  if (answer.status === 400) return { redirect: `${repsPath(t, id)}?failed=invalid` };
  return refused(request, answer);
}

export const representativesPages: PageRoute[] = [
  {
    method: 'GET',
    path: '/console/cities/:id/representatives',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = repT(request.lang);
      const got = await read(request, allowed.session.token);
      if ('result' in got) return got.result;
      if (!got.reps) return notMember(t, got.city);
      const done = DONE.find((d) => d === request.query.get('done'));
      const failed = Object.entries(FAILED).find(([k]) => k === request.query.get('failed'))?.[1];
      const errors = failed ? [{ field: 'rep-name', message: t(failed) }] : [];
      return page(
        t,
        got.city,
        body(t, got.city, got.reps, { errors, ...(done ? { done: t(`reps.done.${done}`) } : {}) }),
        { errors },
      );
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/representatives',
    handle: (request) => {
      const typed = Object.fromEntries(FIELDS.map((f) => [f, field(request.form, f).trim()])) as Typed;
      const refuse =
        (reps: Representative[], errors: (t: RepT) => FieldError[], status = 400) =>
        (t: RepT, city: Application) => {
          const shown = errors(t);
          return page(t, city, body(t, city, reps, { typed, errors: shown }), { errors: shown, status });
        };
      return change(request, (reps) => {
        if (field(request.form, 'seen') !== listDigest(reps)) {
          return refuse(reps, (t) => [{ field: 'rep-name', message: t('reps.changed') }], 409);
        }
        if (reps.some((r) => r.email === typed.email.toLowerCase())) {
          return refuse(reps, (t) => [{ field: 'rep-email', message: t('reps.email.twice') }]);
        }
        const list = withAdded(reps, typed);
        const wrong = checkList(list);
        if (wrong.length === 0) return list;
        return refuse(reps, (t) =>
          wrong.map((f) =>
            f === 'list'
              ? { field: 'rep-name', message: t('reps.error', { max: 20 }) }
              : { field: `rep-${f}`, message: t(`reps.${f}.error`) },
          ),
        );
      });
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/representatives/remove',
    handle: (request) => {
      const email = field(request.form, 'email');
      return change(request, (reps) => {
        if (field(request.form, 'seen') !== listDigest(reps) || !reps.some((r) => r.email === email)) {
          return (t, city) =>
            page(t, city, body(t, city, reps), {
              status: 409,
              errors: [{ field: 'rep-name', message: t('reps.changed') }],
            });
        }
        return reps.filter((r) => r.email !== email);
      });
    },
  },
];
