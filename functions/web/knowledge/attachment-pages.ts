import { createHash, randomUUID } from 'node:crypto';
import { html } from '../../emails/html.ts';
import { PURPOSES, TYPE_ALIASES } from '../../uploads/purposes.ts';
import { type ApiAnswer, type ApiProblem, api } from '../api-client.ts';
import { fileSize } from '../apply/file-size.ts';
import {
  backLink,
  button,
  errorSummary,
  fileInput,
  hiddenFields,
  notificationBanner,
  table,
} from '../components.ts';
import { pathIn } from '../layout.ts';
import { type PresignedPost, postFile } from '../presigned-post.ts';
import { type PageRequest, type PageResult, type PageRoute, requireRole } from '../server.ts';
import {
  attachmentsPath,
  downloadPath,
  type FilesWords,
  filesWords,
  fileType,
  isEditable,
  notFoundPage,
  notYoursPage,
  type OwnPractice,
  ownPractice,
  practicePath,
  workingOf,
} from './files.ts';

/**
 * A practice's attachments for its city's representatives (`/knowledge/practices/{id}/attachments`):
 * the files of the version being written, with their type and size, a Remove button each, and a file
 * input. With JavaScript the file goes straight to storage (up to 20 MB): the script asks this page
 * for a presigned POST with the file's name, type and size (`.../presign`), posts the file to S3 and
 * comes back with `?upload=<id>`, which attaches it (the API checks its bytes). Without JavaScript the
 * form posts the file here and the web function sends it on, which bounds it by what a Lambda event
 * carries (4 MB); the API's presign needs the size and type before the upload, which only a script
 * (or this function) knows. Every outcome is a redirect to the page, with a banner or a field error.
 */
const PURPOSE = PURPOSES['practice-attachment'];
/** What a file sent through the web function may weigh: a Lambda event carries about 4.5 MB of it. */
export const PAGE_FILE_BYTES = 4 * 1024 * 1024;
const FIELD = 'file';
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = /^[\w-]{1,64}$/;
const NAME_MAX = 200;

export const REFUSALS = [
  'none',
  'type',
  'tooBig',
  'tooBigNoScript',
  'tooMany',
  'name',
  'missing',
  'locked',
  'failed',
] as const;
export type Refusal = (typeof REFUSALS)[number];
type Outcome = Refusal | 'done' | 'notYours' | 'notFound';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heic',
};

/**
 * The type to declare for a file: the browser's when it names one attachments take, else the one its
 * extension names (browsers often send HEIC photos without a type). The API checks the bytes anyway.
 */
export function declaredType(fileName: string, type: string): string {
  const given = type.trim().toLowerCase();
  if (TYPE_ALIASES[given]) return given;
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? (given || 'application/octet-stream');
}

/** The file's own name, without a folder, shortened to what the API takes (keeping its extension). */
export function cleanName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').trim();
  if (base.length <= NAME_MAX) return base;
  const extension = /\.[a-z0-9]{1,8}$/i.exec(base)?.[0] ?? '';
  return `${base.slice(0, NAME_MAX - extension.length).trimEnd()}${extension}`;
}

const problem = (answer: ApiAnswer) => answer.body as ApiProblem | undefined;
const conflictOf = (answer: ApiAnswer): Refusal =>
  /at most/i.test(problem(answer)?.detail ?? '') ? 'tooMany' : 'locked';

/** What the API's answer to a presign means for the page. */
export function presignOutcome(answer: ApiAnswer): Outcome {
  if (answer.status === 201) return 'done';
  if (answer.status === 400) {
    const paths = (problem(answer)?.errors ?? []).map((e) => e.path.replace(/^body\./, ''));
    if (paths.includes('contentType')) return 'type';
    if (paths.includes('size')) return 'tooBig';
    if (paths.includes('fileName')) return 'name';
    return 'failed';
  }
  if (answer.status === 409) return conflictOf(answer);
  if (answer.status === 403) return 'notYours';
  if (answer.status === 404) return 'notFound';
  if (answer.status === 429) return 'failed';
  throw new Error(`Presigning an attachment answered ${answer.status}`);
}

