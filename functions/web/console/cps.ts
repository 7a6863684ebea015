import { randomUUID } from 'node:crypto';
import type { CitySetup, RoutingPreview } from '../../cps/setup.ts';
import type { Service } from '../../cps/types.ts';
import { html, type SafeHtml } from '../../emails/html.ts';
import { type ApiAnswer, api } from '../api-client.ts';
import {
  button,
  checkboxes,
  errorSummary,
  type FieldError,
  hiddenFields,
  notificationBanner,
  select,
  table,
  textInput,
} from '../components.ts';
import type { PageRequest, PageResult, PageRoute } from '../server.ts';
import { questionsLink } from './attributes.ts';
import { filled, postedRows, rowField, rowOfPath } from './rows.ts';
import {
  type ConsoleT,
  cityBase,
  cityTabs,
  consolePage,
  consoleT,
  field,
  fieldErrors,
  refused,
  secretariatOnly,
} from './views.ts';

/**
 * A member city's Civic Participation System, set up from the console: its services with their
 * service levels, its officials, and its routing rules with a preview of where a request would go.
 * Each page reads the whole setup in one API call (GET /cities/{id}/setup); a save is one more.
 */
type Key = Parameters<ConsoleT>[0];
const WILDCARD = '*';

export async function readSetup(request: PageRequest, token: string): Promise<CitySetup | PageResult> {
  const answer = await api(`/cities/${encodeURIComponent(request.params.id ?? '')}/setup`, { token });
  return answer.status === 200 ? (answer.body as CitySetup) : refused(request, answer);
}

export const isSetup = (value: CitySetup | PageResult): value is CitySetup => 'services' in value;

