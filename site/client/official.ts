import { focusErrorSummary } from './lib/focus-error-summary.ts';

/**
 * The officials' pages. Without this script they work the same: the Preview button re-renders the
 * request page with the preview. With it, the preview of what the citizen will see follows every
 * keystroke and choice, and the note's box takes the look of the audience chosen.
 */
// Without this script a form's address ends in its section (#update), so the answer opens there. With
// it, the fragment would take the focus away from the error summary, which already brings it into view.
for (const form of document.querySelectorAll<HTMLFormElement>('form[method=post]')) {
  const url = new URL(form.getAttribute('action') ?? '', location.href);
  if (url.hash) {
    url.hash = '';
    form.setAttribute('action', url.href);
  }
}
focusErrorSummary();

const form = document.querySelector<HTMLFormElement>('form[data-update-form]');
const preview = form?.querySelector<HTMLElement>('[data-preview]');
if (form && preview) {
  const current = form.dataset.currentStatus;
  const labels = JSON.parse(preview.dataset.statusLabels ?? '{}') as Record<string, string>;
  const noteField = form.querySelector<HTMLElement>('[data-note-field]');
  const note = form.querySelector<HTMLTextAreaElement>('textarea[name=note]');
  const part = (name: string) => preview.querySelector<HTMLElement>(`[data-preview-${name}]`);
  const show = (name: string, visible: boolean) => {
    const el = part(name);
    if (el) el.hidden = !visible;
  };

  const render = () => {
    const status = form.querySelector<HTMLInputElement>('input[name=status]:checked')?.value;
    const audience = form.querySelector<HTMLInputElement>('input[name=audience]:checked')?.value;
    noteField?.classList.toggle('note-field--public', audience === 'public');
    noteField?.classList.toggle('note-field--internal', audience === 'internal');
    const ready = status !== undefined && audience !== undefined;
    show('empty', !ready);
    show('public', ready && audience === 'public');
    show('internal', ready && audience === 'internal');
    show('changed', status !== undefined && status !== current);
    show('same', status === current);
    for (const el of preview.querySelectorAll<HTMLElement>('[data-preview-status]'))
      el.textContent = status ? (labels[status] ?? status) : '';
    const text = note?.value.trim() ?? '';
    const shown = part('note');
    if (shown) {
      shown.textContent = text || (shown.dataset.placeholder ?? '');
      shown.classList.toggle('preview__note--empty', text === '');
    }
  };

  preview.hidden = false;
  preview.tabIndex = -1;
  // The preview is already live: the Preview button only brings it into view.
  form.querySelector('button[value=preview]')?.addEventListener('click', (event) => {
    event.preventDefault();
    render();
    preview.focus();
  });
  form.addEventListener('input', render);
  form.addEventListener('change', render);
  render();
}
