import { html } from '../../emails/html.ts';
import { api } from '../api-client.ts';
import { backLink, button } from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRoute, requireRole } from '../server.ts';
import { filesWords, notFoundPage, notYoursPage, ownPractice, practicePath } from './files.ts';

/**
 * Retiring a published practice (its city's representatives or the Secretariat, as the API allows):
 * a page that says what it means (still readable, marked retired, out of search, never deleted), and
 * its button (`POST /practices/{id}/retire`), which goes back to the practice with a banner.
 */
const ROLES = ['member', 'secretariat'] as const;

const confirmPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/retire',
  handle: async (request) => {
    const own = await ownPractice(request, ROLES);
    if ('result' in own) return own.result;
    const { lang } = request;
    const w = filesWords(lang);
    const { f } = w;
    const p = own.practice;
    const back = pathIn(lang, practicePath(p.id));
    if (p.status !== 'published')
      return {
        status: 409,
        page: messagePage(f('kf.ret.notPublished.title'), f('kf.ret.notPublished.body'), {
          href: back,
          label: f('kf.backToPractice'),
        }),
      };
    return {
      page: {
        title: f('kf.ret.title'),
        body: html`${backLink(back, f('kf.backToPractice'))}
<h1 class="heading heading--xl">${f('kf.ret.title')}</h1>
<p class="lead" lang="${p.language}">${p.title}</p>
<p class="body">${f('kf.ret.lead')}</p>
<ul class="knowledge-links">
<li>${f('kf.ret.stays')}</li>
<li>${f('kf.ret.search')}</li>
<li>${f('kf.ret.kept')}</li>
</ul>
<form method="post" class="button-group">
${button(f('kf.ret.confirm'))}
<a class="button button--secondary" href="${back}" draggable="false">${f('kf.ret.cancel')}</a>
</form>`,
      },
    };
  },
};

const retireAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/retire',
  handle: async (request) => {
    const allowed = requireRole(request, ROLES);
    if ('result' in allowed) return allowed.result;
    const w = filesWords(request.lang);
    const id = request.params.id ?? '';
    const answer = await api(`/practices/${encodeURIComponent(id)}/retire`, {
      method: 'POST',
      token: allowed.session.token,
    });
    const back = pathIn(request.lang, practicePath(id));
    if (answer.status === 200) return { redirect: `${back}?done=retired` };
    // Retired already, or not published: the practice as it is now, with the page's "nothing changed".
    if (answer.status === 409) return { redirect: `${back}?done=conflict` };
    if (answer.status === 403) return notYoursPage(w);
    if (answer.status === 404 || answer.status === 400) return notFoundPage(w);
    throw new Error(`Retiring a practice answered ${answer.status}`);
  },
};

export const retirePages: readonly PageRoute[] = [confirmPage, retireAction];