/** What the API's answer to an attach means: its bytes refused, never arrived, no room, or done. */
export function attachOutcome(answer: ApiAnswer): Outcome {
  if (answer.status === 200) return 'done';
  if (answer.status === 400) return 'type';
  if (answer.status === 404) return 'missing';
  if (answer.status === 409) {
    const detail = problem(answer)?.detail ?? '';
    if (/already attached/i.test(detail)) return 'done';
    if (/not arrived|expired/i.test(detail)) return 'missing';
    return conflictOf(answer);
  }
  if (answer.status === 403) return 'notYours';
  if (answer.status === 429) return 'failed';
  throw new Error(`Attaching a file answered ${answer.status}`);
}

function refusalText(w: FilesWords, refusal: Refusal): string {
  const size = fileSize(w.tc, PURPOSE.maxBytes);
  const small = fileSize(w.tc, PAGE_FILE_BYTES);
  const max = PURPOSE.maxFiles;
  const key = `kf.att.err.${refusal}` as const;
  return w.f(key, { size, small, max });
}

/** The page answering an outcome: a redirect to the attachments with a banner or the field's error. */
function outcomePage(request: PageRequest, outcome: Outcome, done = 'attached'): PageResult {
  const w = filesWords(request.lang);
  if (outcome === 'notYours') return notYoursPage(w);
  if (outcome === 'notFound') return notFoundPage(w);
  const back = pathIn(request.lang, attachmentsPath(request.params.id ?? ''));
  return { redirect: outcome === 'done' ? `${back}?done=${done}` : `${back}?error=${outcome}` };
}

const isRefusal = (s: string | null): s is Refusal => (REFUSALS as readonly string[]).includes(s ?? '');

function attachmentsPage(request: PageRequest, p: OwnPractice): PageResult {
  const { lang, query } = request;
  const w = filesWords(lang);
  const { f, tc } = w;
  const working = workingOf(p);
  const files = working.attachments;
  const editable = isEditable(p);
  const here = pathIn(lang, attachmentsPath(p.id));
  const asked = query.get('error');
  const refusal = isRefusal(asked) ? asked : undefined;
  const error = refusal ? refusalText(w, refusal) : undefined;
  const done = query.get('done');
  const banner =
    done === 'attached' || done === 'removed'
      ? notificationBanner(f(`kf.done.${done}`), f(`kf.done.${done}.body`))
      : '';
  const full = files.length >= PURPOSE.maxFiles;
  const size = fileSize(tc, PURPOSE.maxBytes);
  const upload =
    editable && !full
      ? html`<h2 class="heading heading--m">${f('kf.att.add')}</h2>
<form method="post" action="${here}" enctype="multipart/form-data" novalidate class="knowledge-upload" data-presign="${here}/presign" data-max-bytes="${String(PURPOSE.maxBytes)}" data-too-big="${refusalText(w, 'tooBig')}" data-failed="${refusalText(w, 'failed')}">
${hiddenFields({ key: randomUUID() })}
${fileInput({
  id: FIELD,
  label: f('kf.att.file'),
  hint: f('kf.att.fileHint', { size, small: fileSize(tc, PAGE_FILE_BYTES) }),
  accept: 'application/pdf,.pdf,image/jpeg,image/png,image/webp,image/heic,.heic,.heif',
  errorPrefix: tc('error.prefix'),
  ...(error ? { error } : {}),
})}
<p class="error-message" id="${FIELD}-script-error" data-script-error hidden></p>
${button(f('kf.att.upload'))}
</form>`
      : html`<p class="body">${editable ? f('kf.att.full', { max: PURPOSE.maxFiles }) : f('kf.att.locked')}</p>`;
  return {
    ...(refusal ? { status: 400 } : {}),
    page: {
      title: f('kf.att.title'),
      ...(refusal ? { hasErrors: true } : {}),
      scripts: ['knowledge-attachments'],
      body: html`${backLink(pathIn(lang, practicePath(p.id)), f('kf.backToPractice'))}
${errorSummary(tc('error.title'), error ? [{ field: FIELD, message: error }] : [])}
${banner}
<h1 class="heading heading--xl">${f('kf.att.title')}</h1>
<p class="lead" lang="${working.language}">${working.title}</p>
<p class="body">${f('kf.att.lead', { max: PURPOSE.maxFiles, size })} ${p.status === 'published' ? f('kf.att.changeNote') : f('kf.att.draftNote')}</p>
${
  files.length === 0
    ? html`<p class="body">${f('kf.att.none')}</p>`
    : html`${table({
        caption: f('kf.att.caption'),
        head: [
          f('kf.att.name'),
          f('kf.att.type'),
          f('kf.att.size'),
          ...(editable ? [f('kf.att.actions')] : []),
        ],
        rows: files.map((a) => [
          html`<a href="${pathIn(lang, downloadPath(p.id, a.id))}">${a.fileName}</a>`,
          fileType(w, a.contentType),
          fileSize(tc, a.size),
          ...(editable
            ? [
                html`<form method="post" action="${pathIn(lang, `${downloadPath(p.id, a.id)}/remove`)}"><button class="button button--secondary" type="submit">${f('kf.att.remove')}<span class="visually-hidden"> ${a.fileName}</span></button></form>`,
              ]
            : []),
        ]),
      })}
${editable ? html`<p class="body">${f('kf.att.removeNote')}</p>` : ''}`
}
${upload}`,
    },
  };
}

