import { html, type SafeHtml } from '../../emails/html.ts';
import { REGIONS } from '../../shared/regions.ts';
import { radios, select, textarea, textInput } from '../components.ts';
import type { Form } from '../server.ts';
import { countryChoices } from './countries.ts';
import { dateInput } from './date-input.ts';
import type { Draft, DraftAnswers } from './draft-client.ts';
import type { ApplyWords } from './words.ts';

/**
 * The question pages of the Membership Application Form, in order. Each page saves one section of
 * the draft, complete (the API checks it with the form's own rules): its fields, how what was typed
 * becomes the section the API takes, and how a saved section is shown again. A step that is not a
 * section (the signed form's upload, signed-form.ts) is a `FlowStep`: its own page, placed in `FLOW`
 * with its own `isDone`, so numbering, the way on and where a resumed draft opens all follow.
 */
export type StepSlug = 'contact' | 'city' | 'mayor' | 'signatory' | 'motivation';
export type FlowSlug = StepSlug | 'signed-form';
export type Section = keyof DraftAnswers;

/** What a page shows: the answers as typed (by field id) and the errors by field id. */
export type Values = Readonly<Record<string, string>>;
export type FieldErrors = ReadonlyMap<string, string>;

export interface FieldSpec {
  /** The id (and form name) of the field: `<section>-<field>`. */
  readonly id: string;
  /** Where the API names it, inside the answers: `city.population`. */
  readonly path: string;
  readonly optional?: boolean;
  /** Longest text the API takes (its message then says how long). */
  readonly max?: number;
}

export interface StepView {
  readonly w: ApplyWords;
  readonly values: Values;
  readonly errors: FieldErrors;
}

/** A page of the flow, in order: it is done when the draft has what it asks. */
export interface FlowStep {
  readonly slug: FlowSlug;
  /** The page's title, its one heading. */
  title(w: ApplyWords): string;
  isDone(draft: Draft): boolean;
}

export interface Step extends FlowStep {
  readonly slug: StepSlug;
  readonly section: Section;
  readonly fields: readonly FieldSpec[];
  /** The section as the API takes it, from the form (blank optional answers left out). */
  answer(form: Form, draft: Draft | undefined, w: ApplyWords): unknown;
  /** The answers as typed, to show again after an error. */
  typed(form: Form): Values;
  /** A saved section, as the page shows it. */
  saved(answers: DraftAnswers): Values;
  render(view: StepView): SafeHtml;
}

const text = (form: Form, name: string): string => {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : ((value as string | undefined) ?? '')).trim();
};

/** An answer left empty is not sent at all: the API then names it as missing. */
const given = (value: string) => (value === '' ? undefined : value);

const fieldsOf = (section: string, names: readonly (string | [string, Partial<FieldSpec>])[]) =>
  names.map((n) => {
    const [name, more] = typeof n === 'string' ? [n, {}] : n;
    return { id: `${section}-${name}`, path: `${section}.${name}`, ...more };
  });

const typedOf = (fields: readonly FieldSpec[]) => (form: Form) =>
  Object.fromEntries(fields.map((f) => [f.id, text(form, f.id)]));

/** A text field: label, optional hint, error and what was typed. */
function input(
  view: StepView,
  id: string,
  o: {
    type?: 'text' | 'email' | 'tel' | 'url';
    optional?: boolean;
    hint?: boolean;
    autocomplete?: string;
    width?: 'short' | 'medium' | 'full';
    inputmode?: string;
    spellcheck?: boolean;
  } = {},
) {
  const { w, values, errors } = view;
  const label = w.field(id, 'label');
  return textInput({
    id,
    label: o.optional ? `${label} ${w.common('form.optional')}` : label,
    ...(o.hint ? { hint: w.field(id, 'hint') } : {}),
    ...(errors.get(id) ? { error: errors.get(id) as string } : {}),
    errorPrefix: w.common('error.prefix'),
    value: values[id] ?? '',
    ...(o.type ? { type: o.type } : {}),
    ...(o.autocomplete ? { autocomplete: o.autocomplete } : {}),
    ...(o.width ? { width: o.width } : {}),
    ...(o.inputmode ? { inputmode: o.inputmode } : {}),
    ...(o.spellcheck === false ? { spellcheck: false } : {}),
  });
}

