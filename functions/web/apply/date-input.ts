import { html, type SafeHtml } from '../../emails/html.ts';

/**
 * A date as three fields, day, month and year (the GOV.UK date input): people type what is on the
 * signed paper, in any language, without a date picker. The first field carries the group's id, so
 * the error summary's link lands on it.
 */
export function dateInput(p: {
  readonly id: string;
  readonly legend: string;
  readonly hint?: string;
  readonly error?: string;
  readonly errorPrefix: string;
  readonly labels: { readonly day: string; readonly month: string; readonly year: string };
  readonly values: { readonly day: string; readonly month: string; readonly year: string };
}): SafeHtml {
  const hintId = p.hint ? `${p.id}-hint` : '';
  const errorId = p.error ? `${p.id}-error` : '';
  const described = [hintId, errorId].filter(Boolean).join(' ');
  const part = (name: 'day' | 'month' | 'year', first: boolean) => {
    const id = first ? p.id : `${p.id}-${name}`;
    return html`<div class="date-input__item">
<label class="label date-input__label" for="${id}">${p.labels[name]}</label>
<input class="input date-input__input date-input__input--${name}" id="${id}" name="${p.id}-${name}" type="text" inputmode="numeric" value="${p.values[name]}"${p.error ? html` aria-invalid="true"` : ''}>
</div>`;
  };
  return html`<div class="field${p.error ? ' field--error' : ''}">
<fieldset class="fieldset" role="group"${described ? html` aria-describedby="${described}"` : ''}>
<legend class="legend">${p.legend}</legend>
${p.hint ? html`<div class="hint" id="${hintId}">${p.hint}</div>` : ''}
${p.error ? html`<p class="error-message" id="${errorId}"><span class="visually-hidden">${p.errorPrefix}</span> ${p.error}</p>` : ''}
<div class="date-input">${part('day', true)}${part('month', false)}${part('year', false)}</div>
</fieldset>
</div>`;
}
