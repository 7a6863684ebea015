import { randomUUID } from 'node:crypto';
import { html } from '../../emails/html.ts';
import { cityOf } from '../../knowledge/ids.ts';
import { type ApiProblem, api } from '../api-client.ts';
import {
  backLink,
  button,
  errorSummary,
  type FieldError,
  hiddenFields,
  radios,
  select,
  textarea,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import {
  adoptPath,
  KEY,
  type MyCity,
  myCities,
  netWords,
  notFoundPage,
  one,
  refusal,
  representativeOnly,
} from './network.ts';
import { practicePath } from './practice.ts';

/**
 * `/<lang>/knowledge/practices/{id}/adopt`: "we adopted this". A representative of another member city
 * records that their city replicated a published practice (`POST /practices/{id}/adoptions`), with a
 * note and, if they wish, their own city's practice that adapts it, chosen from the city's practices
 * (`GET /cities/{cityId}/practices`). The practice's page then lists the city. Two calls: the caller's
 * cities (`GET /me`), then that list; one who represents several cities chooses which first.
 */

const NOTE_MAX = 2000;
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

interface Typed {
  readonly note: string;
  readonly practiceId: string;
  readonly key: string;
  readonly errors: readonly FieldError[];
}

interface Own {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly language: string;
}

/** The practice's city, from its id (ids name their city): a malformed id is no practice. */
function practiceCity(id: string): string | undefined {
  try {
    return cityOf(id);
  } catch {
    return undefined;
  }
}

async function show(request: PageRequest, token: string, typed?: Typed): Promise<PageResult> {
  const { lang, params, query, form } = request;
  const w = netWords(lang);
  const { n, t, tc } = w;
  const id = params.id ?? '';
  const ofPractice = practiceCity(id);
  if (!ofPractice) return notFoundPage(lang);
  const cities = await myCities(token);
  const adopters = cities.filter((c) => c.member && c.id !== ofPractice);
  if (adopters.length === 0) {
    return cities.some((c) => c.id === ofPractice)
      ? refusal(403, n('net.adopt.own.title'), n('net.adopt.own.body'))
      : refusal(403, n('net.my.notRep.title'), n('net.my.notRep.body'));
  }
  const asked = one(form.cityId) || query.get('city') || '';
  const city: MyCity | undefined = adopters.length === 1 ? adopters[0] : adopters.find((c) => c.id === asked);
  const back = backLink(pathIn(lang, practicePath(id)), n('net.back.practice'));
  const here = pathIn(lang, adoptPath(id));
  if (!city) {
    // Several cities: which one adopted it decides the practices on offer (a GET form, no write).
    return {
      page: {
        title: n('net.adopt.title'),
        body: html`${back}
<h1 class="heading heading--xl">${n('net.adopt.title')}</h1>
<p class="lead">${n('net.adopt.leadNoTitle')}</p>
<form method="get" action="${here}" class="knowledge-form">
${radios({
  id: 'city',
  legend: n('net.adopt.city'),
  choices: adopters.map((c) => ({ value: c.id, label: w.city(c) })),
  errorPrefix: tc('error.prefix'),
})}
${button(n('net.adopt.chooseCity'))}
</form>`,
      },
    };
  }
  const list = await api(`/cities/${encodeURIComponent(city.id)}/practices?limit=100`, { token });
  if (list.status !== 200) throw new Error(`The city's practices answered ${list.status}`);
  const own = (list.body as { items: Own[] }).items;
  const errors = typed?.errors ?? [];
  const err = (field: string) => {
    const e = errors.find((x) => x.field === field)?.message;
    return { ...(e ? { error: e } : {}), errorPrefix: tc('error.prefix') };
  };
  const label = (p: Own) =>
    p.status === 'published' ? p.title : `${p.title} (${t(`kn.status.${p.status}` as 'kn.status.draft')})`;
  return {
    ...(errors.length ? { status: 400 } : {}),
    page: {
      title: n('net.adopt.title'),
      ...(errors.length ? { hasErrors: true } : {}),
      body: html`${back}
${errorSummary(tc('error.title'), errors)}
<h1 class="heading heading--xl">${n('net.adopt.title')}</h1>
<p class="lead">${n('net.adopt.leadNoTitle')}</p>
<p class="body">${w.city(city)}</p>
<form method="post" action="${here}" novalidate class="knowledge-form">
${hiddenFields({ key: typed?.key ?? randomUUID(), cityId: city.id })}
${
  own.length
    ? select({
        id: 'practiceId',
        label: n('net.adopt.practice'),
        hint: n('net.adopt.practiceHint'),
        placeholder: n('net.adopt.noPractice'),
        choices: own.filter((p) => p.status !== 'retired').map((p) => ({ value: p.id, label: label(p) })),
        value: typed?.practiceId ?? '',
        ...err('practiceId'),
      })
    : ''
}
${textarea({
  id: 'note',
  label: n('net.adopt.note'),
  hint: n('net.adopt.noteHint', { max: NOTE_MAX }),
  value: typed?.note ?? '',
  rows: 6,
  ...err('note'),
})}
${button(n('net.adopt.submit'))}
</form>`,
    },
  };
}

export function checkAdoption(request: PageRequest): Typed {
  const { n } = netWords(request.lang);
  const f = request.form;
  const note = one(f.note).trim();
  const errors: FieldError[] = [];
  if (!note) errors.push({ field: 'note', message: n('net.adopt.err.note') });
  else if (note.length > NOTE_MAX || CONTROL.test(note))
    errors.push({ field: 'note', message: n('net.adopt.err.tooLong', { max: NOTE_MAX }) });
  return {
    note,
    practiceId: one(f.practiceId),
    key: KEY.test(one(f.key)) ? one(f.key) : randomUUID(),
    errors,
  };
}

function apiErrors(request: PageRequest, problem: ApiProblem | undefined): FieldError[] {
  const { n } = netWords(request.lang);
  const paths = (problem?.errors ?? []).map((e) => e.path);
  return [
    ...(paths.includes('body.practiceId')
      ? [{ field: 'practiceId', message: n('net.adopt.err.practice') }]
      : []),
    ...(paths.includes('body.note') || paths.length === 0
      ? [{ field: 'note', message: n('net.adopt.err.tooLong', { max: NOTE_MAX }) }]
      : []),
  ];
}

const adoptForm: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/adopt',
  handle: async (request) => {
    const allowed = representativeOnly(request);
    return 'result' in allowed ? allowed.result : show(request, allowed.session.token);
  },
};

const adoptAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/adopt',
  handle: async (request) => {
    const allowed = representativeOnly(request);
    if ('result' in allowed) return allowed.result;
    const token = allowed.session.token;
    const typed = checkAdoption(request);
    if (typed.errors.length) return show(request, token, typed);
    const id = request.params.id ?? '';
    const cityId = one(request.form.cityId);
    const answer = await api(`/practices/${encodeURIComponent(id)}/adoptions`, {
      method: 'POST',
      token,
      json: {
        note: typed.note,
        ...(typed.practiceId ? { practiceId: typed.practiceId } : {}),
        ...(cityId ? { cityId } : {}),
      },
      idempotencyKey: `adopt-${typed.key}`,
    });
    const { n } = netWords(request.lang);
    if (answer.status === 201 || answer.status === 200)
      return { redirect: `${pathIn(request.lang, practicePath(id))}?adopted=1` };
    if (answer.status === 400)
      return show(request, token, { ...typed, errors: apiErrors(request, answer.body as ApiProblem) });
    if (answer.status === 403) {
      return cityId && cityId === practiceCity(id)
        ? refusal(403, n('net.adopt.own.title'), n('net.adopt.own.body'))
        : refusal(403, n('net.my.notRep.title'), n('net.my.notRep.body'));
    }
    if (answer.status === 404) return refusal(404, n('net.adopt.gone.title'), n('net.adopt.gone.body'));
    if (answer.status === 409) {
      // The API's three conflicts: adopted already, no longer published, the city no longer a member.
      const detail = String((answer.body as ApiProblem | undefined)?.detail ?? '');
      if (/already/i.test(detail))
        return refusal(409, n('net.adopt.already.title'), n('net.adopt.already.body'));
      if (/published/i.test(detail)) return refusal(409, n('net.adopt.gone.title'), n('net.adopt.gone.body'));
      return refusal(409, n('net.my.notRep.title'), n('net.my.notRep.body'));
    }
    throw new Error(`Adopting answered ${answer.status}`);
  },
};

export const adoptPages: readonly PageRoute[] = [adoptForm, adoptAction];
