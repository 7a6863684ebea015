import { cityPath, pageQuery } from '../shared/params.ts';
import { reasonBody } from '../shared/reason.ts';
import { defineRoute, ROLES } from '../shared/route.ts';
import * as z from '../shared/zod.ts';
import { PURPOSES } from '../uploads/purposes.ts';
import { presignedUpload } from '../uploads/schemas.ts';
import {
  adoptionBody,
  answerBody,
  answerPath,
  attachmentBody,
  attachmentPath,
  contactBody,
  followsBody,
  listQuery,
  practiceBody,
  practicePatch,
  practicePath,
  questionBody,
  questionsQuery,
  replyBody,
  representativesBody,
  searchQuery,
  textBody,
  tokenPath,
  translationPath,
} from './schemas.ts';

/** Answers, loosely described for the OpenAPI document (the handlers build them field by field). */
const object = (description: string) => z.looseObject({}).check(z.describe(description));
const page = (description: string) =>
  z.object({ items: z.array(object(description)), nextCursor: z.optional(z.string()) });
const practice = object(
  'A practice: published version (facts, text, translations with `machine`, adoptions); for its city and the Secretariat also `working` and `history`',
);
const representatives = z.object({
  representatives: z.array(
    z.object({ name: z.string(), email: z.string(), language: z.optional(z.string()) }),
  ),
  updatedAt: z.optional(
    z.string().check(z.describe('When the list last changed: send it back as expectedUpdatedAt')),
  ),
});
const follows = z.object({ themes: z.array(z.string()), language: z.optional(z.string()) });
/** Open data pages are larger by default, but bounded like every list (100). */
const FEED_LIMIT = {
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 100),
  cursor: pageQuery.cursor,
};

export const putRepresentativesRoute = defineRoute({
  name: 'knowledge/representatives-put',
  method: 'PUT',
  path: '/cities/{cityId}/representatives',
  access: ['secretariat'],
  summary: "Replace a member city's representatives (they write for the city on the knowledge platform)",
  request: { params: cityPath, body: representativesBody },
  responses: { 200: { description: 'The representatives', schema: representatives } },
});

export const getRepresentativesRoute = defineRoute({
  name: 'knowledge/representatives-get',
  method: 'GET',
  path: '/cities/{cityId}/representatives',
  access: ['secretariat'],
  summary: "A member city's representatives",
  request: { params: cityPath },
  responses: { 200: { description: 'The representatives', schema: representatives } },
});

export const themesRoute = defineRoute({
  name: 'knowledge/themes',
  method: 'GET',
  path: '/themes',
  access: 'public',
  usesTable: false,
  summary: 'The themes of the knowledge platform (the WeGO Awards categories), named in every language',
  responses: {
    200: {
      description: '`name` in English, `names` in every language',
      schema: z.object({ items: z.array(object('{ code, name, names }')), sdgs: z.array(z.number()) }),
    },
  },
});

export const createPracticeRoute = defineRoute({
  name: 'knowledge/practices-create',
  method: 'POST',
  path: '/practices',
  access: ['member'],
  summary: "Draft a practice for the caller's city",
  idempotent: true,
  request: { body: practiceBody },
  responses: { 201: { description: 'The draft', schema: practice } },
});

export const searchRoute = defineRoute({
  name: 'knowledge/practices-search',
  method: 'GET',
  path: '/practices',
  access: 'public',
  paginated: true,
  searchIndex: true,
  summary: 'Search published practices in any language: ranked, filtered, with facet counts',
  request: { query: searchQuery },
  responses: {
    200: {
      description: 'One page of results, the facet counts of all that matched and their number',
      schema: z.object({
        items: z.array(object('A practice in the language asked (`lang`) or the one the query matched')),
        facets: z.record(z.string(), z.record(z.string(), z.number())),
        total: z.number(),
        nextCursor: z.optional(z.string()),
      }),
    },
  },
});

export const getPracticeRoute = defineRoute({
  name: 'knowledge/practices-get',
  method: 'GET',
  path: '/practices/{id}',
  access: 'public',
  optionalAuth: true,
  summary:
    "A practice: public once published; before that, for its city's representatives and the Secretariat",
  request: { params: practicePath },
  responses: { 200: { description: 'The practice', schema: practice } },
});

export const patchPracticeRoute = defineRoute({
  name: 'knowledge/practices-patch',
  method: 'PATCH',
  path: '/practices/{id}',
  access: ['member'],
  summary:
    'Edit a draft, or propose a change to a published practice (reviewed again; the published one stays)',
  request: { params: practicePath, body: practicePatch },
  responses: { 200: { description: 'The practice', schema: practice } },
});

