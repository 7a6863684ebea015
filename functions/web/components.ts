import { html, type SafeHtml } from '../emails/html.ts';

/**
 * Form components after the GOV.UK Design System patterns (without its branding): a label, a hint and
 * an error message tied to each field with aria-describedby, an error summary at the top that links
 * to each field, inputs that keep what the person typed.
 */
export interface FieldError {
  /** The id of the field (or of the first input of a group) the error is about. */
  readonly field: string;
  readonly message: string;
}

export function errorSummary(title: string, errors: readonly FieldError[]): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="error-summary" data-error-summary tabindex="-1" role="alert" aria-labelledby="error-summary-title">
<h2 class="error-summary__title" id="error-summary-title">${title}</h2>
<ul class="error-summary__list">
${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
</ul>
</div>`;
}

interface FieldProps {
  readonly id: string;
  readonly name?: string;
  readonly label: string;
  /** Shown as a heading-sized label: the page's one question. */
  readonly isPageHeading?: boolean;
  readonly hint?: string;
  readonly error?: string;
  readonly errorPrefix: string;
}

const describedBy = (p: FieldProps) =>
  [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');

function fieldParts(p: FieldProps) {
  const label = html`<label class="label${p.isPageHeading ? ' label--page-heading' : ''}" for="${p.id}">${p.label}</label>`;
  return {
    label: p.isPageHeading ? html`<h1 class="heading">${label}</h1>` : label,
    hint: p.hint ? html`<div class="hint" id="${p.id}-hint">${p.hint}</div>` : '',
    error: p.error
      ? html`<p class="error-message" id="${p.id}-error"><span class="visually-hidden">${p.errorPrefix}</span> ${p.error}</p>`
      : '',
    aria: describedBy(p) ? html` aria-describedby="${describedBy(p)}"` : '',
    invalid: p.error ? html` aria-invalid="true"` : '',
  };
}

export function textInput(
  p: FieldProps & {
    readonly value?: string;
    readonly type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'datetime-local';
    readonly autocomplete?: string;
    readonly inputmode?: string;
    readonly width?: 'short' | 'medium' | 'full';
    readonly spellcheck?: boolean;
  },
): SafeHtml {
  const f = fieldParts(p);
  return html`<div class="field${p.error ? ' field--error' : ''}">
${f.label}${f.hint}${f.error}
<input class="input input--${p.width ?? 'full'}" id="${p.id}" name="${p.name ?? p.id}" type="${p.type ?? 'text'}" value="${p.value ?? ''}"${p.autocomplete ? html` autocomplete="${p.autocomplete}"` : ''}${p.inputmode ? html` inputmode="${p.inputmode}"` : ''}${p.spellcheck === false ? html` spellcheck="false"` : ''}${f.aria}${f.invalid}>
</div>`;
}

export function textarea(
  p: FieldProps & { readonly value?: string; readonly rows?: number; readonly maxlength?: number },
): SafeHtml {
  const f = fieldParts(p);
  return html`<div class="field${p.error ? ' field--error' : ''}">
${f.label}${f.hint}${f.error}
<textarea class="textarea" id="${p.id}" name="${p.name ?? p.id}" rows="${p.rows ?? 5}"${p.maxlength ? html` maxlength="${p.maxlength}"` : ''}${f.aria}${f.invalid}>${p.value ?? ''}</textarea>
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

/** Radios in a fieldset whose legend is the question; the error points at the first radio. */
export function radios(
  p: Omit<FieldProps, 'label'> & {
    readonly legend: string;
    readonly legendIsPageHeading?: boolean;
    readonly choices: readonly Choice[];
    readonly value?: string;
  },
): SafeHtml {
  const hintId = p.hint ? `${p.id}-hint` : '';
  const errorId = p.error ? `${p.id}-error` : '';
  const described = [hintId, errorId].filter(Boolean).join(' ');
  const legend = p.legendIsPageHeading
    ? html`<legend class="legend legend--page-heading"><h1 class="heading">${p.legend}</h1></legend>`
    : html`<legend class="legend">${p.legend}</legend>`;
  return html`<div class="field${p.error ? ' field--error' : ''}">
<fieldset class="fieldset"${described ? html` aria-describedby="${described}"` : ''}>
${legend}
${p.hint ? html`<div class="hint" id="${hintId}">${p.hint}</div>` : ''}
${p.error ? html`<p class="error-message" id="${errorId}"><span class="visually-hidden">${p.errorPrefix}</span> ${p.error}</p>` : ''}
<div class="radios">
${p.choices.map(
  (c, i) => html`<div class="radios__item">
<input class="radios__input" id="${i === 0 ? p.id : `${p.id}-${i}`}" name="${p.name ?? p.id}" type="radio" value="${c.value}"${c.value === p.value ? html` checked` : ''}${c.hint ? html` aria-describedby="${p.id}-${i}-hint"` : ''}>
<label class="radios__label" for="${i === 0 ? p.id : `${p.id}-${i}`}">${c.label}</label>
${c.hint ? html`<div class="hint radios__hint" id="${p.id}-${i}-hint">${c.hint}</div>` : ''}
</div>`,
)}
</div>
</fieldset>
</div>`;
}

export function select(
  p: FieldProps & {
    readonly choices: readonly Choice[];
    readonly value?: string;
    readonly placeholder?: string;
  },
): SafeHtml {
  const f = fieldParts(p);
  return html`<div class="field${p.error ? ' field--error' : ''}">
${f.label}${f.hint}${f.error}
<select class="select" id="${p.id}" name="${p.name ?? p.id}"${f.aria}${f.invalid}>
${p.placeholder ? html`<option value="">${p.placeholder}</option>` : ''}
${p.choices.map((c) => html`<option value="${c.value}"${c.value === p.value ? html` selected` : ''}>${c.label}</option>`)}
</select>
</div>`;
}

/** A summary of answers (check answers, a request's facts), with optional change links. */
export function summaryList(
  rows: readonly {
    readonly key: string;
    readonly value: SafeHtml | string;
    readonly change?: { href: string; label: string };
  }[],
): SafeHtml {
  return html`<dl class="summary-list">
${rows.map(
  (r) => html`<div class="summary-list__row">
<dt class="summary-list__key">${r.key}</dt>
<dd class="summary-list__value">${r.value}</dd>
${r.change ? html`<dd class="summary-list__actions"><a href="${r.change.href}">${r.change.label}<span class="visually-hidden"> ${r.key}</span></a></dd>` : ''}
</div>`,
)}
</dl>`;
}

export const button = (label: string, attrs: { name?: string; value?: string; secondary?: boolean } = {}) =>
  html`<button class="button${attrs.secondary ? ' button--secondary' : ''}" type="submit"${attrs.name ? html` name="${attrs.name}"` : ''}${attrs.value ? html` value="${attrs.value}"` : ''}>${label}</button>`;

export const backLink = (href: string, label: string) =>
  html`<a class="back-link" href="${href}">${label}</a>`;

/** Hidden inputs that carry earlier answers through a flow that works without JavaScript. */
export const hiddenFields = (values: Readonly<Record<string, string | undefined>>) =>
  Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);

