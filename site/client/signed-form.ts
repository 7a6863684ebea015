import { focusErrorSummary } from './lib/focus-error-summary.ts';

/**
 * The signed form's page: the form posts straight to S3, whose policy refuses a file over the limit
 * with its own XML page. With JavaScript the file is measured first, and a file too big is named on the
 * field, in the page's language (the message is in the page, hidden), before anything is sent.
 */
focusErrorSummary();

const tooBig = document.querySelector<HTMLElement>('[data-too-big]');
const input = tooBig?.closest('form')?.querySelector<HTMLInputElement>('input[type=file]');
if (input && tooBig) {
  const maxBytes = Number(tooBig.dataset.tooBig);
  input.form?.addEventListener('submit', (event) => {
    const file = input.files?.[0];
    const refused = file !== undefined && file.size > maxBytes;
    tooBig.hidden = !refused;
    if (!refused) return;
    event.preventDefault();
    input.setAttribute('aria-invalid', 'true');
    const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    described.add(tooBig.id);
    input.setAttribute('aria-describedby', [...described].join(' '));
    input.focus();
  });
}