export const putTranslationRoute = defineRoute({
  name: 'knowledge/translations-put',
  method: 'PUT',
  path: '/practices/{id}/translations/{lang}',
  access: ['member'],
  summary: "The city's own translation of a practice into a language (reviewed with the practice)",
  request: { params: translationPath, body: textBody },
  responses: { 200: { description: 'The practice', schema: practice } },
});

const transitionRoute = <A extends readonly ('member' | 'secretariat')[]>(
  action: string,
  access: A,
  summary: string,
) =>
  ({
    name: `knowledge/practices-${action}`,
    method: 'POST',
    path: `/practices/{id}/${action}`,
    access,
    summary,
    request: { params: practicePath },
    responses: { 200: { description: 'The practice, with its new status', schema: practice } },
  }) as const;

export const submitRoute = defineRoute(
  transitionRoute('submit', ['member'], 'Submit a draft or a change for review; the Secretariat is emailed'),
);
export const publishRoute = defineRoute(
  transitionRoute(
    'publish',
    ['secretariat'],
    "Publish a practice in review; the city's representatives are emailed",
  ),
);
export const returnRoute = defineRoute({
  ...transitionRoute(
    'return',
    ['secretariat'],
    "Return a practice in review with a reason, emailed to the city's representatives",
  ),
  request: { params: practicePath, body: reasonBody },
});
export const retireRoute = defineRoute(
  transitionRoute(
    'retire',
    ['member', 'secretariat'],
    'Retire a published practice: it stays readable, out of search',
  ),
);

const attachments = PURPOSES['practice-attachment'];

export const presignAttachmentRoute = defineRoute({
  name: 'knowledge/attachments-presign',
  method: 'POST',
  path: '/practices/{id}/attachments',
  access: ['member'],
  summary: `Upload an attachment of an editable practice: a presigned POST (PDF, JPEG, PNG, WebP or HEIC, at most ${attachments.maxBytes / 1024 / 1024} MB; at most ${attachments.maxFiles} per practice)`,
  idempotent: true,
  uploads: true,
  request: { params: practicePath, body: attachmentBody },
  responses: {
    201: {
      description:
        'POST `fields`, then the file as the last field `file`, as multipart/form-data to `url` before `expiresAt`; then attach it with `PUT /practices/{id}/attachments/{uploadId}`',
      schema: presignedUpload,
    },
  },
});

export const attachRoute = defineRoute({
  name: 'knowledge/attachments-attach',
  method: 'PUT',
  path: '/practices/{id}/attachments/{attachmentId}',
  access: ['member'],
  summary:
    'Attach an uploaded file (its uploadId): checked from its bytes, then listed; an edit, reviewed like any',
  uploads: true,
  request: { params: attachmentPath },
  responses: { 200: { description: 'The practice, the attachment listed', schema: practice } },
});

export const detachRoute = defineRoute({
  name: 'knowledge/attachments-detach',
  method: 'DELETE',
  path: '/practices/{id}/attachments/{attachmentId}',
  access: ['member'],
  summary:
    'Remove an attachment from a draft or a change (the published version keeps it until the change is published)',
  request: { params: attachmentPath },
  responses: { 200: { description: 'The practice', schema: practice } },
});

export const downloadAttachmentRoute = defineRoute({
  name: 'knowledge/attachments-download',
  method: 'GET',
  path: '/practices/{id}/attachments/{attachmentId}',
  access: 'public',
  optionalAuth: true,
  uploads: true,
  summary:
    "A short-lived download link of an attachment: anyone's for a published practice; before that, its city's representatives' and the Secretariat's",
  request: { params: attachmentPath },
  responses: {
    200: {
      description: 'The link (a presigned GET, for 5 minutes) and what it downloads',
      schema: z.object({
        url: z.url(),
        expiresAt: z.iso.datetime(),
        fileName: z.string(),
        contentType: z.string(),
        size: z.number(),
      }),
    },
  },
});

export const cityPracticesRoute = defineRoute({
  name: 'knowledge/city-practices',
  method: 'GET',
  path: '/cities/{cityId}/practices',
  access: ['member', 'secretariat'],
  paginated: true,
  summary: "A city's practices in every status (its representatives and the Secretariat)",
  request: { params: cityPath, query: listQuery },
  responses: {
    200: { description: 'One page', schema: page('A practice: id, status, title, language, themes') },
  },
});

