import { randomUUID } from 'node:crypto';
import { html } from '../../emails/html.ts';
import { type ApiProblem, api } from '../api-client.ts';
import {
  backLink,
  button,
  errorSummary,
  type FieldError,
  hiddenFields,
  radios,
  textarea,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import {
  contactPath,
  KEY,
  type MyCity,
  myCities,
  type NetworkPractice,
  netWords,
  notFoundPage,
  one,
  refusal,
  representativeOnly,
} from './network.ts';
import { practicePath } from './practice.ts';

/**
 * `/<lang>/knowledge/practices/{id}/contact`: a representative of another member city writes to the
 * city behind a published practice (`POST /practices/{id}/contact`). The platform relays the message by
 * email to that city's representatives, no address shown on either side, and the page lands on the
 * conversation, where replies are read and written. The form's key, made when it is shown, is the
 * Idempotency-Key: a second press starts one conversation.
 */

const MAX = 4000;
/** What the API refuses in a text besides its length: control characters other than tab and newlines. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

interface Typed {
  readonly message: string;
  readonly cityId: string;
  readonly key: string;
  readonly errors: readonly FieldError[];
}

/** The cities the caller may write for: member cities other than the practice's. */
const writersFor = (cities: readonly MyCity[], p: Pick<NetworkPractice, 'city'>) =>
  cities.filter((c) => c.member && c.id !== p.city.id);

async function show(request: PageRequest, token: string, typed?: Typed): Promise<PageResult> {
  const { lang, params } = request;
  const w = netWords(lang);
  const { n, tc } = w;
  const id = params.id ?? '';
  const [read, cities] = await Promise.all([
    api(`/practices/${encodeURIComponent(id)}`, { token }),
    myCities(token),
  ]);
  if (read.status !== 200) return notFoundPage(lang);
  const p = read.body as NetworkPractice;
  if (p.status !== 'published') return notFoundPage(lang);
  const writers = writersFor(cities, p);
  if (writers.length === 0) {
    return cities.some((c) => c.id === p.city.id)
      ? refusal(403, n('net.contact.own.title'), n('net.contact.own.body'))
      : refusal(403, n('net.my.notRep.title'), n('net.my.notRep.body'));
  }
  const errors = typed?.errors ?? [];
  const err = (field: string) => {
    const e = errors.find((x) => x.field === field)?.message;
    return { ...(e ? { error: e } : {}), errorPrefix: tc('error.prefix') };
  };
  const title = n('net.contact.title', { city: p.city.name });
  return {
    ...(errors.length ? { status: 400 } : {}),
    page: {
      title,
      ...(errors.length ? { hasErrors: true } : {}),
      body: html`${backLink(pathIn(lang, practicePath(p.id)), n('net.back.practice'))}
${errorSummary(tc('error.title'), errors)}
<h1 class="heading heading--xl">${title}</h1>
<p class="lead">${n('net.contact.about', { title: p.title })}</p>
<p class="body">${n('net.contact.lead', { city: p.city.name })}</p>
<form method="post" action="${pathIn(lang, contactPath(p.id))}" novalidate class="knowledge-form">
${hiddenFields({ key: typed?.key ?? randomUUID(), several: writers.length > 1 ? '1' : undefined })}
${
  writers.length > 1
    ? radios({
        id: 'cityId',
        legend: n('net.contact.city'),
        choices: writers.map((c) => ({ value: c.id, label: w.city(c) })),
        value: typed?.cityId ?? '',
        ...err('cityId'),
      })
    : ''
}
${textarea({
  id: 'message',
  label: n('net.contact.message'),
  hint: n('net.contact.hint', { max: MAX }),
  value: typed?.message ?? '',
  rows: 8,
  ...err('message'),
})}
${button(n('net.contact.send'))}
</form>`,
    },
  };
}

/** The form checked as the API would check it, in the page's language. */
export function checkContact(request: PageRequest): Typed {
  const { n } = netWords(request.lang);
  const f = request.form;
  const message = one(f.message).trim();
  const cityId = one(f.cityId);
  const errors: FieldError[] = [];
  if (one(f.several) === '1' && !cityId) errors.push({ field: 'cityId', message: n('net.contact.err.city') });
  if (!message) errors.push({ field: 'message', message: n('net.contact.err.empty') });
  else if (message.length > MAX || CONTROL.test(message))
    errors.push({ field: 'message', message: n('net.contact.err.tooLong', { max: MAX }) });
  return { message, cityId, key: KEY.test(one(f.key)) ? one(f.key) : randomUUID(), errors };
}

/** The API's 400 at the form's fields (what the page's own check did not catch). */
function apiErrors(request: PageRequest, problem: ApiProblem | undefined): FieldError[] {
  const { n } = netWords(request.lang);
  const paths = (problem?.errors ?? []).map((e) => e.path);
  return [
    ...(paths.includes('body.cityId') ? [{ field: 'cityId', message: n('net.contact.err.city') }] : []),
    ...(paths.includes('body.message') || paths.length === 0
      ? [{ field: 'message', message: n('net.contact.err.tooLong', { max: MAX }) }]
      : []),
  ];
}

const contactForm: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/contact',
  handle: async (request) => {
    const allowed = representativeOnly(request);
    return 'result' in allowed ? allowed.result : show(request, allowed.session.token);
  },
};

const contactAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/contact',
  handle: async (request) => {
    const allowed = representativeOnly(request);
    if ('result' in allowed) return allowed.result;
    const token = allowed.session.token;
    const typed = checkContact(request);
    if (typed.errors.length) return show(request, token, typed);
    const id = request.params.id ?? '';
    const answer = await api(`/practices/${encodeURIComponent(id)}/contact`, {
      method: 'POST',
      token,
      json: { message: typed.message, ...(typed.cityId ? { cityId: typed.cityId } : {}) },
      idempotencyKey: `contact-${typed.key}`,
    });
    const { n } = netWords(request.lang);
    if (answer.status === 201 || answer.status === 200) {
      const to = `/knowledge/conversations/${encodeURIComponent(answer.body.id)}`;
      return { redirect: `${pathIn(request.lang, to)}?started=1` };
    }
    if (answer.status === 400)
      return show(request, token, { ...typed, errors: apiErrors(request, answer.body as ApiProblem) });
    if (answer.status === 403) {
      // The page offered only other cities: a refusal now means the person no longer represents one.
      return refusal(403, n('net.my.notRep.title'), n('net.my.notRep.body'));
    }
    if (answer.status === 409)
      return refusal(409, n('net.contact.nobody.title'), n('net.contact.nobody.body'));
    if (answer.status === 404) return notFoundPage(request.lang);
    throw new Error(`Contacting answered ${answer.status}`);
  },
};

export const contactPages: readonly PageRoute[] = [contactForm, contactAction];
