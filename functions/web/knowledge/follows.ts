import { html } from '../../emails/html.ts';
import { THEME_CODES } from '../../knowledge/themes.ts';
import { LANGUAGES } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import { backLink, button, checkboxes, notificationBanner, select } from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import { isTheme, words } from './views.ts';

/**
 * `/<lang>/knowledge/follows`: the themes a city's representative follows (`GET /me/follows`) and the
 * language of the weekly digest; saving puts the whole choice (`PUT /me/follows`, idempotent by
 * nature). Choosing no theme stops the digest.
 */

const PATH = '/knowledge/follows';

const refused = (request: PageRequest): PageResult => {
  const { t } = words(request.lang);
  return { status: 403, page: messagePage(t('kn.ask.refused.title'), t('kn.ask.refused.body')) };
};

const followsPage: PageRoute = {
  method: 'GET',
  path: PATH,
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const w = words(request.lang);
    const { t, tc } = w;
    const answer = await api('/me/follows', { token: allowed.session.token });
    if (answer.status === 403) return refused(request);
    if (answer.status !== 200) throw new Error(`The follows answered ${answer.status}`);
    const current = answer.body as { themes: string[]; language?: string };
    const saved = request.query.get('done') === 'saved';
    return {
      page: {
        title: t('kn.follow.title'),
        body: html`${backLink(pathIn(request.lang, '/knowledge'), t('kn.back'))}
${saved ? notificationBanner(t('kn.follow.saved'), current.themes.length ? t('kn.follow.savedBody') : t('kn.follow.savedNone')) : ''}
<h1 class="heading heading--xl">${t('kn.follow.title')}</h1>
<p class="lead">${t('kn.follow.lead')}</p>
<form method="post" novalidate class="knowledge-form">
${checkboxes({
  id: 'themes',
  legend: t('kn.themes'),
  hint: t('kn.follow.themesHint'),
  choices: THEME_CODES.map((c) => ({ value: c, label: w.theme(c) })),
  values: current.themes,
  errorPrefix: tc('error.prefix'),
})}
${select({
  id: 'language',
  label: t('kn.follow.language'),
  value: current.language ?? request.lang,
  choices: LANGUAGES.map((l) => ({ value: l, label: w.language(l) })),
  errorPrefix: tc('error.prefix'),
})}
${button(t('kn.follow.save'))}
</form>`,
      },
    };
  },
};

const saveFollows: PageRoute = {
  method: 'POST',
  path: PATH,
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const raw = request.form.themes;
    const chosen = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw];
    // Only the platform's themes and languages are offered: anything else is a forged form, ignored.
    const themes = [...new Set(chosen.filter(isTheme))];
    const language = (LANGUAGES as readonly string[]).includes(String(request.form.language))
      ? String(request.form.language)
      : request.lang;
    const answer = await api('/me/follows', {
      method: 'PUT',
      token: allowed.session.token,
      json: { themes, language },
    });
    if (answer.status === 403) return refused(request);
    if (answer.status !== 200) throw new Error(`Saving the follows answered ${answer.status}`);
    return { redirect: `${pathIn(request.lang, PATH)}?done=saved` };
  },
};

export const followPages: readonly PageRoute[] = [followsPage, saveFollows];