/** The page; with `?upload=<id>` (back from storage) the upload is attached first. */
const listPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/attachments',
  handle: async (request) => {
    const upload = request.query.get('upload');
    if (upload !== null) {
      const allowed = requireRole(request, ['member']);
      if ('result' in allowed) return allowed.result;
      if (!UPLOAD_ID.test(upload)) return outcomePage(request, 'missing');
      const id = encodeURIComponent(request.params.id ?? '');
      const attached = await api(`/practices/${id}/attachments/${upload}`, {
        method: 'PUT',
        token: allowed.session.token,
      });
      return outcomePage(request, attachOutcome(attached));
    }
    const own = await ownPractice(request);
    if ('result' in own) return own.result;
    return attachmentsPage(request, own.practice);
  },
};

/** Presigns for a file (name, type, size), on behalf of a page's script: the form is for it to read. */
const presignAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/attachments/presign',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const w = filesWords(request.lang);
    const one = (k: string) => {
      const v = request.form[k];
      return typeof v === 'string' ? v : '';
    };
    const fileName = cleanName(one('fileName'));
    const size = Number(one('size'));
    const key = KEY.test(one('key')) ? one('key') : randomUUID();
    const refused = (refusal: Refusal, status: number): PageResult => ({
      status,
      page: {
        title: w.f('kf.att.title'),
        hasErrors: true,
        body: html`<h1 class="heading">${w.f('kf.att.title')}</h1>
<p class="error-message" data-refusal>${refusalText(w, refusal)}</p>`,
      },
    });
    if (!Number.isInteger(size) || size < 1) return refused('none', 400);
    if (size > PURPOSE.maxBytes) return refused('tooBig', 400);
    const contentType = declaredType(fileName, one('contentType'));
    const id = request.params.id ?? '';
    const presigned = await api(`/practices/${encodeURIComponent(id)}/attachments`, {
      method: 'POST',
      token: allowed.session.token,
      json: { fileName, contentType, size },
      idempotencyKey: `web-attachment-${key}-${hash(`${fileName}\u0000${contentType}\u0000${size}`)}`,
    });
    const outcome = presignOutcome(presigned);
    if (outcome === 'notYours') return notYoursPage(w);
    if (outcome === 'notFound') return notFoundPage(w);
    if (outcome !== 'done') return refused(outcome, presigned.status);
    const post = presigned.body as PresignedPost;
    const back = `${pathIn(request.lang, attachmentsPath(id))}?upload=${post.uploadId}`;
    return {
      page: {
        title: w.f('kf.att.title'),
        body: html`<h1 class="heading">${w.f('kf.att.title')}</h1>
<form method="post" action="${post.url}" enctype="multipart/form-data" data-presigned data-done="${back}">
${hiddenFields(post.fields)}
</form>`,
      },
    };
  },
};

