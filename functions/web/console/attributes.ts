import type { CitySetup } from '../../cps/setup.ts';
import { ATTRIBUTE_TYPES, type Service, type ServiceAttribute } from '../../cps/types.ts';
import { html } from '../../emails/html.ts';
import { api } from '../api-client.ts';
import {
  backLink,
  button,
  checkboxes,
  type FieldError,
  hiddenFields,
  select,
  textarea,
  textInput,
} from '../components.ts';
import { messagePage, type PageRequest, type PageResult, type PageRoute } from '../server.ts';
import { cpsPage, isSetup, readSetup } from './cps.ts';
import { filled, postedRows, rowField, rowOfPath } from './rows.ts';
import { type ConsoleT, cityBase, consoleT, field, fieldErrors, refused, secretariatOnly } from './views.ts';

/**
 * A service's questions (Open311 attributes), edited in the console: code, type of answer, required,
 * the question, an explanation, order, and the choices of a list, one per line (`key = name`). They
 * are saved with the city's services (PUT /cities/{id}/services: the other services as they were
 * read), so the API's own rules decide, and its 400s are shown at the question and field they name.
 */
type Key = Parameters<ConsoleT>[0];
const FIELDS = [
  'code',
  'datatype',
  'required',
  'description',
  'datatypeDescription',
  'order',
  'values',
  'remove',
] as const;
export type AttributeRow = Record<(typeof FIELDS)[number], string>;
const MAX_ATTRIBUTES = 50;
const LIST_TYPES: readonly string[] = ['singlevaluelist', 'multivaluelist'];

export const blankAttribute = (): AttributeRow => ({
  code: '',
  datatype: '',
  required: '',
  description: '',
  datatypeDescription: '',
  order: '',
  values: '',
  remove: '',
});

/** An attribute as the form shows it: its choices one per line, `key = name`. */
export function attributeRow(a: ServiceAttribute): AttributeRow {
  return {
    code: a.code,
    datatype: a.datatype,
    required: a.required ? 'yes' : '',
    description: a.description,
    datatypeDescription: a.datatypeDescription ?? '',
    order: a.order === undefined ? '' : String(a.order),
    values: (a.values ?? []).map((v) => (v.key === v.name ? v.key : `${v.key} = ${v.name}`)).join('\n'),
    remove: '',
  };
}

/**
 * The choices typed, one per line: `key = name`, or a line alone as both. Blank lines are skipped. The
 * first ` = ` splits (so a key with `=` in it, `a=b = c`, comes back as it was shown), else the first `=`.
 */
export function parseValues(text: string): { key: string; name: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const spaced = line.indexOf(' = ');
      const at = spaced >= 0 ? spaced : line.indexOf('=');
      if (at < 0) return { key: line, name: line };
      const width = spaced >= 0 ? 3 : 1;
      return { key: line.slice(0, at).trim(), name: line.slice(at + width).trim() };
    });
}

/**
 * The attribute the API gets from a row, as typed: what is wrong with it (a type not chosen, an order
 * that is not a number) is the API's to say, at the field it names.
 */
export function attributeOf(r: AttributeRow): Record<string, unknown> {
  const values = parseValues(r.values);
  return {
    code: r.code,
    datatype: r.datatype,
    required: r.required === 'yes',
    description: r.description,
    ...(r.datatypeDescription ? { datatypeDescription: r.datatypeDescription } : {}),
    ...(r.order ? { order: /^\d{1,7}$/.test(r.order) ? Number(r.order) : r.order } : {}),
    ...(values.length > 0 || LIST_TYPES.includes(r.datatype) ? { values } : {}),
  };
}

/** The services to send: the one edited with its new attributes, the others as they were read. */
export function servicesWith(
  services: readonly Service[],
  code: string,
  attributes: readonly Record<string, unknown>[],
): Record<string, unknown>[] {
  return services.map((s) => {
    if (s.code !== code) return { ...s };
    const { attributes: _, ...rest } = s;
    return attributes.length > 0 ? { ...rest, attributes } : rest;
  });
}

const EDITED = ['code', 'datatype', 'description', 'datatypeDescription', 'order', 'values'];

