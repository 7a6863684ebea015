import { html, type SafeHtml } from '../../emails/html.ts';
import { type Language, translator } from '../../shared/i18n.ts';
import { type ApiAnswer, api } from '../api-client.ts';
import { notificationBanner } from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult } from '../server.ts';
import type { Session } from '../session.ts';
import { networkMessages } from './network-messages.ts';
import { words } from './views.ts';

/**
 * What the pages between cities share (contact, adoption, hiding, a representative's own list): their
 * words, who may use them, the caller's cities (`GET /me`), and the part of the practice page that
 * offers them.
 */
export function netWords(lang: Language) {
  return { ...words(lang), n: translator(lang, networkMessages) };
}
export type NetWords = ReturnType<typeof netWords>;

export const KEY = /^[\w-]{1,64}$/;
type Form = PageRequest['form'];
export const one = (v: Form[string] | undefined) => (typeof v === 'string' ? v : (v?.[0] ?? ''));

/** A city the caller represents, as `GET /me` answers it. */
export interface MyCity {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly region: string;
  readonly member: boolean;
}

/** The cities the signed-in person represents (`GET /me`); a refusal is no city. */
export async function myCities(token: string): Promise<MyCity[]> {
  const answer: ApiAnswer = await api('/me', { token });
  if (answer.status !== 200) throw new Error(`GET /me answered ${answer.status}`);
  return (answer.body as { cities: MyCity[] }).cities;
}

const signInHref = (request: PageRequest) => {
  const back = `${pathIn(request.lang, request.path)}${request.query.size > 0 ? `?${request.query}` : ''}`;
  return `${pathIn(request.lang, '/sign-in')}?return=${encodeURIComponent(back)}`;
};

/**
 * For the representatives' pages: the session of a `member`; a visitor is told who these pages are for
 * and asked to sign in (401), anyone else who they are for (403). The API checks again.
 */
export function representativeOnly(request: PageRequest): { session: Session } | { result: PageResult } {
  const { n } = netWords(request.lang);
  const session = request.session;
  if (!session) {
    return {
      result: {
        status: 401,
        page: messagePage(n('net.access.title'), n('net.access.body'), {
          href: signInHref(request),
          label: n('net.access.signIn'),
        }),
      },
    };
  }
  if (!session.roles.includes('member')) {
    return { result: { status: 403, page: messagePage(n('net.access.title'), n('net.access.onlyReps')) } };
  }
  return { session };
}

/** A page that says why nothing was done (its own city's practice, no representative, not published). */
export const refusal = (status: number, title: string, body: string): PageResult => ({
  status,
  page: messagePage(title, body),
});

export const notFoundPage = (lang: Language): PageResult => {
  const { tc } = words(lang);
  return refusal(404, tc('error.notFound.title'), tc('error.notFound.body'));
};

/** The practice as the network pages need it (from `GET /practices/{id}`). */
export interface NetworkPractice {
  readonly id: string;
  readonly status: string;
  readonly title: string;
  readonly language: string;
  readonly city: { readonly id: string; readonly name: string; readonly country: string };
  /** Present only for the practice's own city and the Secretariat. */
  readonly history?: readonly unknown[];
}

export const contactPath = (id: string) => `/knowledge/practices/${encodeURIComponent(id)}/contact`;
export const adoptPath = (id: string) => `/knowledge/practices/${encodeURIComponent(id)}/adopt`;

/**
 * On a published practice's page: for a representative of another city, "Contact <city>" and "We
 * adopted this"; for a visitor, who may do that and how to sign in; nothing for the practice's own
 * city (the API shows it the history) or the Secretariat.
 */
export function practiceNetwork(request: PageRequest, p: NetworkPractice): SafeHtml | '' {
  if (p.status !== 'published') return '';
  const { n } = netWords(request.lang);
  const roles = request.session?.roles ?? [];
  const lang = request.lang;
  if (!request.session) {
    return html`<section class="knowledge-network" aria-labelledby="network-title">
<h2 class="heading heading--m" id="network-title">${n('net.access.title')}</h2>
<p class="body">${n('net.access.body')}</p>
<p class="body"><a href="${signInHref(request)}">${n('net.access.signIn')}</a></p>
</section>`;
  }
  if (roles.includes('secretariat') || (roles.includes('member') && p.history !== undefined)) return '';
  if (!roles.includes('member')) {
    return html`<section class="knowledge-network" aria-labelledby="network-title">
<h2 class="heading heading--m" id="network-title">${n('net.access.title')}</h2>
<p class="body">${n('net.access.onlyReps')}</p>
</section>`;
  }
  return html`<section class="knowledge-network" aria-labelledby="network-title">
<h2 class="heading heading--m" id="network-title">${n('net.access.title')}</h2>
<ul class="knowledge-links">
<li><a href="${pathIn(lang, contactPath(p.id))}">${n('net.contact.link', { city: p.city.name })}</a></li>
<li><a href="${pathIn(lang, adoptPath(p.id))}">${n('net.adopt.link')}</a></li>
</ul>
</section>`;
}

/** The banner of the practice page after an adoption (`?adopted=1`). */
export function adoptedBanner(request: PageRequest): SafeHtml | '' {
  if (request.query.get('adopted') !== '1') return '';
  const { n } = netWords(request.lang);
  return notificationBanner(n('net.adopt.done'), n('net.adopt.doneBody'));
}

/** The banner of a conversation just started from a practice (`?started=1`). */
export function startedBanner(request: PageRequest): SafeHtml | '' {
  if (request.query.get('started') !== '1') return '';
  const { n } = netWords(request.lang);
  return notificationBanner(n('net.contact.started'), n('net.contact.startedBody'));
}
