import { isMemberStatus, membership } from '../membership/members.ts';
import type { Caller } from '../shared/caller.ts';
import { httpHandler, json } from '../shared/http.ts';
import { LANGUAGES } from '../shared/i18n.ts';
import { idempotent } from '../shared/idempotency.ts';
import { optionalCaller } from '../shared/optional-caller.ts';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../shared/problem.ts';
import { routeHandler } from '../shared/router.ts';
import { DOWNLOAD_EXPIRES_SECONDS, downloadUrl } from '../uploads/uploads.ts';
import { recordAdoption } from './adoptions.ts';
import { attach, detach, presignAttachment } from './attachments.ts';
import { addMessage, readConversation, startConversation } from './conversations.ts';
import { answerEmail, hiddenEmail, relayEmails, reviewedEmails, submittedEmail } from './emails.ts';
import { emailOfToken, getFollows, setFollows, unsubscribe } from './follows.ts';
import { cityOf } from './ids.ts';
import { cityPracticesIndex, REVIEW_PK } from './keys.ts';
import { whoIs } from './me.ts';
import { feedPage, toCsv } from './open-data.ts';
import { queryPage } from './paged.ts';
import {
  createPractice,
  editPractice,
  PRACTICE_FIELDS,
  type Practice,
  type PracticeRecord,
  pick,
  publishedAttachments,
  putTranslation,
  readPractice,
  transition,
} from './practices.ts';
import {
  acceptAnswer,
  addAnswer,
  askQuestion,
  hide,
  listQuestions,
  questionsAskedBy,
  readQuestion,
} from './questions.ts';
import {
  actingFor,
  listRepresentatives,
  replaceRepresentatives,
  representationsOf,
  representativesOf,
  represents,
} from './representatives.ts';
import {
  acceptRoute,
  adoptionRoute,
  answerRoute,
  askRoute,
  attachRoute,
  cityPracticesRoute,
  contactRoute,
  createPracticeRoute,
  detachRoute,
  downloadAttachmentRoute,
  feedCsvRoute,
  feedJsonRoute,
  getConversationRoute,
  getFollowsRoute,
  getPracticeRoute,
  getQuestionRoute,
  getRepresentativesRoute,
  hideAnswerRoute,
  hideQuestionRoute,
  listQuestionsRoute,
  meRoute,
  myQuestionsRoute,
  patchPracticeRoute,
  presignAttachmentRoute,
  publishRoute,
  putFollowsRoute,
  putRepresentativesRoute,
  putTranslationRoute,
  replyRoute,
  retireRoute,
  returnRoute,
  reviewQueueRoute,
  searchRoute,
  submitRoute,
  themesRoute,
  unsubscribeInfoRoute,
  unsubscribeRoute,
} from './routes.ts';
import { searchPractices } from './search.ts';
import { s3IndexStorage } from './search-store.ts';
import { SDGS, THEME_CODES, THEME_NAMES } from './themes.ts';
import { practiceSummary, practiceView } from './views.ts';

const isSecretariat = (caller: Caller | undefined) => caller?.roles.includes('secretariat') === true;

/** A withdrawn (or vanished) city's practices are marked as from a former member. */
async function formerMember(cityId: string): Promise<boolean> {
  try {
    const app = await membership.read(cityId);
    return !isMemberStatus(app.status);
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return true;
    throw error;
  }
}

/**
 * The practice and the caller's cities, read together; the caller must represent the practice's city.
 * Another city's draft is a 404, as it would be for anyone (its existence is not told).
 */
async function practiceOfCaller(id: string, caller: Caller) {
  cityOf(id);
  const [record, reps] = await Promise.all([readPractice(id), representationsOf(caller.email)]);
  if (!represents(reps, record.practice.cityId)) {
    if (!record.published) throw notFound(`No practice ${id}`);
    throw forbidden("Only the city's representatives may change its practice");
  }
  return { record, reps };
}

/** After a write the guard proved the city a member, unless told otherwise. */
const respondWith = (record: PracticeRecord, former = false) =>
  json(200, practiceView(record, { privileged: true, formerMember: former }));