export function cpsPage(
  t: ConsoleT,
  setup: CitySetup,
  tab: '/services' | '/officials' | '/routing',
  content: { title: string; body: SafeHtml; errors?: FieldError[]; done?: string; status?: number },
): PageResult {
  const errors = content.errors ?? [];
  return {
    ...(content.status ? { status: content.status } : {}),
    page: consolePage(t, '/members', {
      title: `${content.title}: ${setup.city.name}`,
      hasErrors: errors.length > 0,
      body: html`${content.done ? notificationBanner(t('banner.done'), content.done) : ''}
${errorSummary(t('error.title'), errors)}
<span class="caption">${setup.city.name}</span>
<h1 class="heading heading--xl">${content.title}</h1>
${cityTabs(t, setup.city.id, tab)}
${content.body}`,
    }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Services

/**
 * The fields of a service the form edits, in order. A field added to the API's service (the Open311
 * attributes, say) is kept as it is by the form until it is listed here (see `keep` below).
 */
const SERVICE_FIELDS = [
  { name: 'code', label: 'service.code', hint: 'service.code.hint', width: 'medium' },
  { name: 'name', label: 'service.name', width: 'full' },
  { name: 'description', label: 'service.description', width: 'full', optional: true },
  { name: 'group', label: 'service.group', hint: 'service.group.hint', width: 'medium', optional: true },
  {
    name: 'slaHours',
    label: 'service.slaHours',
    hint: 'service.slaHours.hint',
    width: 'short',
    numeric: true,
  },
] as const satisfies readonly {
  name: keyof Service;
  label: Key;
  hint?: Key;
  width: 'short' | 'medium' | 'full';
  optional?: true;
  numeric?: true;
}[];
type ServiceField = (typeof SERVICE_FIELDS)[number]['name'];
const SERVICE_NAMES = SERVICE_FIELDS.map((f) => f.name);
const MAX_SERVICES = 100;

type ServiceRow = Record<ServiceField | 'keep' | 'remove', string>;

/** A service as the form shows it; what the form does not edit rides along as JSON in `keep`. */
function serviceRow(s: Service): ServiceRow {
  const rest = Object.fromEntries(
    Object.entries(s).filter(([k]) => !(SERVICE_NAMES as readonly string[]).includes(k)),
  );
  return {
    code: s.code,
    name: s.name,
    description: s.description ?? '',
    group: s.group ?? '',
    slaHours: String(s.slaHours),
    keep: Object.keys(rest).length > 0 ? JSON.stringify(rest) : '',
    remove: '',
  };
}

const blankService = (): ServiceRow => ({
  code: '',
  name: '',
  description: '',
  group: '',
  slaHours: '',
  keep: '',
  remove: '',
});

/** The service the API gets from a row: edited fields over the kept ones; a number where one is due. */
function serviceOf(r: ServiceRow): Record<string, unknown> {
  let kept: Record<string, unknown> = {};
  try {
    kept = r.keep ? (JSON.parse(r.keep) as Record<string, unknown>) : {};
  } catch {
    kept = {};
  }
  const edited: Record<string, unknown> = {};
  for (const f of SERVICE_FIELDS) {
    const value = r[f.name];
    if ('optional' in f && value === '') continue;
    edited[f.name] = 'numeric' in f && /^\d{1,7}$/.test(value) ? Number(value) : value;
  }
  return { ...kept, ...edited };
}

function servicesForm(
  t: ConsoleT,
  setup: CitySetup,
  rows: readonly ServiceRow[],
  errors: FieldError[] = [],
  seen = setup.servicesUpdatedAt,
) {
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  const saved = (code: string) => setup.services.find((s) => s.code === code);
  return html`<p class="lead">${t('services.lead')}</p>
<form method="post" action="${cityBase(t, setup.city.id)}/services" novalidate data-rows="service">
<input type="hidden" name="rows" value="${rows.length}">
${hiddenFields({ seen })}
${rows.map(
  (r, row) => html`<fieldset class="fieldset console-row" data-row>
<legend class="legend">${r.name ? r.name : t('services.new', { n: row + 1 })}</legend>
${SERVICE_FIELDS.map((f) => {
  const id = rowField('service', row, f.name);
  const error = errorOf(id);
  return textInput({
    id,
    label: `${t(f.label)}${'optional' in f ? ` ${t('form.optional')}` : ''}`,
    errorPrefix: t('error.prefix'),
    value: r[f.name],
    width: f.width,
    ...('hint' in f ? { hint: t(f.hint) } : {}),
    ...('numeric' in f ? { inputmode: 'numeric' } : {}),
    ...(f.name === 'code' ? { spellcheck: false } : {}),
    ...(error ? { error } : {}),
  });
})}
${hiddenFields({ [rowField('service', row, 'keep')]: r.keep })}
${saved(r.code) ? questionsLink(t, setup.city.id, saved(r.code) as Service) : ''}
${
  r.code
    ? checkboxes({
        id: rowField('service', row, 'remove'),
        legend: t('services.removeLegend', { name: r.name || r.code }),
        errorPrefix: t('error.prefix'),
        choices: [{ value: 'yes', label: t('services.remove') }],
        values: r.remove ? ['yes'] : [],
      })
    : ''
}
</fieldset>`,
)}
<div class="console-actions">
${button(t('services.add'), { name: 'action', value: 'add', secondary: true })}
${button(t('services.save'), { name: 'action', value: 'save' })}
</div>
</form>`;
}

const servicesRoutes: PageRoute[] = [
  {
    method: 'GET',
    path: '/console/cities/:id/services',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const setup = await readSetup(request, allowed.session.token);
      if (!isSetup(setup)) return setup;
      return cpsPage(t, setup, '/services', {
        title: t('services.title'),
        ...(request.query.get('done') === 'saved' ? { done: t('services.saved') } : {}),
        body: servicesForm(t, setup, [...setup.services.map(serviceRow), blankService()]),
      });
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/services',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const token = allowed.session.token;
      const posted = postedRows(
        request.form,
        'service',
        [...SERVICE_NAMES, 'keep', 'remove'],
        MAX_SERVICES + 1,
      );
      const rows = posted.map((r) => r.values as ServiceRow);
      const id = request.params.id ?? '';
      // The services as the form was shown: a save from it is refused if they changed since.
      const seen = field(request.form, 'seen') || undefined;
      if (field(request.form, 'action') === 'add') {
        const setup = await readSetup(request, token);
        if (!isSetup(setup)) return setup;
        return cpsPage(t, setup, '/services', {
          title: t('services.title'),
          body: servicesForm(t, setup, [...rows, blankService()], [], seen),
        });
      }
      const sent = filled(posted, ['keep', 'remove']).filter((r) => r.values.remove !== 'yes');
      const answer = await api(`/cities/${encodeURIComponent(id)}/services`, {
        method: 'PUT',
        token,
        json: {
          services: sent.map((r) => serviceOf(r.values as ServiceRow)),
          ...(seen ? { expectedUpdatedAt: seen } : {}),
        },
      });
      if (answer.status === 200) return { redirect: `${cityBase(t, id)}/services?done=saved` };
      if (answer.status !== 400 && answer.status !== 409) return refused(request, answer);
      const setup = await readSetup(request, token);
      if (!isSetup(setup)) return setup;
      const general = { field: rowField('service', 0, 'code'), message: t('services.error') };
      const errors =
        answer.status === 409
          ? [{ field: general.field, message: t('cps.conflict') }]
          : fieldErrors(
              answer,
              (path) => {
                const at = rowOfPath(path, 'services', sent);
                const known = SERVICE_FIELDS.find((f) => f.name === at?.field);
                if (!at || !known) return undefined;
                return {
                  field: rowField('service', at.row, known.name),
                  message: t(`service.${known.name}.error` as Key, { n: at.row + 1 }),
                };
              },
              general,
            );
      return cpsPage(t, setup, '/services', {
        title: t('services.title'),
        errors,
        status: answer.status,
        // After a conflict the form takes the services as they are now; after a 400, as it was shown.
        body: servicesForm(t, setup, rows, errors, answer.status === 400 ? seen : undefined),
      });
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Officials

const OFFICIAL_FIELDS = ['name', 'title', 'email', 'phone'] as const;
type OfficialField = (typeof OFFICIAL_FIELDS)[number];

function officialsBody(
  t: ConsoleT,
  setup: CitySetup,
  typed: Partial<Record<OfficialField, string>> = {},
  errors: FieldError[] = [],
) {
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  const list =
    setup.officials.length === 0
      ? html`<p class="body">${t('officials.none')}</p>`
      : table({
          caption: t('officials.title'),
          head: [t('field.name'), t('field.title'), t('field.email'), t('field.phone')],
          rows: setup.officials.map((o) => [o.name, o.title, o.email, o.phone ?? '']),
        });
  const input = (f: OfficialField) => {
    const id = `official-${f}`;
    const error = errorOf(id);
    return textInput({
      id,
      name: f,
      label: `${t(`field.${f}` as Key)}${f === 'phone' ? ` ${t('form.optional')}` : ''}`,
      errorPrefix: t('error.prefix'),
      value: typed[f] ?? '',
      ...(f === 'email' ? { type: 'email' as const, spellcheck: false, autocomplete: 'off' } : {}),
      ...(f === 'phone' ? { type: 'tel' as const, autocomplete: 'off', width: 'medium' as const } : {}),
      ...(error ? { error } : {}),
    });
  };
  return html`${list}
<h2 class="heading heading--m" id="add-official">${t('officials.add')}</h2>
<form method="post" action="${cityBase(t, setup.city.id)}/officials" novalidate>
${hiddenFields({ idempotencyKey: randomUUID() })}
${OFFICIAL_FIELDS.map(input)}
${button(t('officials.addButton'))}
</form>`;
}

const officialsRoutes: PageRoute[] = [
  {
    method: 'GET',
    path: '/console/cities/:id/officials',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const setup = await readSetup(request, allowed.session.token);
      if (!isSetup(setup)) return setup;
      const added = request.query.get('added');
      return cpsPage(t, setup, '/officials', {
        title: t('officials.title'),
        ...(added ? { done: t('officials.added', { name: added }) } : {}),
        body: officialsBody(t, setup),
      });
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/officials',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const token = allowed.session.token;
      const id = request.params.id ?? '';
      const typed = Object.fromEntries(
        OFFICIAL_FIELDS.map((f) => [f, field(request.form, f).trim()]),
      ) as Record<OfficialField, string>;
      const key = field(request.form, 'idempotencyKey');
      const answer = await api(`/cities/${encodeURIComponent(id)}/officials`, {
        method: 'POST',
        token,
        json: {
          name: typed.name,
          title: typed.title,
          email: typed.email,
          ...(typed.phone ? { phone: typed.phone } : {}),
        },
        ...(/^[0-9a-f-]{36}$/.test(key) ? { idempotencyKey: key } : {}),
      });
      if (answer.status === 201) {
        return {
          redirect: `${cityBase(t, id)}/officials?added=${encodeURIComponent(answer.body.name)}#add-official`,
        };
      }
      if (answer.status !== 400 && answer.status !== 409) return refused(request, answer);
      const setup = await readSetup(request, token);
      if (!isSetup(setup)) return setup;
      const errors =
        answer.status === 409
          ? [{ field: 'official-email', message: t('officials.conflict') }]
          : fieldErrors(
              answer,
              (path) => {
                const f = OFFICIAL_FIELDS.find((name) => path === `body.${name}`);
                return f ? { field: `official-${f}`, message: t(`official.${f}.error` as Key) } : undefined;
              },
              { field: 'official-name', message: t('officials.error') },
            );
      return cpsPage(t, setup, '/officials', {
        title: t('officials.title'),
        errors,
        status: answer.status,
        body: officialsBody(t, setup, typed, errors),
      });
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Routing

const RULE_FIELDS = ['district', 'service', 'officialId', 'remove'] as const;
type RuleRow = Record<(typeof RULE_FIELDS)[number], string>;
const MAX_RULES = 200;
const blankRule = (): RuleRow => ({ district: '', service: '', officialId: '', remove: '' });

function previewText(t: ConsoleT, setup: CitySetup, p: RoutingPreview): SafeHtml {
  const service = p.service.name;
  if (!p.rule || !p.official) {
    return html`<p class="body">${t('routing.preview.nobody', { service, district: p.district })}</p>`;
  }
  const serviceOfRule =
    p.rule.service === WILDCARD
      ? t('routing.anyService')
      : (setup.services.find((s) => s.code === p.rule?.service)?.name ?? p.rule.service);
  const districtOfRule = p.rule.district === WILDCARD ? t('routing.anyDistrict') : p.rule.district;
  return html`<p class="body" data-preview-official="${p.official.id}">${t('routing.preview.goesTo', {
    service,
    district: p.district,
    name: p.official.name,
    title: p.official.title,
  })}</p>
<p class="hint">${t('routing.preview.rule', { district: districtOfRule, service: serviceOfRule, hours: p.service.slaHours })}</p>`;
}

function routingForm(
  t: ConsoleT,
  setup: CitySetup,
  rows: readonly RuleRow[],
  options: {
    errors?: FieldError[];
    preview?: { district: string; service: string };
    result?: SafeHtml;
    /** When the rules the form started from were saved (see servicesForm). */
    seen?: string;
  } = {},
) {
  const errors = options.errors ?? [];
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  const services = setup.services.map((s) => ({ value: s.code, label: s.name }));
  const officials = setup.officials.map((o) => ({ value: o.id, label: `${o.name}, ${o.title}` }));
  const missing =
    setup.services.length === 0 || setup.officials.length === 0
      ? html`<div class="console-inset"><p class="body">${t('routing.needs')}</p>
<p class="body"><a href="${cityBase(t, setup.city.id)}/services">${t('city.tab.services')}</a> · <a href="${cityBase(t, setup.city.id)}/officials">${t('city.tab.officials')}</a></p></div>`
      : '';
  const rule = (r: RuleRow, row: number) => {
    const id = (f: string) => rowField('rule', row, f);
    const err = (f: string) => {
      const e = errorOf(id(f));
      return e ? { error: e } : {};
    };
    return html`<fieldset class="fieldset console-row console-row--rule" data-row>
<legend class="legend">${t('routing.rule', { n: row + 1 })}</legend>
${textInput({ id: id('district'), label: t('routing.district'), hint: t('routing.district.hint'), errorPrefix: t('error.prefix'), value: r.district, width: 'medium', ...err('district') })}
${select({ id: id('service'), label: t('field.service'), errorPrefix: t('error.prefix'), value: r.service, placeholder: t('routing.choose'), choices: [{ value: WILDCARD, label: t('routing.anyService') }, ...services], ...err('service') })}
${select({ id: id('officialId'), label: t('field.official'), errorPrefix: t('error.prefix'), value: r.officialId, placeholder: t('routing.choose'), choices: officials, ...err('officialId') })}
${
  r.district || r.officialId
    ? checkboxes({
        id: id('remove'),
        legend: t('routing.removeLegend', { n: row + 1 }),
        errorPrefix: t('error.prefix'),
        choices: [{ value: 'yes', label: t('routing.remove') }],
        values: r.remove ? ['yes'] : [],
      })
    : ''
}
</fieldset>`;
  };
  const previewError = (f: string) => {
    const e = errorOf(`preview-${f}`);
    return e ? { error: e } : {};
  };
  return html`<p class="lead">${t('routing.lead')}</p>
${missing}
<form method="post" action="${cityBase(t, setup.city.id)}/routing" novalidate data-rows="rule">
<input type="hidden" name="rows" value="${rows.length}">
${hiddenFields({ seen: options.seen ?? setup.routingUpdatedAt })}
${rows.map(rule)}
<div class="console-actions">
${button(t('routing.add'), { name: 'action', value: 'add', secondary: true })}
${button(t('routing.save'), { name: 'action', value: 'save' })}
</div>
<section class="console-preview" aria-labelledby="preview-title">
<h2 class="heading heading--m" id="preview-title">${t('routing.preview.title')}</h2>
<p class="hint">${t('routing.preview.hint')}</p>
${textInput({ id: 'preview-district', label: t('routing.preview.district'), errorPrefix: t('error.prefix'), value: options.preview?.district ?? '', width: 'medium', ...previewError('district') })}
${select({ id: 'preview-service', label: t('field.service'), errorPrefix: t('error.prefix'), value: options.preview?.service ?? '', placeholder: t('routing.choose'), choices: services, ...previewError('service') })}
${button(t('routing.preview.button'), { name: 'action', value: 'preview', secondary: true })}
${options.result ? html`<div class="console-inset" id="preview-result" role="status">${options.result}</div>` : ''}
</section>
</form>`;
}

const ruleRows = (setup: CitySetup): RuleRow[] =>
  setup.rules.map((r) => ({
    district: r.district,
    service: r.service,
    officialId: r.officialId,
    remove: '',
  }));

/** A rule row's error, by the field the API names. */
function ruleError(t: ConsoleT, sent: readonly { row: number }[], path: string): FieldError | undefined {
  const at = rowOfPath(path, 'rules', sent);
  if (!at || !['district', 'service', 'officialId'].includes(at.field)) return undefined;
  return {
    field: rowField('rule', at.row, at.field),
    message: t(`rule.${at.field}.error` as Key, { n: at.row + 1 }),
  };
}

const routingRoutes: PageRoute[] = [
  {
    method: 'GET',
    path: '/console/cities/:id/routing',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const setup = await readSetup(request, allowed.session.token);
      if (!isSetup(setup)) return setup;
      return cpsPage(t, setup, '/routing', {
        title: t('routing.title'),
        ...(request.query.get('done') === 'saved' ? { done: t('routing.saved') } : {}),
        body: routingForm(t, setup, [...ruleRows(setup), blankRule()]),
      });
    },
  },
  {
    method: 'POST',
    path: '/console/cities/:id/routing',
    handle: async (request) => {
      const allowed = secretariatOnly(request);
      if ('result' in allowed) return allowed.result;
      const t = consoleT(request.lang);
      const token = allowed.session.token;
      const id = request.params.id ?? '';
      const action = field(request.form, 'action');
      const posted = postedRows(request.form, 'rule', RULE_FIELDS, MAX_RULES + 1);
      const rows = posted.map((r) => r.values);
      const sent = filled(posted, ['remove']).filter((r) => r.values.remove !== 'yes');
      const rules = sent.map(({ values: { district, service, officialId } }) => ({
        district,
        service,
        officialId,
      }));
      // The rules as the form was shown: a save from it is refused if they changed since.
      const seen = field(request.form, 'seen') || undefined;
      const preview = {
        district: field(request.form, 'preview-district').trim(),
        service: field(request.form, 'preview-service'),
      };

      let answer: ApiAnswer | undefined;
      if (action === 'save') {
        answer = await api(`/cities/${encodeURIComponent(id)}/routing`, {
          method: 'PUT',
          token,
          json: { rules, ...(seen ? { expectedUpdatedAt: seen } : {}) },
        });
        if (answer.status === 200) return { redirect: `${cityBase(t, id)}/routing?done=saved` };
      } else if (action === 'preview') {
        // The rules as they are in the form, saved or not: the preview uses the API's own routing.
        answer = await api(`/cities/${encodeURIComponent(id)}/routing/preview`, {
          method: 'POST',
          token,
          json: { ...preview, rules },
        });
      }
      if (answer && answer.status !== 200 && answer.status !== 400 && answer.status !== 409) {
        return refused(request, answer);
      }
      const setup = await readSetup(request, token);
      if (!isSetup(setup)) return setup;
      const refusedAnswer = answer && answer.status !== 200 ? answer : undefined;
      const general = { field: rowField('rule', 0, 'district'), message: t('routing.error') };
      const errors: FieldError[] = !refusedAnswer
        ? []
        : refusedAnswer.status === 409
          ? [{ field: general.field, message: t('cps.conflict') }]
          : fieldErrors(
              refusedAnswer,
              (path) =>
                path === 'body.district'
                  ? { field: 'preview-district', message: t('routing.preview.district.error') }
                  : path === 'body.service'
                    ? { field: 'preview-service', message: t('routing.preview.service.error') }
                    : ruleError(t, sent, path),
              general,
            );
      const result =
        action === 'preview' && answer?.status === 200
          ? previewText(t, setup, answer.body as RoutingPreview)
          : undefined;
      return cpsPage(t, setup, '/routing', {
        title: t('routing.title'),
        errors,
        ...(refusedAnswer ? { status: refusedAnswer.status } : {}),
        body: routingForm(t, setup, action === 'add' ? [...rows, blankRule()] : rows, {
          errors,
          preview,
          ...(result ? { result } : {}),
          // After a conflict the form takes the rules as they are now; otherwise, as it was shown.
          ...(seen && refusedAnswer?.status !== 409 ? { seen } : {}),
        }),
      });
    },
  },
];

export const cpsPages: PageRoute[] = [...servicesRoutes, ...officialsRoutes, ...routingRoutes];
