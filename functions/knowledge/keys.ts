/**
 * Keys of the knowledge-sharing items in the single table (docs/data-model.md lists them):
 * - `CITY#<city>` / `REPRESENTATIVES`: a city's representatives, one versioned document
 * - `REP#<email>` / `CITY#<city>`: the cities a person represents (one Query per request)
 * - `PRACTICE#<id>` / `META`, `TEXT#<lang>`: the practice being written (status, facts; its text per
 *   language, original and the city's translations); `PUB`, `PUB#<lang>`: the published version (text
 *   per language, human or machine); `EVENT#<at>#<uuid>`: its history; `ADOPTION#<city>`: a city that
 *   adopted it; `ADAPTS#<practice>`: the practice it adapts; `ATTACHMENT#<uploadId>`: an attached file;
 *   `UPLOADING#<uploadId>`: a presigned attachment not attached yet (its file name; TTL)
 *   gsi1 `PRACTICES#<city>` / `<updatedAt>#<id>`: a city's practices, any status
 *   gsi2 `PUBLISHED` / `<changedAt>#<id>`: published practices by last publication (feeds, digest)
 *   gsi3 `REVIEW` / `<submittedAt>#<id>`: practices waiting for the Secretariat (sparse)
 * - `SEARCHINDEX` / `HEAD`: the head of the search index, naming its current object in S3 (search-store.ts)
 * - `FOLLOWER#<email>` / `FOLLOWS`: the themes a person follows (gsi1 `FOLLOWERS` / `<email>`)
 * - `UNSUBSCRIBE#<sha256>` / `TOKEN`: the digest's unsubscribe link, stored hashed
 * - `CONVERSATION#<id>` / `META`, `MESSAGE#<at>#<uuid>`: a contact relayed between cities
 * - `QUESTION#<id>` / `QUESTION`, `ANSWER#<id>`: questions and answers
 *   gsi1 `QUESTIONS` / `<createdAt>#<id>`: visible questions, newest first
 *   gsi2 `ASKER#<email>` / `<createdAt>#<id>`: the questions a person asked, hidden ones too
 */
export const representativesKey = (cityId: string) => ({ pk: `CITY#${cityId}`, sk: 'REPRESENTATIVES' });
export const repPk = (email: string) => `REP#${email}`;
export const repKey = (email: string, cityId: string) => ({ pk: repPk(email), sk: `CITY#${cityId}` });

export const practicePk = (id: string) => `PRACTICE#${id}`;
export const practiceKey = (id: string) => ({ pk: practicePk(id), sk: 'META' });
export const textKey = (id: string, lang: string) => ({ pk: practicePk(id), sk: `TEXT#${lang}` });
export const publishedKey = (id: string) => ({ pk: practicePk(id), sk: 'PUB' });
export const publishedTextKey = (id: string, lang: string) => ({ pk: practicePk(id), sk: `PUB#${lang}` });
export const eventSk = (at: string, id: string) => `EVENT#${at}#${id}`;
export const adoptionKey = (id: string, cityId: string) => ({ pk: practicePk(id), sk: `ADOPTION#${cityId}` });
export const adaptsKey = (id: string, original: string) => ({ pk: practicePk(id), sk: `ADAPTS#${original}` });
export const attachmentKey = (id: string, uploadId: string) => ({
  pk: practicePk(id),
  sk: `ATTACHMENT#${uploadId}`,
});
export const uploadingKey = (id: string, uploadId: string) => ({
  pk: practicePk(id),
  sk: `UPLOADING#${uploadId}`,
});

export const cityPracticesIndex = (cityId: string, updatedAt: string, id: string) => ({
  gsi1pk: `PRACTICES#${cityId}`,
  gsi1sk: `${updatedAt}#${id}`,
});
export const PUBLISHED_PK = 'PUBLISHED';
export const publishedIndex = (changedAt: string, id: string) => ({
  gsi2pk: PUBLISHED_PK,
  gsi2sk: `${changedAt}#${id}`,
});
export const REVIEW_PK = 'REVIEW';
export const reviewIndex = (submittedAt: string, id: string) => ({
  gsi3pk: REVIEW_PK,
  gsi3sk: `${submittedAt}#${id}`,
});

export const SEARCH_INDEX_PK = 'SEARCHINDEX';
/** The uploads bucket's prefix of search index objects (`search-index/<saveId>`, search-store.ts). */
export const SEARCH_INDEX_PREFIX = 'search-index/';

export const followerKey = (email: string) => ({ pk: `FOLLOWER#${email}`, sk: 'FOLLOWS' });
export const FOLLOWERS_PK = 'FOLLOWERS';
export const unsubscribeKey = (hash: string) => ({ pk: `UNSUBSCRIBE#${hash}`, sk: 'TOKEN' });

export const conversationPk = (id: string) => `CONVERSATION#${id}`;
export const conversationKey = (id: string) => ({ pk: conversationPk(id), sk: 'META' });
export const messageSk = (at: string, id: string) => `MESSAGE#${at}#${id}`;

export const questionPk = (id: string) => `QUESTION#${id}`;
export const questionKey = (id: string) => ({ pk: questionPk(id), sk: 'QUESTION' });
export const answerKey = (questionId: string, answerId: string) => ({
  pk: questionPk(questionId),
  sk: `ANSWER#${answerId}`,
});
export const QUESTIONS_PK = 'QUESTIONS';
/** gsi2 of a question: the questions a person asked, hidden ones included (`GET /me/questions`). */
export const askerIndex = (email: string, createdAt: string, id: string) => ({
  gsi2pk: `ASKER#${email}`,
  gsi2sk: `${createdAt}#${id}`,
});