export const reviewQueueRoute = defineRoute({
  name: 'knowledge/review-queue',
  method: 'GET',
  path: '/review/practices',
  access: ['secretariat'],
  paginated: true,
  summary: 'Practices and changes waiting for review, oldest first',
  request: { query: listQuery },
  responses: { 200: { description: 'One page', schema: page('A practice in review') } },
});

export const contactRoute = defineRoute({
  name: 'knowledge/contact',
  method: 'POST',
  path: '/practices/{id}/contact',
  access: ['member'],
  summary: 'Write to the city behind a practice: relayed to its representatives, no address shown',
  idempotent: true,
  request: { params: practicePath, body: contactBody },
  responses: { 201: { description: 'The conversation', schema: object('{ id, practiceId, messages }') } },
});

export const getConversationRoute = defineRoute({
  name: 'knowledge/conversations-get',
  method: 'GET',
  path: '/conversations/{id}',
  access: ['member'],
  summary: 'A relayed conversation (its two sides only)',
  request: { params: practicePath },
  responses: {
    200: { description: 'The conversation, by city, without addresses', schema: object('{ id, messages }') },
  },
});

export const replyRoute = defineRoute({
  name: 'knowledge/conversations-reply',
  method: 'POST',
  path: '/conversations/{id}/messages',
  access: ['member'],
  summary: 'Reply through the relay; the other side is emailed',
  idempotent: true,
  request: { params: practicePath, body: replyBody },
  responses: { 201: { description: 'The conversation', schema: object('{ id, messages }') } },
});

export const adoptionRoute = defineRoute({
  name: 'knowledge/adoptions-create',
  method: 'POST',
  path: '/practices/{id}/adoptions',
  access: ['member'],
  summary: '"We adopted this": link a practice to the city that replicated it (and its own practice)',
  idempotent: true,
  request: { params: practicePath, body: adoptionBody },
  responses: { 201: { description: 'The adoption', schema: object('{ id, city, practiceId?, note, at }') } },
});

export const meRoute = defineRoute({
  name: 'knowledge/me',
  method: 'GET',
  path: '/me',
  access: ROLES,
  summary:
    'The caller, from their verified token: email, roles and, for a representative, the cities they represent',
  responses: {
    200: {
      description: '`member` is false for a city that is no longer an Associate or Full Member',
      schema: z.object({
        email: z.string(),
        roles: z.array(z.enum(ROLES)),
        cities: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            country: z.string(),
            region: z.string(),
            member: z.boolean(),
          }),
        ),
      }),
    },
  },
});

export const myQuestionsRoute = defineRoute({
  name: 'knowledge/me-questions',
  method: 'GET',
  path: '/me/questions',
  access: ['member'],
  paginated: true,
  summary: 'The questions the caller asked, newest first, hidden ones too (with the reason)',
  request: { query: listQuery },
  responses: {
    200: {
      description: 'One page',
      schema: page('A question: id, title, themes, city, answerCount, answered, hidden?'),
    },
  },
});

export const putFollowsRoute = defineRoute({
  name: 'knowledge/follows-put',
  method: 'PUT',
  path: '/me/follows',
  access: ['member'],
  summary: 'The themes the caller follows: a weekly digest of new and updated practices in them',
  request: { body: followsBody },
  responses: { 200: { description: 'What the caller follows', schema: follows } },
});

export const getFollowsRoute = defineRoute({
  name: 'knowledge/follows-get',
  method: 'GET',
  path: '/me/follows',
  access: ['member'],
  summary: 'The themes the caller follows',
  responses: { 200: { description: 'What the caller follows', schema: follows } },
});

export const unsubscribeInfoRoute = defineRoute({
  name: 'knowledge/unsubscribe-get',
  method: 'GET',
  path: '/follows/unsubscribe/{token}',
  access: 'public',
  summary: "What a digest's unsubscribe link would stop (changes nothing: mail scanners open links)",
  request: { params: tokenPath },
  responses: { 200: { description: 'The themes followed', schema: object('{ themes }') } },
});

export const unsubscribeRoute = defineRoute({
  name: 'knowledge/unsubscribe',
  method: 'POST',
  path: '/follows/unsubscribe/{token}',
  access: 'public',
  throttle: { rate: 5, burst: 10 },
  summary: "Stop the digest, with the link's token (no sign-in)",
  request: { params: tokenPath },
  responses: { 200: { description: 'Unsubscribed', schema: object('{ themes: [] }') } },
});

