import { html } from '../../emails/html.ts';
import { requireEnv } from '../../shared/env.ts';
import { formatDate, translator } from '../../shared/i18n.ts';
import { ROLES } from '../../shared/route.ts';
import { textarea } from '../components.ts';
import type { PageRoute } from '../server.ts';
import { requireRole } from '../server.ts';
import { common } from './messages.ts';
import { tokenMessages } from './token-messages.ts';

/** The API as people reach it: through the site's origin, under /api. */
const apiBase = `${new URL(requireEnv('SITE_URL')).origin}/api`;

/**
 * Staff who script the JSON API take their token from here after signing in with the managed login:
 * the ID token of their session, which the API accepts as the bearer token until it expires.
 */
export const apiToken: PageRoute = {
  method: 'GET',
  path: '/account/token',
  handle: async (request) => {
    const allowed = requireRole(request, ROLES);
    if ('result' in allowed) return allowed.result;
    const { session } = allowed;
    const t = translator(request.lang, common, tokenMessages);
    return {
      page: {
        title: t('token.title'),
        body: html`<h1 class="heading">${t('token.title')}</h1>
<p class="body">${t('token.lead', { expiresAt: formatDate(t, session.expiresAt, true) })}</p>
<p class="body"><strong>${t('token.warning')}</strong></p>
${textarea({ id: 'token', label: t('token.label'), value: session.token, rows: 6, errorPrefix: t('error.prefix') })}
<p class="body">${t('token.example')}</p>
<pre class="code" dir="ltr"><code>curl -H "authorization: Bearer $TOKEN" ${apiBase}/officials/me/requests</code></pre>`,
      },
    };
  },
};
