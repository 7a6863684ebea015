import { type EmailMessage, renderEmail } from '../emails/message.ts';
import { publicBaseUrl, secretariatEmail } from '../shared/config.ts';
import { isLanguage, type Language, translator } from '../shared/i18n.ts';
import { knowledgeEmails } from './messages.ts';
import type { Practice } from './practices.ts';

/**
 * The knowledge platform's emails, each in its reader's language where it is known (a representative's
 * language as the Secretariat recorded it, a follower's choice), English otherwise. Every link opens a
 * page of the site (`/knowledge/...`); no email shows another person's address.
 */
export const t = (lang: string | undefined) =>
  translator(isLanguage(lang) ? lang : ('en' as Language), knowledgeEmails);

const url = (path: string) => `${publicBaseUrl()}${path}`;
export const practiceUrl = (id: string) => url(`/knowledge/practices/${encodeURIComponent(id)}`);
export const conversationUrl = (id: string) => url(`/knowledge/conversations/${encodeURIComponent(id)}`);
export const questionUrl = (id: string) => url(`/knowledge/questions/${encodeURIComponent(id)}`);
export const unsubscribeUrl = (token: string) => url(`/knowledge/unsubscribe/${token}`);

export interface Recipient {
  readonly email: string;
  readonly name?: string;
  readonly language?: string;
}

/** To the Secretariat: a practice or a change to one waits for review. */
export function submittedEmail(p: Practice, title: string): EmailMessage {
  const tr = t('en');
  const kind = p.change ? 'change' : 'first';
  return renderEmail({
    to: [secretariatEmail()],
    subject: tr('submittedSubject', { title }),
    heading: tr('submittedHeading'),
    paragraphs: [tr('submittedBody', { kind, city: p.cityName, title })],
    facts: [
      ['Practice', p.id],
      ['City', `${p.cityName} (${p.country})`],
      ['Language', p.language],
    ],
    action: { label: tr('openPractice'), url: practiceUrl(p.id) },
  });
}

/** To each representative of the city, in their language: published, or returned with the reason. */
export function reviewedEmails(
  p: Practice,
  title: string,
  to: readonly Recipient[],
  reason?: string,
): EmailMessage[] {
  return to.map((r) => {
    const tr = t(r.language);
    const returned = reason !== undefined;
    return renderEmail({
      to: [r.email],
      subject: tr(returned ? 'returnedSubject' : 'publishedSubject', { title }),
      heading: tr(returned ? 'returnedHeading' : 'publishedHeading'),
      paragraphs: [
        ...(r.name ? [tr('greeting', { name: r.name })] : []),
        tr(returned ? 'returnedBody' : 'publishedBody', { title, city: p.cityName }),
      ],
      ...(returned ? { quote: { label: tr('reasonLabel'), text: reason } } : {}),
      action: { label: tr('openPractice'), url: practiceUrl(p.id) },
    });
  });
}

/** A message relayed to the other side of a conversation: one email per person, no address shown. */
export function relayEmails(
  kind: 'contact' | 'reply',
  o: { conversationId: string; title: string; fromCity: string; city: string; message: string },
  to: readonly Recipient[],
): EmailMessage[] {
  return to.map((r) => {
    const tr = t(r.language);
    return renderEmail({
      to: [r.email],
      subject: tr(kind === 'contact' ? 'contactSubject' : 'replySubject', {
        fromCity: o.fromCity,
        title: o.title,
      }),
      heading: tr(kind === 'contact' ? 'contactHeading' : 'replyHeading'),
      paragraphs: [
        ...(r.name ? [tr('greeting', { name: r.name })] : []),
        tr(kind === 'contact' ? 'contactBody' : 'replyBody', {
          fromCity: o.fromCity,
          city: o.city,
          title: o.title,
        }),
      ],
      quote: { label: tr('messageLabel'), text: o.message },
      action: { label: tr('replyAction'), url: conversationUrl(o.conversationId) },
    });
  });
}

export function answerEmail(
  to: Recipient,
  o: { questionId: string; title: string; city: string; answer: string },
): EmailMessage {
  const tr = t(to.language);
  return renderEmail({
    to: [to.email],
    subject: tr('answerSubject', { title: o.title }),
    heading: tr('answerHeading'),
    paragraphs: [
      ...(to.name ? [tr('greeting', { name: to.name })] : []),
      tr('answerBody', { city: o.city, title: o.title }),
    ],
    quote: { label: tr('answerLabel'), text: o.answer },
    action: { label: tr('openQuestion'), url: questionUrl(o.questionId) },
  });
}

export function hiddenEmail(
  to: Recipient,
  o: { kind: 'question' | 'answer'; questionId: string; title: string; reason: string },
): EmailMessage {
  const tr = t(to.language);
  return renderEmail({
    to: [to.email],
    subject: tr('hiddenSubject', { kind: o.kind }),
    heading: tr('hiddenHeading', { kind: o.kind }),
    paragraphs: [
      ...(to.name ? [tr('greeting', { name: to.name })] : []),
      tr('hiddenBody', { kind: o.kind, title: o.title }),
    ],
    quote: { label: tr('reasonLabel'), text: o.reason },
    action: { label: tr('openQuestion'), url: questionUrl(o.questionId) },
  });
}

export interface DigestItem {
  readonly id: string;
  readonly title: string;
  readonly city: string;
  readonly country: string;
}

/** The weekly digest of one follower. */
export function digestEmail(
  to: Recipient,
  themes: string,
  items: readonly DigestItem[],
  token: string,
): EmailMessage {
  const tr = t(to.language);
  const stop = unsubscribeUrl(token);
  return renderEmail({
    to: [to.email],
    subject: tr('digestSubject', { count: items.length }),
    heading: tr('digestHeading'),
    paragraphs: [tr('digestBody', { themes }), tr('digestUnsubscribe', { url: stop })],
    facts: items.map((i) => [`${i.title} (${i.city}, ${i.country})`, practiceUrl(i.id)] as [string, string]),
    action: { label: tr('digestAction'), url: stop },
  });
}