export const askRoute = defineRoute({
  name: 'knowledge/questions-create',
  method: 'POST',
  path: '/questions',
  access: ['member'],
  summary: 'Ask the network a question',
  idempotent: true,
  request: { body: questionBody },
  responses: { 201: { description: 'The question', schema: object('{ id, title, body, themes, city }') } },
});

export const listQuestionsRoute = defineRoute({
  name: 'knowledge/questions-list',
  method: 'GET',
  path: '/questions',
  access: 'public',
  paginated: true,
  summary: 'Questions to the network, newest first',
  request: { query: questionsQuery },
  responses: {
    200: { description: 'One page', schema: page('A question: id, title, themes, city, answerCount') },
  },
});

export const getQuestionRoute = defineRoute({
  name: 'knowledge/questions-get',
  method: 'GET',
  path: '/questions/{id}',
  access: 'public',
  optionalAuth: true,
  summary: 'A question and its answers (a hidden one only for its author and the Secretariat)',
  request: { params: practicePath },
  responses: { 200: { description: 'The question', schema: object('{ id, title, body, answers }') } },
});

export const answerRoute = defineRoute({
  name: 'knowledge/answers-create',
  method: 'POST',
  path: '/questions/{id}/answers',
  access: ['member'],
  summary: 'Answer a question; the asker is emailed',
  idempotent: true,
  request: { params: practicePath, body: answerBody },
  responses: { 201: { description: 'The answer', schema: object('{ id, body, city }') } },
});

export const acceptRoute = defineRoute({
  name: 'knowledge/answers-accept',
  method: 'POST',
  path: '/questions/{id}/answers/{answerId}/accept',
  access: ['member'],
  summary: 'The asker marks an answer accepted',
  request: { params: answerPath },
  responses: { 200: { description: 'The question', schema: object('{ id, acceptedAnswerId }') } },
});

export const hideQuestionRoute = defineRoute({
  name: 'knowledge/questions-hide',
  method: 'POST',
  path: '/questions/{id}/hide',
  access: ['secretariat'],
  summary: 'Hide a question; its author is emailed the reason',
  request: { params: practicePath, body: reasonBody },
  responses: { 200: { description: 'The question', schema: object('{ id, hiddenAt, hiddenReason }') } },
});

export const hideAnswerRoute = defineRoute({
  name: 'knowledge/answers-hide',
  method: 'POST',
  path: '/questions/{id}/answers/{answerId}/hide',
  access: ['secretariat'],
  summary: 'Hide an answer; its author is emailed the reason',
  request: { params: answerPath, body: reasonBody },
  responses: { 200: { description: 'The question', schema: object('{ id, answers }') } },
});

export const feedJsonRoute = defineRoute({
  name: 'knowledge/open-data-json',
  method: 'GET',
  path: '/practices.json',
  access: 'public',
  paginated: true,
  summary: 'Open data: published practices as JSON, newest first',
  request: { query: z.strictObject(FEED_LIMIT) },
  responses: {
    200: { description: 'One page of the feed', schema: page('A published practice (public facts)') },
  },
});

export const feedCsvRoute = defineRoute({
  name: 'knowledge/open-data-csv',
  method: 'GET',
  path: '/practices.csv',
  access: 'public',
  paginated: true,
  summary: 'Open data: published practices as CSV (next page in the Link header)',
  request: { query: z.strictObject(FEED_LIMIT) },
  responses: { 200: { description: 'CSV, a header row first', contentType: 'text/csv' } },
});

/** The routes of this feature, served by its one function (api.ts). */
export const routes = [
  putRepresentativesRoute,
  getRepresentativesRoute,
  themesRoute,
  createPracticeRoute,
  searchRoute,
  getPracticeRoute,
  patchPracticeRoute,
  putTranslationRoute,
  submitRoute,
  publishRoute,
  returnRoute,
  retireRoute,
  presignAttachmentRoute,
  attachRoute,
  detachRoute,
  downloadAttachmentRoute,
  cityPracticesRoute,
  reviewQueueRoute,
  contactRoute,
  getConversationRoute,
  replyRoute,
  adoptionRoute,
  meRoute,
  myQuestionsRoute,
  putFollowsRoute,
  getFollowsRoute,
  unsubscribeInfoRoute,
  unsubscribeRoute,
  askRoute,
  listQuestionsRoute,
  getQuestionRoute,
  answerRoute,
  acceptRoute,
  hideQuestionRoute,
  hideAnswerRoute,
  feedJsonRoute,
  feedCsvRoute,
] as const;
