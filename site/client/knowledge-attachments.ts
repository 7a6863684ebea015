import { focusErrorSummary } from './lib/focus-error-summary.ts';

/**
 * A practice's attachments page: with JavaScript a file goes straight to storage, so it may weigh up to
 * 20 MB (without, the form posts it through the site, which takes 4 MB). The page presigns for the
 * file's name, type and size (its answer is a form to read: the storage's address and fields), the
 * file is posted there, and the browser goes back to the page with `?upload=<id>`, which attaches it
 * (the API checks its bytes) and shows the outcome. A file too big, or a refusal, is said on the field.
 */
focusErrorSummary();

const form = document.querySelector<HTMLFormElement>('form[data-presign]');
const input = form?.querySelector<HTMLInputElement>('input[type=file]');
const message = form?.querySelector<HTMLElement>('[data-script-error]');

function refuse(text: string): void {
  if (!input || !message) return;
  message.textContent = text;
  message.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
  described.add(message.id);
  input.setAttribute('aria-describedby', [...described].join(' '));
  input.focus();
}

async function upload(file: File, presignAt: string, key: string): Promise<string | undefined> {
  const asked = await fetch(presignAt, {
    method: 'POST',
    credentials: 'same-origin',
    body: new URLSearchParams({ fileName: file.name, contentType: file.type, size: String(file.size), key }),
  });
  const page = new DOMParser().parseFromString(await asked.text(), 'text/html');
  const presigned = page.querySelector<HTMLFormElement>('form[data-presigned]');
  if (!presigned) {
    refuse(page.querySelector('[data-refusal]')?.textContent?.trim() || (form?.dataset.failed ?? ''));
    return undefined;
  }
  const data = new FormData();
  for (const field of presigned.querySelectorAll<HTMLInputElement>('input[type=hidden]'))
    data.append(field.name, field.value);
  data.append('file', file);
  const sent = await fetch(presigned.getAttribute('action') ?? '', { method: 'POST', body: data });
  if (!sent.ok) {
    refuse(form?.dataset.failed ?? '');
    return undefined;
  }
  return presigned.dataset.done;
}

if (form && input && message) {
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
  form.addEventListener('submit', (event) => {
    const file = input.files?.[0];
    // No file: the page itself says to choose one.
    if (!file) return;
    event.preventDefault();
    if (file.size > Number(form.dataset.maxBytes)) {
      refuse(form.dataset.tooBig ?? '');
      return;
    }
    if (submit) submit.disabled = true;
    const key = form.querySelector<HTMLInputElement>('input[name=key]')?.value ?? '';
    upload(file, form.dataset.presign ?? '', key)
      .then((done) => {
        if (done) window.location.assign(done);
        else if (submit) submit.disabled = false;
      })
      .catch(() => {
        refuse(form.dataset.failed ?? '');
        if (submit) submit.disabled = false;
      });
  });
}