/** The record after a write, without reading it again: the new state and the text written. */
const withPractice = (record: PracticeRecord, practice: Practice): PracticeRecord => ({
  ...record,
  practice,
});

const putRepresentativesHandler = httpHandler(putRepresentativesRoute, async ({ params, body, caller }) =>
  json(200, {
    representatives: await replaceRepresentatives(params.cityId, body.representatives, caller.email, {
      ...(body.expectedUpdatedAt ? { expectedUpdatedAt: body.expectedUpdatedAt } : {}),
    }),
  }),
);

const getRepresentativesHandler = httpHandler(getRepresentativesRoute, async ({ params }) =>
  json(200, await listRepresentatives(params.cityId)),
);

const themesHandler = httpHandler(themesRoute, async () =>
  json(
    200,
    {
      items: THEME_CODES.map((code) => ({ code, name: THEME_NAMES[code].en, names: THEME_NAMES[code] })),
      sdgs: SDGS,
      languages: LANGUAGES,
    },
    { 'cache-control': 'public, max-age=3600' },
  ),
);

const createPracticeHandler = httpHandler(
  createPracticeRoute,
  async ({ body, caller }) => {
    const rep = actingFor(await representationsOf(caller.email), body.cityId);
    const record = await createPractice(body, rep, caller.email);
    return json(201, practiceView(record, { privileged: true, formerMember: false }), {
      location: `/practices/${record.practice.id}`,
    });
  },
  { idempotency: idempotent },
);

const searchHandler = httpHandler(searchRoute, async ({ query }) =>
  json(200, await searchPractices(s3IndexStorage, query), { 'cache-control': 'public, max-age=30' }),
);

const getPracticeHandler = httpHandler(getPracticeRoute, async ({ params, event }) => {
  const cityId = cityOf(params.id);
  const [caller, record] = await Promise.all([optionalCaller(event), readPractice(params.id, false)]);
  const [reps, former] = await Promise.all([
    caller?.roles.includes('member') ? representationsOf(caller.email) : Promise.resolve([]),
    formerMember(cityId),
  ]);
  const privileged = isSecretariat(caller) || represents(reps, record.practice.cityId);
  if (!record.published && !privileged) throw notFound(`No practice ${params.id}`);
  return json(200, practiceView(record, { privileged, formerMember: former }));
});

const patchPracticeHandler = httpHandler(patchPracticeRoute, async ({ params, body, caller }) => {
  const { record } = await practiceOfCaller(params.id, caller);
  const { practice, text } = await editPractice(record, body, caller.email);
  const texts = new Map(record.texts).set(practice.language, text);
  return respondWith({ ...withPractice(record, practice), texts });
});

const putTranslationHandler = httpHandler(putTranslationRoute, async ({ params, body, caller }) => {
  const { record } = await practiceOfCaller(params.id, caller);
  const practice = await putTranslation(record, params.lang, body, caller.email);
  return respondWith({
    ...withPractice(record, practice),
    texts: new Map(record.texts).set(params.lang, body),
  });
});

const submitHandler = httpHandler(submitRoute, async ({ params, caller }) => {
  const { record } = await practiceOfCaller(params.id, caller);
  const title = record.texts.get(record.practice.language)?.title ?? record.practice.title;
  return respondWith(
    await transition(record, {
      action: 'submit',
      actor: caller.email,
      emails: (p) => [submittedEmail(p, title)],
    }),
  );
});

/** The Secretariat's decisions: the practice and its city's representatives (to email) read together. */
async function review(id: string, caller: Caller, action: 'publish' | 'return', reason?: string) {
  // The id is checked before any read starts: a read left without a handler would crash the function.
  const cityId = cityOf(id);
  const [record, reps] = await Promise.all([readPractice(id), representativesOf(cityId)]);
  const title = record.texts.get(record.practice.language)?.title ?? record.practice.title;
  return respondWith(
    await transition(record, {
      action,
      actor: caller.email,
      ...(reason ? { reason } : {}),
      emails: (p) => reviewedEmails(p, title, reps, reason),
    }),
  );
}