/**
 * The page's field and message for an API error path about the edited service's attributes, e.g.
 * `body.services.1.attributes.2.values.0.key` → the choices of the question in row 2, line 1.
 */
export function attributeError(
  t: ConsoleT,
  path: string,
  serviceIndex: number,
  sent: readonly { row: number }[],
): FieldError | undefined {
  const prefix = `body.services.${serviceIndex}.`;
  if (!path.startsWith(prefix)) return undefined;
  const at = rowOfPath(`body.${path.slice(prefix.length)}`, 'attributes', sent);
  if (!at || !EDITED.includes(at.field)) return undefined;
  const n = at.row + 1;
  const line = /\.values\.(\d+)/.exec(path);
  if (at.field === 'values' && line) {
    return {
      field: rowField('attr', at.row, 'values'),
      message: t('attr.values.line.error', { n, line: Number(line[1]) + 1 }),
    };
  }
  return {
    field: rowField('attr', at.row, at.field),
    message: t(`attr.${at.field}.error` as Key, { n }),
  };
}

function form(
  t: ConsoleT,
  setup: CitySetup,
  service: Service,
  rows: readonly AttributeRow[],
  errors: FieldError[] = [],
  seen = setup.servicesUpdatedAt,
) {
  const errorOf = (id: string) => {
    const e = errors.find((x) => x.field === id);
    return e ? { error: e.message } : {};
  };
  const types = ATTRIBUTE_TYPES.map((d) => ({ value: d, label: t(`attr.type.${d}` as Key) }));
  const row = (r: AttributeRow, n: number) => {
    const id = (f: string) => rowField('attr', n, f);
    return html`<fieldset class="fieldset console-row" data-row>
<legend class="legend">${r.code ? t('attr.legend', { n: n + 1, code: r.code }) : t('attr.new', { n: n + 1 })}</legend>
${textInput({ id: id('code'), label: t('attr.code'), hint: t('attr.code.hint'), errorPrefix: t('error.prefix'), value: r.code, width: 'medium', spellcheck: false, ...errorOf(id('code')) })}
${textInput({ id: id('description'), label: t('attr.description'), hint: t('attr.description.hint'), errorPrefix: t('error.prefix'), value: r.description, ...errorOf(id('description')) })}
${select({ id: id('datatype'), label: t('attr.datatype'), errorPrefix: t('error.prefix'), value: r.datatype, placeholder: t('routing.choose'), choices: types, ...errorOf(id('datatype')) })}
${checkboxes({ id: id('required'), legend: t('attr.required.legend', { n: n + 1 }), errorPrefix: t('error.prefix'), choices: [{ value: 'yes', label: t('attr.required') }], values: r.required ? ['yes'] : [] })}
${textarea({ id: id('values'), label: `${t('attr.values')} ${t('form.optional')}`, hint: t('attr.values.hint'), errorPrefix: t('error.prefix'), value: r.values, rows: 4, ...errorOf(id('values')) })}
${textInput({ id: id('datatypeDescription'), label: `${t('attr.datatypeDescription')} ${t('form.optional')}`, hint: t('attr.datatypeDescription.hint'), errorPrefix: t('error.prefix'), value: r.datatypeDescription, ...errorOf(id('datatypeDescription')) })}
${textInput({ id: id('order'), label: `${t('attr.order')} ${t('form.optional')}`, hint: t('attr.order.hint'), errorPrefix: t('error.prefix'), value: r.order, width: 'short', inputmode: 'numeric', ...errorOf(id('order')) })}
${
  r.code
    ? checkboxes({
        id: id('remove'),
        legend: t('attr.removeLegend', { n: n + 1 }),
        errorPrefix: t('error.prefix'),
        choices: [{ value: 'yes', label: t('attr.remove') }],
        values: r.remove ? ['yes'] : [],
      })
    : ''
}
</fieldset>`;
  };
  return html`${backLink(`${cityBase(t, setup.city.id)}/services`, t('attr.back'))}
<p class="lead">${t('attr.lead', { service: service.name })}</p>
<p class="hint">${t('attr.district')}</p>
<form method="post" action="${attributesPath(t, setup.city.id, service.code)}" novalidate>
${hiddenFields({ rows: String(rows.length), seen })}
${rows.map(row)}
<div class="console-actions">
${button(t('attr.add'), { name: 'action', value: 'add', secondary: true })}
${button(t('attr.save'), { name: 'action', value: 'save' })}
</div>
</form>`;
}

