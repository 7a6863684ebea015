import { html, type SafeHtml } from '../../emails/html.ts';
import { type Language, translator } from '../../shared/i18n.ts';
import { api } from '../api-client.ts';
import { fileSize } from '../apply/file-size.ts';
import { notificationBanner } from '../components.ts';
import { pathIn } from '../layout.ts';
import { messagePage, type PageRequest, type PageResult, requireRole } from '../server.ts';
import type { Session } from '../session.ts';
import { filesMessages } from './files-messages.ts';
import { words } from './views.ts';

/**
 * What the attachments, translations and retire pages share, and what they add to the practice page:
 * the practice read for its city's representative (or why not), a file's type and size in words, the
 * attachments with their download links, the representative's links to those pages.
 */
export function filesWords(lang: Language) {
  const w = words(lang);
  return { ...w, f: translator(lang, filesMessages) };
}
export type FilesWords = ReturnType<typeof filesWords>;

export interface AttachmentView {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

export interface TextView {
  readonly language: string;
  readonly machine: boolean;
  readonly title: string;
  readonly summary: string;
  readonly sections?: Readonly<Record<string, string>>;
}

/** The practice as its city's representatives read it (`GET /practices/{id}` with `history`). */
export interface OwnPractice extends TextView {
  readonly id: string;
  readonly status: string;
  readonly change?: string;
  readonly translations: readonly TextView[];
  readonly attachments: readonly AttachmentView[];
  readonly history: readonly unknown[];
  /** The version being written, once the practice is published. */
  readonly working?: Omit<OwnPractice, 'working' | 'history'>;
}

/** The version the city writes: the change of a published practice, else the practice itself. */
export const workingOf = (p: OwnPractice) => p.working ?? p;

/** Whether the city may change it now (a draft, a returned one, or a published one not in review). */
export function isEditable(p: {
  readonly status: string;
  readonly change?: string;
  readonly working?: { readonly change?: string };
}): boolean {
  const open = (s: string | undefined) => s === undefined || s === 'draft' || s === 'changes_requested';
  // A published practice's change is told in its `working` version.
  if (p.status === 'published') return open(p.working?.change ?? p.change);
  return p.status === 'draft' || p.status === 'changes_requested';
}

export const notFoundPage = (w: FilesWords): PageResult => ({
  status: 404,
  page: messagePage(w.tc('error.notFound.title'), w.tc('error.notFound.body')),
});
export const notYoursPage = (w: FilesWords): PageResult => ({
  status: 403,
  page: messagePage(w.f('kf.notYours.title'), w.f('kf.notYours.body')),
});
export const lockedPage = (w: FilesWords): PageResult => ({
  status: 409,
  page: messagePage(w.f('kf.locked.title'), w.f('kf.locked.body')),
});

/**
 * The practice of `:id` for a signed-in person with one of `roles` who may act on it: the API shows its
 * history only to its city's representatives and the Secretariat. Another city's representative gets
 * "not yours" (a draft is not found, as the API answers them).
 */
export async function ownPractice(
  request: PageRequest,
  roles: readonly ('member' | 'secretariat')[] = ['member'],
): Promise<{ session: Session; practice: OwnPractice } | { result: PageResult }> {
  const allowed = requireRole(request, roles);
  if ('result' in allowed) return allowed;
  const w = filesWords(request.lang);
  const answer = await api(`/practices/${encodeURIComponent(request.params.id ?? '')}`, {
    token: allowed.session.token,
  });
  if (answer.status === 404 || answer.status === 400) return { result: notFoundPage(w) };
  if (answer.status !== 200) throw new Error(`The practice answered ${answer.status}`);
  if (!('history' in answer.body)) return { result: notYoursPage(w) };
  return { session: allowed.session, practice: answer.body as OwnPractice };
}

/** "PDF document", "PNG image". */
export function fileType(w: FilesWords, contentType: string): string {
  if (contentType === 'application/pdf') return w.f('kf.type.pdf');
  const format = contentType.replace(/^image\//, '').toUpperCase();
  return w.f('kf.type.image', { format: format === 'WEBP' ? 'WebP' : format });
}

/** "PDF document, 1.2 MB". */
export const fileFacts = (w: FilesWords, a: Pick<AttachmentView, 'contentType' | 'size'>): string =>
  w.f('kf.fileFacts', { type: fileType(w, a.contentType), size: fileSize(w.tc, a.size) });

/** The practice's page (as in practice.ts, which calls this module: no import cycle). */
export const practicePath = (id: string) => `/knowledge/practices/${encodeURIComponent(id)}`;
export const attachmentsPath = (id: string) => `${practicePath(id)}/attachments`;
export const downloadPath = (id: string, attachmentId: string) =>
  `${attachmentsPath(id)}/${encodeURIComponent(attachmentId)}`;

/** The files as links that download them (each link asks the API for a short-lived address). */
export function attachmentLinks(w: FilesWords, lang: Language, id: string, list: readonly AttachmentView[]) {
  return html`<ul class="knowledge-files">${list.map(
    (a) =>
      html`<li class="knowledge-files__item"><a href="${pathIn(lang, downloadPath(id, a.id))}">${a.fileName}</a> <span class="knowledge-files__facts">(${fileFacts(w, a)})</span></li>`,
  )}</ul>`;
}

const DONE = ['retired'] as const;

/** The practice page's banner after retiring it. */
export function filesBanner(request: PageRequest): SafeHtml | '' {
  const done = request.query.get('done');
  if (!done || !(DONE as readonly string[]).includes(done)) return '';
  const { f } = filesWords(request.lang);
  return notificationBanner(f('kf.done.retired'), f('kf.done.retired.body'));
}

/**
 * On the practice page: the attachments of the version shown, and for who may act on the practice
 * (the API decides again) links to its attachments, translations and retirement.
 */
export function practiceFiles(
  request: PageRequest,
  read: { readonly id: string; readonly status: string },
  shown: { readonly id: string },
): SafeHtml {
  const { lang } = request;
  const w = filesWords(lang);
  const list = (shown as { attachments?: readonly AttachmentView[] }).attachments ?? [];
  const roles = request.session?.roles ?? [];
  const ofTheCity = roles.includes('member') && 'history' in read;
  const retire = read.status === 'published' && (ofTheCity || roles.includes('secretariat'));
  const links = [
    ...(ofTheCity && read.status !== 'retired'
      ? [
          { href: attachmentsPath(read.id), label: w.f('kf.manage.attachments') },
          { href: `${practicePath(read.id)}/translations`, label: w.f('kf.manage.translations') },
        ]
      : []),
    ...(retire ? [{ href: `${practicePath(read.id)}/retire`, label: w.f('kf.manage.retire') }] : []),
  ];
  return html`${
    list.length
      ? html`<h2 class="heading heading--m">${w.f('kf.attachments')}</h2>
${attachmentLinks(w, lang, read.id, list)}`
      : ''
  }${
    links.length
      ? html`<h2 class="heading heading--m">${w.f('kf.manage')}</h2>
<ul class="knowledge-links">${links.map((l) => html`<li><a href="${pathIn(lang, l.href)}">${l.label}</a></li>`)}</ul>`
      : ''
  }`;
}

/** On the practice form: the practice's attachments and translations are edited on their own pages. */
export function editLinks(lang: Language, id: string): SafeHtml {
  const { f } = filesWords(lang);
  return html`<ul class="knowledge-links">
<li><a href="${pathIn(lang, attachmentsPath(id))}">${f('kf.manage.attachments')}</a></li>
<li><a href="${pathIn(lang, `${practicePath(id)}/translations`)}">${f('kf.manage.translations')}</a></li>
</ul>`;
}