const publishHandler = httpHandler(publishRoute, ({ params, caller }) =>
  review(params.id, caller, 'publish'),
);
const returnHandler = httpHandler(returnRoute, ({ params, body, caller }) =>
  review(params.id, caller, 'return', body.reason),
);

const retireHandler = httpHandler(retireRoute, async ({ params, caller }) => {
  const bySecretariat = isSecretariat(caller);
  const cityId = cityOf(params.id);
  const [record, former] = bySecretariat
    ? await Promise.all([readPractice(params.id), formerMember(cityId)])
    : [(await practiceOfCaller(params.id, caller)).record, false];
  const after = await transition(record, {
    action: 'retire',
    actor: caller.email,
    emails: () => [],
    memberOnly: !bySecretariat,
  });
  return respondWith(after, former);
});

const presignAttachmentHandler = httpHandler(
  presignAttachmentRoute,
  async ({ params, body, caller }) => {
    const { record } = await practiceOfCaller(params.id, caller);
    return json(201, await presignAttachment(record, body));
  },
  { idempotency: idempotent },
);

const attachHandler = httpHandler(attachRoute, async ({ params, caller }) => {
  const reading = practiceOfCaller(params.id, caller).then(({ record }) => record);
  return respondWith(await attach(reading, params.id, params.attachmentId, caller.email));
});

const detachHandler = httpHandler(detachRoute, async ({ params, caller }) => {
  const { record } = await practiceOfCaller(params.id, caller);
  return respondWith(await detach(record, params.attachmentId, caller.email));
});

/**
 * An attachment's link: anyone's once the public version lists it; the city's representatives and the
 * Secretariat also get those of the version being written. Any other is a 404, as for a missing one.
 */
const downloadAttachmentHandler = httpHandler(downloadAttachmentRoute, async ({ params, event }) => {
  cityOf(params.id);
  const [caller, record] = await Promise.all([optionalCaller(event), readPractice(params.id, false)]);
  const reps = caller?.roles.includes('member') ? await representationsOf(caller.email) : [];
  const privileged = isSecretariat(caller) || represents(reps, record.practice.cityId);
  const visible = privileged ? record.attachments : publishedAttachments(record);
  const attachment = visible.find((a) => a.id === params.attachmentId);
  if (!attachment) throw notFound(`No attachment ${params.attachmentId}`);
  const url = await downloadUrl(attachment.key, { fileName: attachment.fileName });
  return json(
    200,
    {
      url,
      expiresAt: new Date(Date.now() + DOWNLOAD_EXPIRES_SECONDS * 1000).toISOString(),
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      size: attachment.size,
    },
    { 'cache-control': 'private, no-store' },
  );
});

const cityPracticesHandler = httpHandler(cityPracticesRoute, async ({ params, query, caller }) => {
  if (!isSecretariat(caller)) {
    const [reps] = await Promise.all([representationsOf(caller.email), membership.member(params.cityId)]);
    if (!represents(reps, params.cityId)) throw forbidden('You are not a representative of this city');
  }
  const page = await queryPage(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': cityPracticesIndex(params.cityId, '', '').gsi1pk },
      ScanIndexForward: false,
    },
    `practices:${params.cityId}`,
    query.limit,
    query.cursor,
    (i) => pick<Practice>(i, PRACTICE_FIELDS),
  );
  return json(200, { ...page, items: page.items.map(practiceSummary) });
});

const reviewQueueHandler = httpHandler(reviewQueueRoute, async ({ query }) => {
  const page = await queryPage(
    {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': REVIEW_PK },
    },
    'review',
    query.limit,
    query.cursor,
    (i) => pick<Practice>(i, PRACTICE_FIELDS),
  );
  return json(200, { ...page, items: page.items.map(practiceSummary) });
});

