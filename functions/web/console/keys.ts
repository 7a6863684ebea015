import { html } from '../../emails/html.ts';
import type { Application } from '../../membership/application.ts';
import type { KeyEntry } from '../../open311/keys.ts';
import { api } from '../api-client.ts';
import {
  button,
  errorSummary,
  type FieldError,
  notificationBanner,
  panel,
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
  date,
  field,
  fieldErrors,
  refused,
  secretariatOnly,
} from './views.ts';

/**
 * A city's Open311 API keys: listed (never the keys themselves), issued with a label (the key shown
 * once, on the page that issued it), revoked.
 */
const keysPath = (t: ConsoleT, cityId: string) => `${cityBase(t, cityId)}/open311-keys`;

async function cityOf(request: PageRequest, token: string): Promise<Application | PageResult> {
  const answer = await api(`/applications/${encodeURIComponent(request.params.id ?? '')}`, { token });
  return answer.status === 200 ? (answer.body as Application) : refused(request, answer);
}

const isCity = (value: Application | PageResult): value is Application => 'city' in value;

function page(
  t: ConsoleT,
  city: Application,
  content: { title: string; body: unknown; errors?: FieldError[]; status?: number; heading?: false },
): PageResult {
  const errors = content.errors ?? [];
  return {
    ...(content.status ? { status: content.status } : {}),
    page: consolePage(t, '/members', {
      title: `${content.title}: ${city.city.name}`,
      hasErrors: errors.length > 0,
      body: html`${errorSummary(t('error.title'), errors)}
${
  content.heading === false
    ? ''
    : html`<span class="caption">${city.city.name}</span>
<h1 class="heading heading--xl">${content.title}</h1>
${cityTabs(t, city.id, '/open311-keys')}`
}
${content.body}`,
    }),
  };
}

function issueForm(t: ConsoleT, cityId: string, typed = '', error?: string) {
  return html`<h2 class="heading heading--m">${t('keys.issue')}</h2>
<form method="post" action="${keysPath(t, cityId)}" novalidate>
${textInput({
  id: 'label',
  label: `${t('keys.label')} ${t('form.optional')}`,
  hint: t('keys.label.hint'),
  errorPrefix: t('error.prefix'),
  value: typed,
  width: 'medium',
  ...(error ? { error } : {}),
})}
${button(t('keys.issueButton'))}
</form>`;
}

export const keysPages: PageRoute[] = [
  {
    method: 'GET',
    path: '/console/cities/:id/open311-keys',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const token = allowed.session.token;
      const id = request.params.id ?? '';
      const [city, keys] = await Promise.all([
        cityOf(request, token),
        api(`/cities/${encodeURIComponent(id)}/open311-keys`, { token }),
      ]);
      if (!isCity(city)) return city;
      if (keys.status !== 200) return refused(request, keys);
      const items = keys.body.items as KeyEntry[];
      const revoked = request.query.get('done') === 'revoked';
      const list =
        items.length === 0
          ? html`<p class="body">${t('keys.none')}</p>`
          : table({
              caption: t('keys.title'),
              head: [t('keys.label'), t('keys.issuedAt'), t('keys.id'), t('keys.actions')],
              rows: items.map((k) => [
                k.label ?? t('keys.noLabel'),
                date(t, k.createdAt, true),
                html`<code>${k.id.slice(0, 12)}</code>`,
                html`<form method="post" action="${keysPath(t, id)}/${k.id}/revoke"><button class="button button--secondary console-button--small" type="submit">${t('keys.revoke')}<span class="visually-hidden"> ${k.label ?? k.id.slice(0, 12)}</span></button></form>`,
              ]),
            });
      return page(t, city, {
        title: t('keys.title'),
        body: html`${revoked ? notificationBanner(t('banner.done'), t('keys.revoked')) : ''}
<p class="lead">${t('keys.lead')}</p>
${list}
${issueForm(t, id)}`,
      });
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/open311-keys',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const token = allowed.session.token;
      const id = request.params.id ?? '';
      const label = field(request.form, 'label').trim();
      const [issued, city] = await Promise.all([
        api(`/cities/${encodeURIComponent(id)}/open311-keys`, {
          method: 'POST',
          token,
          json: label ? { label } : {},
        }),
        cityOf(request, token),
      ]);
      if (!isCity(city)) return city;
      if (issued.status === 400) {
        const errors = fieldErrors(issued, () => undefined, {
          field: 'label',
          message: t('keys.label.error'),
        });
        return page(t, city, {
          title: t('keys.title'),
          errors,
          status: 400,
          body: issueForm(t, id, label, errors[0]?.message),
        });
      }
      if (issued.status !== 201) return refused(request, issued);
      // The key is shown this once: the page is the answer to the POST, never a page to come back to.
      return page(t, city, {
        title: t('keys.issued'),
        heading: false,
        body: html`${panel(t('keys.issued'), t('keys.issued.body'), issued.body.apiKey)}
<p class="body">${t('keys.issued.once')}</p>
<p class="body"><a href="${keysPath(t, id)}">${t('keys.back')}</a></p>`,
      });
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/open311-keys/:keyId/revoke',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const id = request.params.id ?? '';
      const answer = await api(
        `/cities/${encodeURIComponent(id)}/open311-keys/${encodeURIComponent(request.params.keyId ?? '')}`,
        { method: 'DELETE', token: allowed.session.token },
      );
      if (answer.status === 204) return { redirect: `${keysPath(t, id)}?done=revoked` };
      return refused(request, answer);
    },
  },
];
