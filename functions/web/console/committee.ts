import type { CommitteeMember } from '../../approvals/roster.ts';
import { html } from '../../emails/html.ts';
import { api } from '../api-client.ts';
import { button, errorSummary, type FieldError, notificationBanner, textInput } from '../components.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import { filled, postedRows, rowField, rowOfPath } from './rows.ts';
import {
  type ConsoleT,
  consolePage,
  consolePath,
  consoleT,
  date,
  field,
  fieldErrors,
  refused,
  secretariatOnly,
} from './views.ts';

/** The roster holds at most 49 members (API); the page offers that many rows at most. */
const MAX_ROWS = 49;
const FIELDS = ['name', 'email'] as const;

function render(
  request: PageRequest,
  t: ConsoleT,
  rows: readonly { name: string; email: string }[],
  options: { errors?: FieldError[]; updatedAt?: string; status?: number } = {},
): PageResult {
  const errors = options.errors ?? [];
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  const fieldsets = rows.map(
    (r, row) => html`<fieldset class="fieldset console-row" data-row>
<legend class="legend">${t('roster.member', { n: row + 1 })}</legend>
${FIELDS.map((f) => {
  const id = rowField('member', row, f);
  const error = errorOf(id);
  return textInput({
    id,
    label: t(f === 'name' ? 'field.name' : 'field.email'),
    errorPrefix: t('error.prefix'),
    value: r[f],
    ...(f === 'email' ? { type: 'email' as const, spellcheck: false, autocomplete: 'off' } : {}),
    ...(error ? { error } : {}),
  });
})}
</fieldset>`,
  );
  return {
    ...(options.status ? { status: options.status } : {}),
    page: consolePage(t, '/committee', {
      title: t('roster.title'),
      hasErrors: errors.length > 0,
      body: html`${request.query.get('done') === 'saved' ? notificationBanner(t('banner.done'), t('roster.saved')) : ''}
${errorSummary(t('error.title'), errors)}
<h1 class="heading heading--xl">${t('roster.title')}</h1>
<p class="lead">${t('roster.lead')}</p>
${options.updatedAt ? html`<p class="hint">${t('roster.updatedAt', { at: date(t, options.updatedAt, true) })}</p>` : ''}
<form method="post" action="${consolePath(t.lang, '/committee')}" novalidate data-rows="member">
<input type="hidden" name="rows" value="${rows.length}">
<p class="hint">${t('roster.hint')}</p>
${fieldsets}
<div class="console-actions">
${button(t('roster.add'), { name: 'action', value: 'add', secondary: true })}
${button(t('roster.save'), { name: 'action', value: 'save' })}
</div>
</form>`,
    }),
  };
}

/** The Executive Committee roster: read and replaced as a whole (GET and PUT /committee). */
export const committeePages: PageRoute[] = [
  {
    method: 'GET',
    path: '/console/committee',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const answer = await api('/committee', { token: allowed.session.token });
      if (answer.status !== 200) return refused(request, answer);
      const members = answer.body.members as CommitteeMember[];
      return render(request, t, [...members, { name: '', email: '' }], {
        ...(answer.body.updatedAt ? { updatedAt: answer.body.updatedAt } : {}),
      });
    },
  },
  {
    method: 'POST',
    path: '/console/committee',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const posted = postedRows(request.form, 'member', FIELDS, MAX_ROWS);
      const rows = posted.map((r) => r.values);
      if (field(request.form, 'action') === 'add') {
        return render(request, t, rows.length < MAX_ROWS ? [...rows, { name: '', email: '' }] : rows);
      }
      const sent = filled(posted);
      const answer = await api('/committee', {
        method: 'PUT',
        token: allowed.session.token,
        json: { members: sent.map((r) => r.values) },
      });
      if (answer.status === 200) return { redirect: `${consolePath(t.lang, '/committee')}?done=saved` };
      const first = { field: rowField('member', 0, 'name'), message: t('roster.empty') };
      if (answer.status === 400) {
        const errors = fieldErrors(
          answer,
          (path) => {
            const at = rowOfPath(path, 'members', sent);
            if (!at || !(FIELDS as readonly string[]).includes(at.field)) return undefined;
            return {
              field: rowField('member', at.row, at.field),
              message: t(at.field === 'name' ? 'roster.name.error' : 'roster.email.error', { n: at.row + 1 }),
            };
          },
          first,
        );
        return render(request, t, rows, { errors, status: 400 });
      }
      if (answer.status === 409) {
        return render(request, t, rows, {
          errors: [{ field: first.field, message: t('roster.conflict') }],
          status: 409,
        });
      }
      return refused(request, answer);
    },
  },
];