const conversationView = (c: Awaited<ReturnType<typeof readConversation>>, me: 'asker' | 'city') => ({
  id: c.conversation.id,
  practiceId: c.conversation.practiceId,
  title: c.conversation.title,
  city: c.conversation.cityName,
  fromCity: c.conversation.fromCityName,
  you: me,
  messages: c.messages
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((m) => ({ at: m.at, from: m.side, city: m.cityName, body: m.body })),
});

const contactHandler = httpHandler(
  contactRoute,
  async ({ params, body, caller }) => {
    const cityId = cityOf(params.id);
    const [record, reps, recipients] = await Promise.all([
      readPractice(params.id, false),
      representationsOf(caller.email),
      representativesOf(cityId),
    ]);
    const pub = record.published;
    if (!pub || pub.retiredAt) throw notFound(`No published practice ${params.id}`);
    const from = actingFor(reps, body.cityId);
    if (from.cityId === pub.cityId) throw forbidden('This is a practice of your own city');
    if (recipients.length === 0) throw conflict('This city has no representative to write to at the moment');
    const conversation = await startConversation(
      {
        practiceId: pub.id,
        title: pub.title,
        cityId: pub.cityId,
        cityName: pub.cityName,
        fromCityId: from.cityId,
        fromCityName: from.cityName,
        askerEmail: caller.email,
        ...(from.language ? { askerLanguage: from.language } : {}),
      },
      body.message,
      (c) =>
        relayEmails(
          'contact',
          {
            conversationId: c.id,
            title: pub.title,
            fromCity: from.cityName,
            city: pub.cityName,
            message: body.message,
          },
          recipients,
        ),
    );
    return json(
      201,
      conversationView(
        {
          conversation,
          messages: [
            { at: conversation.createdAt, side: 'asker', cityName: from.cityName, body: body.message },
          ],
        },
        'asker',
      ),
      { location: `/conversations/${conversation.id}` },
    );
  },
  { idempotency: idempotent },
);

/** The caller's side of a conversation, or a 404 for anyone else. */
function sideOf(
  c: Awaited<ReturnType<typeof readConversation>>['conversation'],
  caller: Caller,
  reps: Parameters<typeof represents>[0],
) {
  if (c.askerEmail === caller.email) return 'asker' as const;
  if (represents(reps, c.cityId)) return 'city' as const;
  throw notFound(`No conversation ${c.id}`);
}

const getConversationHandler = httpHandler(getConversationRoute, async ({ params, caller }) => {
  cityOf(params.id, 'conversation');
  const [c, reps] = await Promise.all([readConversation(params.id), representationsOf(caller.email)]);
  return json(200, conversationView(c, sideOf(c.conversation, caller, reps)));
});

const replyHandler = httpHandler(
  replyRoute,
  async ({ params, body, caller }) => {
    const cityId = cityOf(params.id, 'conversation');
    const [c, reps, cityReps] = await Promise.all([
      readConversation(params.id),
      representationsOf(caller.email),
      representativesOf(cityId),
    ]);
    const side = sideOf(c.conversation, caller, reps);
    const conv = c.conversation;
    const at = new Date();
    const message = {
      at: at.toISOString(),
      side,
      cityName: side === 'asker' ? conv.fromCityName : conv.cityName,
      body: body.message,
    };
    const to =
      side === 'asker'
        ? cityReps
        : [{ email: conv.askerEmail, ...(conv.askerLanguage ? { language: conv.askerLanguage } : {}) }];
    const emails = relayEmails(
      'reply',
      {
        conversationId: conv.id,
        title: conv.title,
        fromCity: message.cityName,
        city: conv.cityName,
        message: body.message,
      },
      to,
    );
    await addMessage(conv, message, emails, at);
    return json(201, conversationView({ conversation: conv, messages: [...c.messages, message] }, side));
  },
  { idempotency: idempotent },
);

