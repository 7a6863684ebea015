import { createHash } from 'node:crypto';
import { html, type SafeHtml } from '../../emails/html.ts';
import type { Representative } from '../../knowledge/schemas.ts';
import type { Application } from '../../membership/application.ts';
import { LANGUAGES, type Language } from '../../shared/i18n.ts';
import { type ApiAnswer, api } from '../api-client.ts';
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
  fieldErrors,
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

/** The new list with `typed` added: its errors, found on the page first, or the list to send. */
export function withAdded(
  reps: readonly Representative[],
  typed: Typed,
): { errors: (keyof Typed)[] } | { list: Representative[] } {
  const errors: (keyof Typed)[] = [];
  if (!typed.name) errors.push('name');
  const email = typed.email.toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push('email');
  if (typed.language && !(LANGUAGES as readonly string[]).includes(typed.language)) errors.push('language');
  if (errors.length > 0) return { errors };
  const added: Representative = {
    name: typed.name,
    email,
    ...(typed.language ? { language: typed.language as Language } : {}),
  };
  return { list: [...reps, added] };
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

const DONE = ['added', 'removed'] as const;

/**
 * A change: the list is read with the city, the change is made to it and the whole list sent (two API
 * calls). `change` returns the list to send or the page to show instead.
 */
async function change(
  request: PageRequest,
  change: (t: RepT, city: Application, reps: Representative[]) => Representative[] | PageResult,
  refusedPage: (t: RepT, city: Application, reps: Representative[], answer: ApiAnswer) => PageResult,
): Promise<PageResult> {
  const allowed = secretariatOnly(request);
  if ('result' in allowed) return allowed.result;
  const t = repT(request.lang);
  const token = allowed.session.token;
  const got = await read(request, token);
  if ('result' in got) return got.result;
  const { city, reps } = got;
  if (!reps) return notMember(t, city);
  const list = change(t, city, reps);
  if (!Array.isArray(list)) return list;
  const answer = await api(`/cities/${encodeURIComponent(city.id)}/representatives`, {
    method: 'PUT',
    token,
    json: { representatives: list },
  });
  if (answer.status === 200) {
    const done = list.length > reps.length ? 'added' : 'removed';
    return { redirect: `${repsPath(t, city.id)}?done=${done}` };
  }
  if (answer.status === 409) {
    // Withdrawn, or the list changed, between the read and the write (rare): the page says so.
    return page(t, city, body(t, city, reps), {
      status: 409,
      errors: [{ field: 'rep-name', message: t('reps.conflict') }],
    });
  }
  if (answer.status !== 400) return refused(request, answer);
  return refusedPage(t, city, reps, answer);
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
      return page(t, got.city, body(t, got.city, got.reps, done ? { done: t(`reps.done.${done}`) } : {}));
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/representatives',
    handle: (request) => {
      const typed = Object.fromEntries(FIELDS.map((f) => [f, field(request.form, f).trim()])) as Typed;
      const again = (
        t: RepT,
        city: Application,
        reps: Representative[],
        errors: FieldError[],
        status = 400,
      ) => page(t, city, body(t, city, reps, { typed, errors }), { errors, status });
      return change(
        request,
        (t, city, reps) => {
          if (field(request.form, 'seen') !== listDigest(reps)) {
            return again(t, city, reps, [{ field: 'rep-name', message: t('reps.changed') }], 409);
          }
          if (reps.some((r) => r.email === typed.email.toLowerCase())) {
            return again(t, city, reps, [{ field: 'rep-email', message: t('reps.email.twice') }]);
          }
          const next = withAdded(reps, typed);
          if ('errors' in next) {
            return again(
              t,
              city,
              reps,
              next.errors.map((f) => ({ field: `rep-${f}`, message: t(`reps.${f}.error`) })),
            );
          }
          return next.list;
        },
        (t, city, reps, answer) => {
          // The API's 400 about the one added (the last in the list), or about the list (at most 20).
          const at = `body.representatives.${reps.length}.`;
          const errors = fieldErrors(
            answer,
            (path) => {
              const f = FIELDS.find((name) => path === `${at}${name}`);
              return f ? { field: `rep-${f}`, message: t(`reps.${f}.error`) } : undefined;
            },
            { field: 'rep-name', message: t('reps.error', { max: 20 }) },
          );
          return again(t, city, reps, errors);
        },
      );
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/representatives/remove',
    handle: (request) => {
      const email = field(request.form, 'email');
      return change(
        request,
        (t, city, reps) => {
          if (field(request.form, 'seen') !== listDigest(reps) || !reps.some((r) => r.email === email)) {
            return page(t, city, body(t, city, reps), {
              status: 409,
              errors: [{ field: 'rep-name', message: t('reps.changed') }],
            });
          }
          return reps.filter((r) => r.email !== email);
        },
        (t, city, reps) =>
          page(t, city, body(t, city, reps), {
            status: 400,
            errors: [{ field: 'rep-name', message: t('reps.error', { max: 20 }) }],
          }),
      );
    },
  },
];