const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 32);

/**
 * The form without JavaScript: the file comes here (at most 4 MB) and the web function presigns, sends
 * it to storage and attaches it, as the script does from the browser.
 */
const uploadAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/attachments',
  files: { count: 1 },
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const [file] = request.files ?? [];
    if (!file) return outcomePage(request, 'none');
    if (file.bytes.length > PAGE_FILE_BYTES) return outcomePage(request, 'tooBigNoScript');
    const key = typeof request.form.key === 'string' && KEY.test(request.form.key) ? request.form.key : '';
    const fileName = cleanName(file.fileName) || 'attachment';
    const id = encodeURIComponent(request.params.id ?? '');
    const presigned = await api(`/practices/${id}/attachments`, {
      method: 'POST',
      token: allowed.session.token,
      json: { fileName, contentType: declaredType(fileName, file.contentType), size: file.bytes.length },
      idempotencyKey: `web-attachment-${key || randomUUID()}-${hash(file.bytes)}`,
    });
    const outcome = presignOutcome(presigned);
    if (outcome !== 'done') return outcomePage(request, outcome);
    const post = presigned.body as PresignedPost;
    if (!(await postFile(post, file.bytes))) return outcomePage(request, 'failed');
    const attached = await api(`/practices/${id}/attachments/${post.uploadId}`, {
      method: 'PUT',
      token: allowed.session.token,
    });
    return outcomePage(request, attachOutcome(attached));
  },
};

/** Removes a file from what is being written (a published practice keeps it until the change is published). */
const removeAction: PageRoute = {
  method: 'POST',
  path: '/knowledge/practices/:id/attachments/:attachmentId/remove',
  handle: async (request) => {
    const allowed = requireRole(request, ['member']);
    if ('result' in allowed) return allowed.result;
    const w = filesWords(request.lang);
    const { id = '', attachmentId = '' } = request.params;
    if (!UPLOAD_ID.test(attachmentId)) return notFoundPage(w);
    const answer = await api(`/practices/${encodeURIComponent(id)}/attachments/${attachmentId}`, {
      method: 'DELETE',
      token: allowed.session.token,
    });
    if (answer.status === 200) return outcomePage(request, 'done', 'removed');
    if (answer.status === 409) return outcomePage(request, 'locked');
    if (answer.status === 403) return notYoursPage(w);
    if (answer.status === 404 || answer.status === 400) return notFoundPage(w);
    throw new Error(`Removing an attachment answered ${answer.status}`);
  },
};

/**
 * A file's download: the API signs a short-lived link (anyone's for a published practice, the city's
 * and the Secretariat's before), and the browser is sent there. A link on a page never goes stale.
 */
const downloadPage: PageRoute = {
  method: 'GET',
  path: '/knowledge/practices/:id/attachments/:attachmentId',
  handle: async (request) => {
    const w = filesWords(request.lang);
    const { id = '', attachmentId = '' } = request.params;
    if (!UPLOAD_ID.test(attachmentId)) return notFoundPage(w);
    const answer = await api(
      `/practices/${encodeURIComponent(id)}/attachments/${attachmentId}`,
      request.session ? { token: request.session.token } : {},
    );
    if (answer.status === 404 || answer.status === 400) return notFoundPage(w);
    if (answer.status !== 200) throw new Error(`An attachment's link answered ${answer.status}`);
    return { redirect: (answer.body as { url: string }).url, status: 302 };
  },
};

export const attachmentPages: readonly PageRoute[] = [
  listPage,
  presignAction,
  uploadAction,
  removeAction,
  downloadPage,
];