const adoptionHandler = httpHandler(
  adoptionRoute,
  async ({ params, body, caller }) => {
    cityOf(params.id);
    if (body.practiceId !== undefined) cityOf(body.practiceId);
    const [original, reps, own] = await Promise.all([
      readPractice(params.id, false),
      representationsOf(caller.email),
      body.practiceId ? readPractice(body.practiceId, false) : Promise.resolve(undefined),
    ]);
    const pub = original.published;
    if (!pub || pub.retiredAt) throw notFound(`No published practice ${params.id}`);
    const city = actingFor(reps, body.cityId);
    if (city.cityId === pub.cityId) throw forbidden('A city cannot adopt its own practice');
    if (own && own.practice.cityId !== city.cityId) {
      throw badRequest('The practice named is not one of your city', [
        { path: 'body.practiceId', message: 'is not a practice of your city' },
      ]);
    }
    const adoption = await recordAdoption(pub.id, {
      cityId: city.cityId,
      cityName: city.cityName,
      country: city.country,
      ...(body.practiceId ? { practiceId: body.practiceId } : {}),
      note: body.note,
      at: '',
    });
    return json(
      201,
      {
        id: `${pub.id}/${city.cityId}`,
        practiceId: pub.id,
        city: { id: city.cityId, name: city.cityName, country: city.country },
        ...(adoption.practiceId ? { adaptedBy: adoption.practiceId } : {}),
        note: adoption.note,
        at: adoption.at,
      },
      { location: `/practices/${pub.id}` },
    );
  },
  { idempotency: idempotent },
);

const meHandler = httpHandler(meRoute, async ({ caller }) =>
  json(200, await whoIs(caller), { 'cache-control': 'private, no-store' }),
);

const putFollowsHandler = httpHandler(putFollowsRoute, async ({ body, caller }) => {
  const [reps, current] = await Promise.all([representationsOf(caller.email), getFollows(caller.email)]);
  if (reps.length === 0) throw forbidden('Only representatives of member cities follow themes');
  const language = body.language ?? current?.language ?? reps[0]?.language;
  const follower = await setFollows(caller.email, body.themes, language, current);
  return json(200, {
    themes: follower.themes,
    ...(follower.language ? { language: follower.language } : {}),
  });
});

const getFollowsHandler = httpHandler(getFollowsRoute, async ({ caller }) => {
  const follower = await getFollows(caller.email);
  return json(200, {
    themes: follower?.themes ?? [],
    ...(follower?.language ? { language: follower.language } : {}),
  });
});

const unsubscribeInfoHandler = httpHandler(unsubscribeInfoRoute, async ({ params }) => {
  const follower = await getFollows(await emailOfToken(params.token));
  if (!follower || follower.unsubscribeToken !== params.token)
    throw notFound('This unsubscribe link is not valid');
  return json(200, { themes: follower.themes });
});

const unsubscribeHandler = httpHandler(unsubscribeRoute, async ({ params }) => {
  await unsubscribe(await emailOfToken(params.token), params.token);
  return json(200, { themes: [] });
});

const askHandler = httpHandler(
  askRoute,
  async ({ body, caller }) => {
    const rep = actingFor(await representationsOf(caller.email), body.cityId);
    const q = await askQuestion({
      title: body.title,
      body: body.body,
      themes: body.themes,
      cityId: rep.cityId,
      cityName: rep.cityName,
      country: rep.country,
      askerEmail: caller.email,
      askerName: rep.name,
      ...(rep.language ? { askerLanguage: rep.language } : {}),
    });
    return json(201, questionView({ question: q, answers: [] }, caller), { location: `/questions/${q.id}` });
  },
  { idempotency: idempotent },
);

type QuestionRead = Awaited<ReturnType<typeof readQuestion>>;

