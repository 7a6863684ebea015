import { focusErrorSummary } from './lib/focus-error-summary.ts';

/**
 * The citizen's report, enhanced: the pages and forms are the server's (they work without this), and
 * this script only helps. A missing answer is pointed out before the page is sent, in the same error
 * summary the server writes; the description counts the characters left; a second click does not
 * send the form again; a change of language keeps the answers (the form is posted to the same step
 * in the other language instead of the link being followed).
 *
 * The form says what it needs in data attributes, in the page's language: `data-required` (a JSON
 * map of field name to message), `data-error-title`, `data-error-prefix`, `data-step`, and for a
 * counted field `data-count-field`, `data-count-max` and `data-count` (a template with `{count}`).
 */
const form = document.querySelector<HTMLFormElement>('form[data-report]');
focusErrorSummary();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, text = '') {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

/** The control an error's link leads to, and the element the error message goes before. */
function parts(name: string) {
  const input = document.getElementById(name) as HTMLInputElement | null;
  const field = input?.closest<HTMLElement>('.field');
  const inGroup = input?.type === 'radio' || input?.type === 'checkbox';
  const described = inGroup ? field?.querySelector('fieldset') : input;
  const before = field?.querySelector('.radios, .checkboxes') ?? input;
  return { input, field, described, before };
}

function showErrors(f: HTMLFormElement, missing: [string, string][]) {
  const prefix = f.dataset.errorPrefix ?? '';
  f.querySelector('[data-error-summary]')?.remove();
  const list = el('ul', { class: 'error-summary__list' });
  for (const [name, message] of missing) {
    const item = el('li', {});
    item.append(el('a', { href: `#${name}` }, message));
    list.append(item);
    const { field, described, before } = parts(name);
    if (!field || !before || field.querySelector(`#${CSS.escape(name)}-error`)) continue;
    field.classList.add('field--error');
    const error = el('p', { class: 'error-message', id: `${name}-error` });
    error.append(el('span', { class: 'visually-hidden' }, prefix), ` ${message}`);
    before.before(error);
    described?.setAttribute(
      'aria-describedby',
      `${described.getAttribute('aria-describedby') ?? ''} ${name}-error`.trim(),
    );
    if (described instanceof HTMLInputElement || described instanceof HTMLTextAreaElement)
      described.setAttribute('aria-invalid', 'true');
  }
  const summary = el('div', {
    class: 'error-summary',
    'data-error-summary': '',
    tabindex: '-1',
    role: 'alert',
    'aria-labelledby': 'error-summary-title',
  });
  summary.append(
    el('h2', { class: 'error-summary__title', id: 'error-summary-title' }, f.dataset.errorTitle),
    list,
  );
  f.querySelector('.back-link')?.after(summary) ?? f.prepend(summary);
  if (!document.title.startsWith(prefix)) document.title = `${prefix} ${document.title}`;
  focusErrorSummary();
}

/** A link of the error summary moves focus to its field, not only the view. */
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest?.('[data-error-summary] a');
  const target = link && document.getElementById(link.getAttribute('href')?.slice(1) ?? '');
  if (!target) return;
  event.preventDefault();
  target.focus();
  target.closest('.field')?.scrollIntoView();
});

if (form) {
  const required = JSON.parse(form.dataset.required ?? '{}') as Record<string, string>;

  form.addEventListener('submit', (event) => {
    const submitter = event.submitter as HTMLButtonElement | null;
    if (form.dataset.sending) {
      event.preventDefault(); // a double click: the first one is on its way
      return;
    }
    // "Back" and "Change" leave the step as it is; only continuing needs its answers.
    if (!submitter?.hasAttribute('formnovalidate')) {
      const data = new FormData(form);
      const missing = Object.entries(required).filter(([name]) => !String(data.get(name) ?? '').trim());
      if (missing.length > 0) {
        event.preventDefault();
        showErrors(form, missing);
        return;
      }
    }
    form.dataset.sending = 'true';
  });
  // Back from the next page (the page is restored as it was): it may be sent again.
  window.addEventListener('pageshow', () => delete form.dataset.sending);

  // Another language: the same step, with the answers, in that language.
  document.querySelector('.language-switcher')?.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[hreflang]');
    if (!link || !form.dataset.step) return;
    event.preventDefault();
    form.action = `/${link.hreflang}/report/${form.dataset.step}`;
    form.submit();
  });

  // A date and time is the citizen's own clock: the page converts it with the browser's time zone.
  const zone = form.querySelector<HTMLInputElement>('input[data-time-zone]');
  if (zone) zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const counted = form.dataset.countField && document.getElementById(form.dataset.countField);
  if (counted instanceof HTMLTextAreaElement) countCharacters(counted, form);
}

/** "Characters remaining", shown as one types and read out once typing pauses. */
function countCharacters(area: HTMLTextAreaElement, f: HTMLFormElement) {
  const max = Number(f.dataset.countMax);
  const template = f.dataset.count ?? '';
  const shown = el('div', { class: 'hint character-count', 'aria-hidden': 'true' });
  const spoken = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  area.after(shown, spoken);
  let timer: number | undefined;
  const text = () => {
    const left = max - area.value.length;
    shown.classList.toggle('character-count--over', left < 0);
    return template.replace('{count}', left.toLocaleString(document.documentElement.lang));
  };
  shown.textContent = text();
  area.addEventListener('input', () => {
    shown.textContent = text();
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      spoken.textContent = shown.textContent;
    }, 1000);
  });
}
