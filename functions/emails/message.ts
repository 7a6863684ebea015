import { directionOf, type Language } from '../shared/i18n.ts';
import { html, type SafeHtml } from './html.ts';

/** A rendered email, ready for the outbox. */
export interface EmailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/**
 * The structured content of every WeGO email. One description renders both the HTML and the text
 * part, so the two never disagree. All strings are plain text: the renderer escapes them.
 */
export interface EmailContent {
  readonly to: readonly string[];
  readonly subject: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** Label/value facts shown as a table (the application, the request...). */
  readonly facts?: readonly (readonly [string, string])[];
  readonly action?: { readonly label: string; readonly url: string };
  /** Further links, after the button (e.g. "Remove my contact details"). */
  readonly links?: readonly { readonly label: string; readonly url: string }[];
  /** Quoted user text (a reason, a description), shown in a box and never interpreted. */
  readonly quote?: { readonly label: string; readonly text: string };
  /** The language the email is written in (English by default): the HTML part's lang and direction. */
  readonly lang?: Language;
  /** The organization's name in that language, for the footer. */
  readonly footer?: string;
}

const FOOTER = 'World e-Governments Organization of Cities and Local Governments (WeGO)';

/** Header injection guard: a subject is one line, whatever a user typed into the fields it quotes. */
export const oneLine = (value: string): string => value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();

export function renderEmail(content: EmailContent): EmailMessage {
  return {
    to: content.to,
    subject: oneLine(content.subject),
    html: renderHtml(content).value,
    text: renderText(content),
  };
}

function renderText(c: EmailContent): string {
  const parts: string[] = [c.heading, '', ...c.paragraphs.flatMap((p) => [p, ''])];
  if (c.facts?.length) parts.push(...c.facts.map(([k, v]) => `${k}: ${v}`), '');
  if (c.quote) parts.push(`${c.quote.label}:`, ...c.quote.text.split('\n').map((l) => `> ${l}`), '');
  if (c.action) parts.push(`${c.action.label}: ${c.action.url}`, '');
  if (c.links?.length) parts.push(...c.links.map((l) => `${l.label}: ${l.url}`), '');
  parts.push('--', c.footer ?? FOOTER);
  return parts.join('\n');
}

function renderHtml(c: EmailContent): SafeHtml {
  const lang = c.lang ?? 'en';
  const dir = directionOf(lang);
  // Mail clients ignore logical CSS properties, so the sides are physical, swapped for right to left;
  // values people typed take the direction of their own script (dir="auto").
  const start = dir === 'rtl' ? 'right' : 'left';
  const labelPadding = dir === 'rtl' ? '8px 0 8px 12px' : '8px 12px 8px 0';
  const facts = c.facts?.length
    ? html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:16px 0;">
${c.facts.map(
  ([k, v]) =>
    html`<tr><td style="padding:${labelPadding};border-bottom:1px solid #e5e7eb;color:#4b5563;font-size:14px;vertical-align:top;white-space:nowrap;">${k}</td><td style="padding:8px 0;border-bottom:1px solid #e5e7eb;font-size:15px;color:#111827;word-break:break-word;" dir="auto">${v}</td></tr>`,
)}
</table>`
    : '';
  const quote = c.quote
    ? html`<p style="margin:16px 0 4px;font-size:14px;color:#4b5563;">${c.quote.label}</p>
<div dir="auto" style="margin:0 0 16px;padding:12px 16px;background:#f3f4f6;border-${start}:4px solid #1d4ed8;font-size:15px;color:#111827;white-space:pre-wrap;word-break:break-word;">${c.quote.text}</div>`
    : '';
  const action = c.action
    ? html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:24px 0;"><tr><td style="border-radius:6px;background:#1d4ed8;">
<a href="${c.action.url}" style="display:inline-block;padding:12px 22px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;">${c.action.label}</a>
</td></tr></table>
<p dir="ltr" style="font-size:13px;color:#6b7280;word-break:break-all;text-align:${start};">${c.action.url}</p>`
    : '';
  const links = c.links?.length
    ? html`${c.links.map(
        (l) =>
          html`<p style="margin:0 0 8px;font-size:14px;"><a href="${l.url}" style="color:#1d4ed8;">${l.label}</a></p>`,
      )}`
    : '';
  return html`<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${c.subject}</title></head>
<body dir="${dir}" style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 12px;"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;overflow:hidden;">
<tr><td style="background:#0f2a5f;padding:16px 24px;color:#ffffff;font-size:18px;font-weight:700;letter-spacing:0.5px;">WeGO</td></tr>
<tr><td dir="${dir}" style="padding:24px;text-align:${start};">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;overflow-wrap:anywhere;word-break:break-word;">${c.heading}</h1>
${c.paragraphs.map((p) => html`<p style="margin:0 0 12px;font-size:16px;line-height:1.5;color:#1f2937;overflow-wrap:anywhere;word-break:break-word;">${p}</p>`)}
${facts}${quote}${action}${links}
</td></tr>
<tr><td style="padding:16px 24px;background:#f9fafb;font-size:12px;color:#6b7280;">${c.footer ?? FOOTER}</td></tr>
</table></td></tr></table></body></html>`;
}