/** A question for its reader: authors by city, never by address; hidden parts only for their author and the Secretariat. */
function questionView({ question: q, answers }: QuestionRead, caller: Caller | undefined) {
  const secretariat = isSecretariat(caller);
  const asker = caller?.email === q.askerEmail;
  return {
    id: q.id,
    title: q.title,
    body: q.body,
    themes: q.themes,
    city: { id: q.cityId, name: q.cityName, country: q.country },
    createdAt: q.createdAt,
    answerCount: answers.filter((a) => !a.hiddenAt).length,
    ...(q.acceptedAnswerId ? { acceptedAnswerId: q.acceptedAnswerId } : {}),
    askedByYou: asker,
    ...(q.hiddenAt && (secretariat || asker) ? { hidden: { at: q.hiddenAt, reason: q.hiddenReason } } : {}),
    answers: answers
      .filter((a) => !a.hiddenAt || secretariat || a.authorEmail === caller?.email)
      .map((a) => ({
        id: a.id,
        body: a.body,
        city: { id: a.cityId, name: a.cityName, country: a.country },
        createdAt: a.createdAt,
        accepted: a.id === q.acceptedAnswerId,
        ...(a.hiddenAt ? { hidden: { at: a.hiddenAt, reason: a.hiddenReason } } : {}),
      })),
  };
}

/** A question in a list: by city, never by address. */
const listedQuestion = (q: Awaited<ReturnType<typeof listQuestions>>['items'][number]) => ({
  id: q.id,
  title: q.title,
  themes: q.themes,
  city: { id: q.cityId, name: q.cityName, country: q.country },
  createdAt: q.createdAt,
  answerCount: q.answerCount,
  answered: q.acceptedAnswerId !== undefined,
});

const listQuestionsHandler = httpHandler(listQuestionsRoute, async ({ query }) => {
  const page = await listQuestions(query.theme, query.limit, query.cursor);
  return json(200, { ...page, items: page.items.map(listedQuestion) });
});

const myQuestionsHandler = httpHandler(myQuestionsRoute, async ({ query, caller }) => {
  const page = await questionsAskedBy(caller.email, query.limit, query.cursor);
  return json(
    200,
    {
      ...page,
      items: page.items.map((q) => ({
        ...listedQuestion(q),
        ...(q.hiddenAt ? { hidden: { at: q.hiddenAt, reason: q.hiddenReason } } : {}),
      })),
    },
    { 'cache-control': 'private, no-store' },
  );
});

const getQuestionHandler = httpHandler(getQuestionRoute, async ({ params, event }) => {
  const [caller, read] = await Promise.all([optionalCaller(event), readQuestion(params.id)]);
  if (read.question.hiddenAt && !isSecretariat(caller) && caller?.email !== read.question.askerEmail) {
    throw notFound(`No question ${params.id}`);
  }
  return json(200, questionView(read, caller));
});

const answerHandler = httpHandler(
  answerRoute,
  async ({ params, body, caller }) => {
    const [read, reps] = await Promise.all([readQuestion(params.id), representationsOf(caller.email)]);
    const q = read.question;
    if (q.hiddenAt) throw notFound(`No question ${params.id}`);
    const rep = actingFor(reps, body.cityId);
    const emails =
      q.askerEmail === caller.email
        ? []
        : [
            answerEmail(
              {
                email: q.askerEmail,
                name: q.askerName,
                ...(q.askerLanguage ? { language: q.askerLanguage } : {}),
              },
              { questionId: q.id, title: q.title, city: rep.cityName, answer: body.body },
            ),
          ];
    const answer = await addAnswer(
      q,
      {
        body: body.body,
        cityId: rep.cityId,
        cityName: rep.cityName,
        country: rep.country,
        authorEmail: caller.email,
        authorName: rep.name,
        ...(rep.language ? { authorLanguage: rep.language } : {}),
      },
      emails,
    );
    return json(
      201,
      {
        id: answer.id,
        questionId: q.id,
        body: answer.body,
        city: { id: answer.cityId, name: answer.cityName, country: answer.country },
        createdAt: answer.createdAt,
      },
      { location: `/questions/${q.id}` },
    );
  },
  { idempotency: idempotent },
);