const heading = (title: string, lead?: string) =>
  html`<h1 class="heading">${title}</h1>${lead ? html`<p class="body">${lead}</p>` : ''}`;

const contactFields = fieldsOf('contact', [
  ['name', { max: 200 }],
  ['title', { optional: true, max: 200 }],
  'email',
  ['phone', { optional: true }],
]);

const contact: Step = {
  slug: 'contact',
  section: 'contact',
  fields: contactFields,
  title: (w) => w('contact.title'),
  answer: (form) => ({
    name: given(text(form, 'contact-name')),
    title: given(text(form, 'contact-title')),
    email: given(text(form, 'contact-email')),
    phone: given(text(form, 'contact-phone')),
  }),
  typed: typedOf(contactFields),
  saved: ({ contact: c }) => ({
    'contact-name': c?.name ?? '',
    'contact-title': c?.title ?? '',
    'contact-email': c?.email ?? '',
    'contact-phone': c?.phone ?? '',
  }),
  render: (view) =>
    html`${heading(view.w('contact.title'), view.w('contact.lead'))}
${input(view, 'contact-name', { autocomplete: 'name' })}
${input(view, 'contact-title', { optional: true, hint: true, autocomplete: 'organization-title' })}
${input(view, 'contact-email', { type: 'email', hint: true, autocomplete: 'email', spellcheck: false })}
${input(view, 'contact-phone', { type: 'tel', optional: true, hint: true, autocomplete: 'tel', width: 'medium' })}`,
  isDone: (draft) => draft.answers.contact !== undefined,
};

const cityFields = fieldsOf('city', [
  ['name', { max: 120 }],
  'country',
  'region',
  'population',
  ['website', { optional: true, max: 300 }],
]);

/**
 * Population as people write it: spaces, commas, apostrophes or dots between groups of three digits
 * are separators. Anything else goes to the API as it is, which names it.
 */
