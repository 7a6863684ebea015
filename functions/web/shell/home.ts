import { html } from '../../emails/html.ts';
import { translator } from '../../shared/i18n.ts';
import { pathIn } from '../layout.ts';
import type { PageRoute } from '../server.ts';
import { common } from './messages.ts';

/** The home page: what the site offers, in the visitor's language. */
export const home: PageRoute = {
  method: 'GET',
  path: '/',
  handle: async ({ lang }) => {
    const t = translator(lang, common);
    const card = (path: string, title: string, body: string) =>
      html`<li class="card"><h2 class="card__title"><a href="${pathIn(lang, path)}">${title}</a></h2><p>${body}</p></li>`;
    return {
      page: {
        title: t('home.title'),
        body: html`<h1 class="heading heading--xl">${t('home.title')}</h1>
<p class="lead">${t('home.lead')}</p>
<ul class="cards">
${card('/report', t('home.report.title'), t('home.report.body'))}
${card('/members', t('home.members.title'), t('home.members.body'))}
${card('/official', t('home.official.title'), t('home.official.body'))}
</ul>`,
      },
    };
  },
};
