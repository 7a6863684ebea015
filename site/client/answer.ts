import { focusErrorSummary } from './lib/focus-error-summary.ts';

/**
 * The pages of the citizen's emailed links, enhanced. A form is sent once: a second click would
 * reach the API after the first answer and be refused (409). On "is it fixed?", the note for the
 * official is shown only once "not fixed" is chosen (without this script it is always shown, with a
 * hint saying so); a note typed and then hidden is still sent, so nothing the citizen wrote is lost.
 */
focusErrorSummary();

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-once]')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.sending) event.preventDefault();
    else form.dataset.sending = 'true';
  });
  // Back to this page (restored as it was): it may be sent again.
  window.addEventListener('pageshow', () => delete form.dataset.sending);
}

const note = document.querySelector<HTMLElement>('[data-feedback-note]');
const notFixed = document.querySelector<HTMLInputElement>('input[name=answer][value=no]');
if (note && notFixed) {
  // A note with an error stays in view whatever is chosen.
  const show = () => {
    note.hidden = !(notFixed.checked || note.querySelector('.field--error'));
  };
  notFixed.form?.addEventListener('change', show);
  show();
}