/** Checkboxes in a fieldset: several answers to one question (roles, themes, filters). */
export function checkboxes(
  p: Omit<FieldProps, 'label'> & {
    readonly legend: string;
    readonly legendIsPageHeading?: boolean;
    readonly choices: readonly Choice[];
    readonly values?: readonly string[];
  },
): SafeHtml {
  const hintId = p.hint ? `${p.id}-hint` : '';
  const errorId = p.error ? `${p.id}-error` : '';
  const described = [hintId, errorId].filter(Boolean).join(' ');
  const legend = p.legendIsPageHeading
    ? html`<legend class="legend legend--page-heading"><h1 class="heading">${p.legend}</h1></legend>`
    : html`<legend class="legend">${p.legend}</legend>`;
  return html`<div class="field${p.error ? ' field--error' : ''}">
<fieldset class="fieldset"${described ? html` aria-describedby="${described}"` : ''}>
${legend}
${p.hint ? html`<div class="hint" id="${hintId}">${p.hint}</div>` : ''}
${p.error ? html`<p class="error-message" id="${errorId}"><span class="visually-hidden">${p.errorPrefix}</span> ${p.error}</p>` : ''}
<div class="checkboxes">
${p.choices.map((c, i) => {
  const id = i === 0 ? p.id : `${p.id}-${i}`;
  return html`<div class="checkboxes__item">
<input class="checkboxes__input" id="${id}" name="${p.name ?? p.id}" type="checkbox" value="${c.value}"${p.values?.includes(c.value) ? html` checked` : ''}${c.hint ? html` aria-describedby="${id}-hint"` : ''}>
<label class="checkboxes__label" for="${id}">${c.label}</label>
${c.hint ? html`<div class="hint checkboxes__hint" id="${id}-hint">${c.hint}</div>` : ''}
</div>`;
})}
</div>
</fieldset>
</div>`;
}

