import { html } from '../../emails/html.ts';
import { api } from '../api-client.ts';
import { button } from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageRoute } from '../server.ts';
import { words } from './views.ts';

const apiPath = (token: string) => `/follows/unsubscribe/${encodeURIComponent(token)}`;

const invalid = (request: PageRequest) => {
  const { t } = words(request.lang);
  return { status: 404, page: messagePage(t('kn.unsub.invalid.title'), t('kn.unsub.invalid.body')) };
};

/**
 * The weekly digest's unsubscribe link, without signing in. Opening it changes nothing (mail scanners
 * open links): the page says what it would stop and its button does it.
 */
const unsubscribeForm: PageRoute = {
  method: 'GET',
  path: '/knowledge/unsubscribe/:token',
  handle: async (request) => {
    const w = words(request.lang);
    const { t } = w;
    const answer = await api(apiPath(request.params.token ?? ''));
    if (answer.status === 404 || answer.status === 400) return invalid(request);
    if (answer.status !== 200) throw new Error(`The unsubscribe link answered ${answer.status}`);
    const { themes } = answer.body as { themes: string[] };
    return {
      page: {
        title: t('kn.unsub.title'),
        body: html`<h1 class="heading heading--xl">${t('kn.unsub.title')}</h1>
<p class="body">${
          themes.length
            ? t('kn.unsub.body', { themes: new Intl.ListFormat(w.tc.locale).format(themes.map(w.theme)) })
            : t('kn.unsub.none')
        }</p>
<form method="post" action="${pathIn(request.lang, request.path)}">${button(t('kn.unsub.button'))}</form>`,
      },
    };
  },
};

const unsubscribeAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/unsubscribe/:token',
  handle: async (request) => {
    const answer = await api(apiPath(request.params.token ?? ''), { method: 'POST' });
    if (answer.status === 404 || answer.status === 400) return invalid(request);
    if (answer.status !== 200) throw new Error(`The unsubscribe answered ${answer.status}`);
    return { redirect: pathIn(request.lang, '/knowledge/unsubscribed') };
  },
};

const unsubscribed: PageRoute = {
  method: 'GET',
  path: '/knowledge/unsubscribed',
  handle: async ({ lang }) => {
    const { t } = words(lang);
    return { page: messagePage(t('kn.unsub.done.title'), t('kn.unsub.done.body')) };
  },
};

export const unsubscribePages = [unsubscribeForm, unsubscribeAction, unsubscribed];