export const attributesPath = (t: ConsoleT, cityId: string, code: string) =>
  `${cityBase(t, cityId)}/services/${encodeURIComponent(code)}/attributes`;

function show(
  t: ConsoleT,
  setup: CitySetup,
  service: Service,
  rows: readonly AttributeRow[],
  options: { errors?: FieldError[]; status?: number; done?: string; seen?: string } = {},
): PageResult {
  const { seen, ...shown } = options;
  return cpsPage(t, setup, '/services', {
    title: t('attr.title', { service: service.name }),
    body: form(t, setup, service, rows, options.errors, seen ?? setup.servicesUpdatedAt),
    ...shown,
  });
}

/** The setup and the service the page is about, or the page to show instead (one API call). */
async function serviceOf(
  request: PageRequest,
  token: string,
): Promise<{ setup: CitySetup; service: Service } | PageResult> {
  const t = consoleT(request.lang);
  const setup = await readSetup(request, token);
  if (!isSetup(setup)) return setup;
  const service = setup.services.find((s) => s.code === request.params.code);
  if (!service) {
    return { status: 404, page: messagePage(t('error.notFound.title'), t('attr.noService')) };
  }
  return { setup, service };
}

export const attributesPages: PageRoute[] = [
  {
    method: 'GET',
    path: '/console/cities/:id/services/:code/attributes',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const found = await serviceOf(request, allowed.session.token);
      if (!('setup' in found)) return found;
      const rows = [...(found.service.attributes ?? []).map(attributeRow), blankAttribute()];
      return show(t, found.setup, found.service, rows, {
        ...(request.query.get('done') === 'saved' ? { done: t('attr.saved') } : {}),
      });
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/services/:code/attributes',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const token = allowed.session.token;
      const found = await serviceOf(request, token);
      if (!('setup' in found)) return found;
      const { setup, service } = found;
      const posted = postedRows(request.form, 'attr', FIELDS, MAX_ATTRIBUTES + 1);
      const rows = posted.map((r) => r.values);
      // The services as the form was shown: a save from it is refused if they changed since.
      const seen = field(request.form, 'seen') || undefined;
      if (field(request.form, 'action') === 'add') {
        return show(t, setup, service, [...rows, blankAttribute()], { ...(seen ? { seen } : {}) });
      }
      const sent = filled(posted, ['remove', 'required']).filter((r) => r.values.remove !== 'yes');
      const answer = await api(`/cities/${encodeURIComponent(setup.city.id)}/services`, {
        method: 'PUT',
        token,
        json: {
          services: servicesWith(
            setup.services,
            service.code,
            sent.map((r) => attributeOf(r.values)),
          ),
          ...(seen ? { expectedUpdatedAt: seen } : {}),
        },
      });
      if (answer.status === 200) {
        return { redirect: `${attributesPath(t, setup.city.id, service.code)}?done=saved` };
      }
      if (answer.status !== 400 && answer.status !== 409) return refused(request, answer);
      const general = { field: rowField('attr', 0, 'code'), message: t('attr.error') };
      const index = setup.services.findIndex((s) => s.code === service.code);
      const errors =
        answer.status === 409
          ? [{ field: general.field, message: t('cps.conflict') }]
          : fieldErrors(answer, (path) => attributeError(t, path, index, sent), general);
      // After a conflict the form takes the services as they are now; after a 400, as it was shown.
      return show(t, setup, service, rows, {
        errors,
        status: answer.status,
        ...(answer.status === 400 && seen ? { seen } : {}),
      });
    },
  },
];

/** The link to a saved service's questions, from the services form. */
export const questionsLink = (t: ConsoleT, cityId: string, s: Service) =>
  html`<p class="body"><a href="${attributesPath(t, cityId, s.code)}">${t('attr.link', { service: s.name, count: s.attributes?.length ?? 0 })}</a></p>`;