/** A file input; the form around it must be multipart (a presigned POST straight to storage). */
export function fileInput(
  p: FieldProps & {
    readonly accept?: string;
    readonly multiple?: boolean;
    /** For a form that posts straight to storage, where no page can answer a missing file: the browser asks. */
    readonly required?: boolean;
  },
): SafeHtml {
  const f = fieldParts(p);
  return html`<div class="field${p.error ? ' field--error' : ''}">
${f.label}${f.hint}${f.error}
<input class="file-input" id="${p.id}" name="${p.name ?? p.id}" type="file"${p.accept ? html` accept="${p.accept}"` : ''}${p.multiple ? html` multiple` : ''}${p.required ? html` required` : ''}${f.aria}${f.invalid}>
</div>`;
}

/** The confirmation panel: what was done and the reference to keep. */
export const panel = (title: string, body?: SafeHtml | string, reference?: string) =>
  html`<div class="panel">
<h1 class="panel__title">${title}</h1>
${body || reference ? html`<div class="panel__body">${body ?? ''}${reference ? html`<strong class="panel__reference">${reference}</strong>` : ''}</div>` : ''}
</div>`;

/** A status in a coloured tag: `done` (green) for finished states, `warning` for what needs attention. */
export const tag = (label: string, tone?: 'done' | 'warning') =>
  html`<strong class="tag${tone ? ` tag--${tone}` : ''}">${label}</strong>`;

/** A table with a caption (for screen readers, visually hidden unless `showCaption`). */
export function table(p: {
  readonly caption: string;
  readonly showCaption?: boolean;
  readonly head: readonly string[];
  readonly rows: readonly (readonly (SafeHtml | string)[])[];
}): SafeHtml {
  return html`<table class="table">
<caption class="table__caption${p.showCaption ? '' : ' visually-hidden'}">${p.caption}</caption>
<thead><tr>${p.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>
${p.rows.map((r) => html`<tr>${r.map((cell) => html`<td>${cell}</td>`)}</tr>`)}
</tbody>
</table>`;
}

/** A message at the top of a page after an action ("Update sent"), announced to screen readers. */
export const notificationBanner = (title: string, body: SafeHtml | string, success = true) =>
  html`<div class="notification${success ? ' notification--success' : ''}" role="${success ? 'alert' : 'region'}" aria-labelledby="notification-title">
<h2 class="notification__title" id="notification-title">${title}</h2>
<div class="notification__body">${body}</div>
</div>`;

/** Previous and next links of a list read page by page (the API's cursors). */
export function pagination(p: {
  readonly label: string;
  readonly previous?: { href: string; label: string };
  readonly next?: { href: string; label: string };
}): SafeHtml | '' {
  if (!p.previous && !p.next) return '';
  return html`<nav class="pagination" aria-label="${p.label}">
${p.previous ? html`<a class="pagination__link" rel="prev" href="${p.previous.href}">${p.previous.label}</a>` : ''}
${p.next ? html`<a class="pagination__link" rel="next" href="${p.next.href}">${p.next.label}</a>` : ''}
</nav>`;
}

/** A disclosure: a summary that opens to show more (native <details>, works without JavaScript). */
export const details = (summary: string, body: SafeHtml | string) =>
  html`<details class="details"><summary class="details__summary">${summary}</summary><div class="details__text">${body}</div></details>`;