const acceptHandler = httpHandler(acceptRoute, async ({ params, caller }) => {
  const read = await readQuestion(params.id);
  if (read.question.hiddenAt) throw notFound(`No question ${params.id}`);
  if (read.question.askerEmail !== caller.email)
    throw forbidden('Only the person who asked accepts an answer');
  const answer = read.answers.find((a) => a.id === params.answerId && !a.hiddenAt);
  if (!answer) throw notFound(`No answer ${params.answerId}`);
  const question = await acceptAnswer(read.question, answer.id);
  return json(200, questionView({ ...read, question }, caller));
});

const hideQuestionHandler = httpHandler(hideQuestionRoute, async ({ params, body, caller }) => {
  const read = await readQuestion(params.id);
  const q = read.question;
  if (q.hiddenAt) throw conflict('The question is already hidden');
  const to = {
    email: q.askerEmail,
    name: q.askerName,
    ...(q.askerLanguage ? { language: q.askerLanguage } : {}),
  };
  await hide(q, undefined, body.reason, caller.email, [
    hiddenEmail(to, { kind: 'question', questionId: q.id, title: q.title, reason: body.reason }),
  ]);
  const at = new Date().toISOString();
  return json(
    200,
    questionView({ ...read, question: { ...q, hiddenAt: at, hiddenReason: body.reason } }, caller),
  );
});

const hideAnswerHandler = httpHandler(hideAnswerRoute, async ({ params, body, caller }) => {
  const read = await readQuestion(params.id);
  const answer = read.answers.find((a) => a.id === params.answerId);
  if (!answer) throw notFound(`No answer ${params.answerId}`);
  if (answer.hiddenAt) throw conflict('The answer is already hidden');
  const to = {
    email: answer.authorEmail,
    name: answer.authorName,
    ...(answer.authorLanguage ? { language: answer.authorLanguage } : {}),
  };
  await hide(read.question, answer, body.reason, caller.email, [
    hiddenEmail(to, {
      kind: 'answer',
      questionId: read.question.id,
      title: read.question.title,
      reason: body.reason,
    }),
  ]);
  const at = new Date().toISOString();
  const { acceptedAnswerId, ...rest } = read.question;
  const question = acceptedAnswerId === answer.id ? rest : read.question;
  return json(
    200,
    questionView(
      {
        question,
        answers: read.answers.map((a) =>
          a.id === answer.id ? { ...a, hiddenAt: at, hiddenReason: body.reason } : a,
        ),
      },
      caller,
    ),
  );
});

const feedJsonHandler = httpHandler(feedJsonRoute, async ({ query }) =>
  json(200, await feedPage(query.limit, query.cursor), { 'cache-control': 'public, max-age=300' }),
);

const feedCsvHandler = httpHandler(feedCsvRoute, async ({ query, event }) => {
  const page = await feedPage(query.limit, query.cursor);
  const next = page.nextCursor
    ? `<${event.rawPath}?limit=${query.limit}&cursor=${encodeURIComponent(page.nextCursor)}>; rel="next"`
    : undefined;
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': 'attachment; filename="wego-practices.csv"',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      ...(next ? { link: next } : {}),
    },
    body: toCsv(page.items),
  };
});

/** The Lambda function of the feature: one per feature, routing inside by the route key. */
export const handler = routeHandler([
  putRepresentativesHandler,
  getRepresentativesHandler,
  themesHandler,
  createPracticeHandler,
  searchHandler,
  getPracticeHandler,
  patchPracticeHandler,
  putTranslationHandler,
  submitHandler,
  publishHandler,
  returnHandler,
  retireHandler,
  presignAttachmentHandler,
  attachHandler,
  detachHandler,
  downloadAttachmentHandler,
  cityPracticesHandler,
  reviewQueueHandler,
  contactHandler,
  getConversationHandler,
  replyHandler,
  adoptionHandler,
  meHandler,
  myQuestionsHandler,
  putFollowsHandler,
  getFollowsHandler,
  unsubscribeInfoHandler,
  unsubscribeHandler,
  askHandler,
  listQuestionsHandler,
  getQuestionHandler,
  answerHandler,
  acceptHandler,
  hideQuestionHandler,
  hideAnswerHandler,
  feedJsonHandler,
  feedCsvHandler,
]);