function population(typed: string): number | string | undefined {
  if (typed === '') return undefined;
  const digits = typed.replace(/[\s,'’_\u00a0\u202f]/g, '');
  const plain = /^\d{1,3}(\.\d{3})+$/.test(digits) ? digits.replaceAll('.', '') : digits;
  return /^\d+$/.test(plain) ? Number(plain) : typed;
}

const city: Step = {
  slug: 'city',
  section: 'city',
  fields: cityFields,
  title: (w) => w('city.title'),
  answer: (form) => ({
    name: given(text(form, 'city-name')),
    country: given(text(form, 'city-country')),
    region: given(text(form, 'city-region')),
    population: population(text(form, 'city-population')),
    website: given(text(form, 'city-website')),
  }),
  typed: typedOf(cityFields),
  saved: ({ city: c }) => ({
    'city-name': c?.name ?? '',
    'city-country': c?.country ?? '',
    'city-region': c?.region ?? '',
    'city-population': c ? String(c.population) : '',
    'city-website': c?.website ?? '',
  }),
  render: (view) => {
    const { w, values, errors } = view;
    const error = (id: string) => (errors.get(id) ? { error: errors.get(id) as string } : {});
    return html`${heading(w('city.title'))}
${input(view, 'city-name', { autocomplete: 'address-level2' })}
${select({
  id: 'city-country',
  label: w.field('city-country', 'label'),
  placeholder: w.field('city-country', 'placeholder'),
  choices: countryChoices(w.lang),
  value: values['city-country'] ?? '',
  errorPrefix: w.common('error.prefix'),
  ...error('city-country'),
})}
${radios({
  id: 'city-region',
  legend: w.field('city-region', 'legend'),
  hint: w.field('city-region', 'hint'),
  choices: REGIONS.map((r) => ({ value: r, label: w.region(r) })),
  value: values['city-region'] ?? '',
  errorPrefix: w.common('error.prefix'),
  ...error('city-region'),
})}
${input(view, 'city-population', { hint: true, width: 'medium', inputmode: 'numeric', spellcheck: false })}
${input(view, 'city-website', { type: 'url', optional: true, hint: true, autocomplete: 'url', spellcheck: false })}`;
  },
  isDone: (draft) => draft.answers.city !== undefined,
};

const mayorFields = fieldsOf('mayor', [['name', { max: 200 }], 'officeEmail']);

const mayor: Step = {
  slug: 'mayor',
  section: 'mayor',
  fields: mayorFields,
  title: (w) => w('mayor.title'),
  answer: (form) => ({
    name: given(text(form, 'mayor-name')),
    officeEmail: given(text(form, 'mayor-officeEmail')),
  }),
  typed: typedOf(mayorFields),
  saved: ({ mayor: m }) => ({ 'mayor-name': m?.name ?? '', 'mayor-officeEmail': m?.officeEmail ?? '' }),
  render: (view) =>
    html`${heading(view.w('mayor.title'))}
${input(view, 'mayor-name')}
${input(view, 'mayor-officeEmail', { type: 'email', hint: true, spellcheck: false })}`,
  isDone: (draft) => draft.answers.mayor !== undefined,
};

const signatoryFields = fieldsOf('signatory', [
  'isMayor',
  ['name', { max: 200 }],
  ['title', { max: 200 }],
  'signedOn',
]);
const DATE_PARTS = ['day', 'month', 'year'] as const;

/** The date as the API takes it (YYYY-MM-DD) when the three parts are numbers; else what was typed. */
function signedOn(form: Form): string | undefined {
  const [day, month, year] = DATE_PARTS.map((p) => text(form, `signatory-signedOn-${p}`));
  if (!day && !month && !year) return undefined;
  if (![day, month, year].every((p) => /^\d+$/.test(p ?? '')) || (year ?? '').length !== 4) {
    return `${year}-${month}-${day}`;
  }
  const pad = (p: string | undefined) => (p ?? '').padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}`;
}

const signatory: Step = {
  slug: 'signatory',
  section: 'signatory',
  fields: signatoryFields,
  title: (w) => w('signatory.title'),
  answer: (form, draft, w) => {
    const choice = text(form, 'signatory-isMayor');
    const isMayor = choice === 'yes' ? true : choice === 'no' ? false : undefined;
    // The Mayor who signed needs no name or title typed: the Mayor's name, and "Mayor".
    const name = given(text(form, 'signatory-name')) ?? (isMayor ? draft?.answers.mayor?.name : undefined);
    const title = given(text(form, 'signatory-title')) ?? (isMayor ? w('signatory.mayorTitle') : undefined);
    return { isMayor, name, title, signedOn: signedOn(form) };
  },
  typed: (form) => ({
    'signatory-isMayor': text(form, 'signatory-isMayor'),
    'signatory-name': text(form, 'signatory-name'),
    'signatory-title': text(form, 'signatory-title'),
    ...Object.fromEntries(
      DATE_PARTS.map((p) => [`signatory-signedOn-${p}`, text(form, `signatory-signedOn-${p}`)]),
    ),
    'signatory-signedOn': DATE_PARTS.map((p) => text(form, `signatory-signedOn-${p}`)).join(''),
  }),
  saved: ({ signatory: s }) => {
    const [year = '', month = '', day = ''] = s?.signedOn.split('-') ?? [];
    return {
      'signatory-isMayor': s ? (s.isMayor ? 'yes' : 'no') : '',
      'signatory-name': s?.name ?? '',
      'signatory-title': s?.title ?? '',
      'signatory-signedOn-day': day ? String(Number(day)) : '',
      'signatory-signedOn-month': month ? String(Number(month)) : '',
      'signatory-signedOn-year': year,
    };
  },
  render: (view) => {
    const { w, values, errors } = view;
    const error = (id: string) => (errors.get(id) ? { error: errors.get(id) as string } : {});
    return html`${radios({
      id: 'signatory-isMayor',
      legend: w('signatory.title'),
      legendIsPageHeading: true,
      hint: w.field('signatory-isMayor', 'hint'),
      choices: [
        { value: 'yes', label: w.field('signatory-isMayor', 'mayor') },
        { value: 'no', label: w.field('signatory-isMayor', 'representative') },
      ],
      value: values['signatory-isMayor'] ?? '',
      errorPrefix: w.common('error.prefix'),
      ...error('signatory-isMayor'),
    })}
${input(view, 'signatory-name', { hint: true })}
${input(view, 'signatory-title', { hint: true })}
${dateInput({
  id: 'signatory-signedOn',
  legend: w.field('signatory-signedOn', 'legend'),
  hint: w.field('signatory-signedOn', 'hint'),
  labels: {
    day: w.field('signatory-signedOn', 'day'),
    month: w.field('signatory-signedOn', 'month'),
    year: w.field('signatory-signedOn', 'year'),
  },
  values: {
    day: values['signatory-signedOn-day'] ?? '',
    month: values['signatory-signedOn-month'] ?? '',
    year: values['signatory-signedOn-year'] ?? '',
  },
  errorPrefix: w.common('error.prefix'),
  ...error('signatory-signedOn'),
})}`;
  },
  isDone: (draft) => draft.answers.signatory !== undefined,
};

const motivationFields: FieldSpec[] = [{ id: 'motivation', path: 'motivation', max: 5000 }];

const motivation: Step = {
  slug: 'motivation',
  section: 'motivation',
  fields: motivationFields,
  title: (w) => w('motivation.title'),
  answer: (form) => given(text(form, 'motivation')),
  typed: typedOf(motivationFields),
  saved: (answers) => ({ motivation: answers.motivation ?? '' }),
  render: ({ w, values, errors }) =>
    textarea({
      id: 'motivation',
      label: w('motivation.title'),
      isPageHeading: true,
      hint: w('motivation.hint'),
      rows: 10,
      maxlength: 5000,
      value: values.motivation ?? '',
      errorPrefix: w.common('error.prefix'),
      ...(errors.get('motivation') ? { error: errors.get('motivation') as string } : {}),
    }),
  isDone: (draft) => draft.answers.motivation !== undefined,
};

/** The question pages: each saves a section of the draft. */
export const STEPS: readonly Step[] = [contact, city, mayor, signatory, motivation];

/** The signed form itself: a PDF, posted straight to storage (signed-form.ts); last, before the check. */
export const signedFormStep: FlowStep = {
  slug: 'signed-form',
  title: (w) => w('signedForm.title'),
  isDone: (draft) => draft.signedForm !== undefined,
};

/** Every page of the flow, in order. */
export const FLOW: readonly FlowStep[] = [...STEPS, signedFormStep];

export const stepOf = (slug: string): Step | undefined => STEPS.find((s) => s.slug === slug);

/** Where the applicant goes after a step: the next one, and after the last, the check page. */
export const nextAfter = (step: FlowStep): string => FLOW[FLOW.indexOf(step) + 1]?.slug ?? 'check';

/** The step before, if any. */
export const previousOf = (step: FlowStep): FlowStep | undefined => FLOW[FLOW.indexOf(step) - 1];

/** The first step not yet done, or the check page when all are. */
export const firstOpen = (draft: Draft): string => FLOW.find((s) => !s.isDone(draft))?.slug ?? 'check';
