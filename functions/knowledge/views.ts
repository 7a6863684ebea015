import { renderSections } from './markdown.ts';
import {
  type Attachment,
  type HistoryEntry,
  type Practice,
  type PracticeRecord,
  type Published,
  publishedAttachments,
  workingAttachments,
} from './practices.ts';
import type { PracticeText } from './schemas.ts';

/**
 * What GET /practices/{id} answers. The public sees the published version (or the retired one): its
 * facts, its text in the original language and every translation (machine ones labelled
 * `machine: true`), who adopted it and what it adapts. The city's representatives and the Secretariat
 * also see the version being written (`working`, which is the whole answer before a first
 * publication), the reason of a return and the history. No email address is in any of it but the
 * history's actors, which only those two see.
 */
const textView = (lang: string, text: PracticeText, machine: boolean) => ({
  language: lang,
  machine,
  title: text.title,
  summary: text.summary,
  sections: text.sections,
  sectionsHtml: renderSections(text.sections),
});

const cityView = (p: Pick<Published, 'cityId' | 'cityName' | 'country' | 'region'>) => ({
  id: p.cityId,
  name: p.cityName,
  country: p.country,
  region: p.region,
});

const facts = (p: Practice | Published) => ({
  themes: p.themes,
  sdgs: p.sdgs ?? [],
  ...(p.stage ? { stage: p.stage } : {}),
  ...(p.yearStarted ? { yearStarted: p.yearStarted } : {}),
  ...(p.costRange ? { costRange: p.costRange } : {}),
  technologies: p.technologies ?? [],
  partners: p.partners ?? [],
  links: p.links ?? [],
});

function workingView(record: PracticeRecord) {
  const p = record.practice;
  const original = record.texts.get(p.language);
  return {
    id: p.id,
    status: p.status,
    ...(p.change ? { change: p.change } : {}),
    city: cityView(p),
    language: p.language,
    ...(original ? textView(p.language, original, false) : {}),
    ...facts(p),
    translations: p.translations.flatMap((lang) => {
      const text = record.texts.get(lang);
      return text ? [textView(lang, text, false)] : [];
    }),
    ...(p.returnReason ? { returnReason: p.returnReason } : {}),
    attachments: attachmentsView(workingAttachments(record)),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    ...(p.submittedAt ? { submittedAt: p.submittedAt } : {}),
  };
}

function publishedView(record: PracticeRecord, pub: Published) {
  const original = record.publishedTexts.get(pub.language);
  return {
    id: pub.id,
    status: pub.retiredAt ? 'retired' : 'published',
    city: cityView(pub),
    language: pub.language,
    ...(original ? textView(pub.language, original, false) : { title: pub.title, summary: pub.summary }),
    ...facts(pub),
    translations: [...record.publishedTexts.values()]
      .filter((t) => t.lang !== pub.language)
      .sort((a, b) => a.lang.localeCompare(b.lang))
      .map((t) => textView(t.lang, t, t.machine)),
    attachments: attachmentsView(publishedAttachments(record)),
    publishedAt: pub.publishedAt,
    updatedAt: pub.changedAt,
    ...(pub.retiredAt ? { retiredAt: pub.retiredAt } : {}),
  };
}

/** Name, type and size; the file itself through GET /practices/{id}/attachments/{attachmentId}. */
const attachmentsView = (list: Attachment[]) =>
  list.map((a) => ({
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    addedAt: a.addedAt,
  }));

const historyView = (h: HistoryEntry[]) =>
  [...h].sort((a, b) => a.at.localeCompare(b.at)).map((e) => ({ ...e }));

export function practiceView(record: PracticeRecord, o: { privileged: boolean; formerMember: boolean }) {
  const common = {
    formerMember: o.formerMember,
    adoptions: record.adoptions.map((a) => ({
      city: { id: a.cityId, name: a.cityName, country: a.country },
      ...(a.practiceId ? { practiceId: a.practiceId } : {}),
      note: a.note,
      at: a.at,
    })),
    adapts: record.adapts,
  };
  const pub = record.published;
  const main = pub ? publishedView(record, pub) : workingView(record);
  if (!o.privileged) return { ...main, ...common };
  return {
    ...main,
    ...common,
    ...(pub ? { working: workingView(record) } : {}),
    history: historyView(record.history),
  };
}

/** A practice in a list of the city's practices or the review queue. */
export const practiceSummary = (p: Practice) => ({
  id: p.id,
  status: p.status,
  ...(p.change ? { change: p.change } : {}),
  city: cityView(p),
  language: p.language,
  title: p.title,
  themes: p.themes,
  updatedAt: p.updatedAt,
  ...(p.submittedAt ? { submittedAt: p.submittedAt } : {}),
  // What the city is to change, while it is to change it.
  ...(p.returnReason && (p.status === 'changes_requested' || p.change === 'changes_requested')
    ? { returnReason: p.returnReason }
    : {}),
});
