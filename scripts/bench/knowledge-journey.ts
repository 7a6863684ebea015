import { randomUUID } from 'node:crypto';
import type { CallOptions, CallResult } from './api.ts';

/** A measured operation of a journey (see runJourneys): its DynamoDB calls are counted. */
export type MeasuredOp = (
  label: string,
  routeKey: string,
  path: string,
  options: CallOptions,
  expected: readonly number[],
) => Promise<CallResult | undefined>;

/** An unmeasured setup call. */
export type SetupCall = (method: string, path: string, options?: CallOptions) => Promise<CallResult>;

export interface KnowledgeCities {
  /** Two member cities' ids and the contact person of each, its first representative. */
  readonly a: { readonly id: string; readonly representative: string };
  readonly b: { readonly id: string; readonly representative: string };
}

const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** Posts a presigned POST's fields and then the file, as a browser's form does (unmeasured: S3). */
async function postToS3(presigned: { url: string; fields: Record<string, string> }, file: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(presigned.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'upload.pdf');
  return fetch(presigned.url, { method: 'POST', body: form, redirect: 'manual' });
}

/**
 * The knowledge platform's operations, in the order a city's representatives and the Secretariat use
 * them: representatives, a practice drafted, translated, given an attachment, submitted, returned,
 * published; read, searched, downloaded; contact relayed and answered; an adoption; follows; a question
 * asked, answered, accepted, an answer hidden; an attachment removed from the published practice (a
 * change); retired; the open data feeds. The digest's unsubscribe link needs the weekly email: not driven.
 */
export async function knowledgeJourney(
  op: MeasuredOp,
  setup: SetupCall,
  tokens: { secretariat: string; member: (email: string) => Promise<string> },
  cities: KnowledgeCities,
): Promise<void> {
  const sec = tokens.secretariat;
  const a = await tokens.member(cities.a.representative);
  const b = await tokens.member(cities.b.representative);
  const tag = randomUUID().slice(0, 8);

  await op(
    'list the representatives of a city',
    'GET /cities/{cityId}/representatives',
    `/cities/${cities.a.id}/representatives`,
    { token: sec },
    [200],
  );
  await op(
    'set the representatives of a city',
    'PUT /cities/{cityId}/representatives',
    `/cities/${cities.a.id}/representatives`,
    {
      token: sec,
      json: {
        representatives: [
          { name: 'Lee ICT', email: cities.a.representative },
          { name: 'Park Data', email: `data-${tag}@city.example`, language: 'ko' },
        ],
      },
    },
    [200],
  );
  await op('the themes', 'GET /themes', '/themes', {}, [200]);
  await op('who one is: the cities one represents', 'GET /me', '/me', { token: a }, [200]);

  const practice = {
    title: `Open budget ${tag}`,
    summary: 'Residents read the whole budget online, in plain words.',
    language: 'en',
    themes: ['open-inclusive-city'],
    stage: 'operational',
    sections: { problem: 'Nobody read the budget.', solution: 'A readable budget site.' },
  };
  const created = await op(
    'draft a practice (Idempotency-Key)',
    'POST /practices',
    '/practices',
    { token: a, json: practice, headers: { 'idempotency-key': randomUUID() } },
    [201],
  );
  const id = created?.body?.id as string | undefined;
  if (!id) return;
  const path = `/practices/${id}`;
  await op(
    'edit a practice',
    'PATCH /practices/{id}',
    path,
    { token: a, json: { summary: 'Residents read and comment on the whole budget online.' } },
    [200],
  );
  await op(
    "supply a translation (the city's own)",
    'PUT /practices/{id}/translations/{lang}',
    `${path}/translations/ko`,
    {
      token: a,
      json: {
        title: `열린 예산 ${tag}`,
        summary: '주민이 예산 전체를 온라인으로 읽습니다.',
        sections: { problem: '아무도 예산을 읽지 않았습니다.', solution: '읽기 쉬운 예산 사이트.' },
      },
    },
    [200],
  );
  const presigned = await op(
    'presign an attachment',
    'POST /practices/{id}/attachments',
    `${path}/attachments`,
    { token: a, json: { fileName: 'budget.pdf', contentType: 'application/pdf', size: PDF.length } },
    [201],
  );
  const uploadId = presigned?.body?.uploadId as string | undefined;
  if (presigned?.status === 201 && uploadId) {
    await postToS3(presigned.body, PDF);
    await op(
      'attach the uploaded file (checked)',
      'PUT /practices/{id}/attachments/{attachmentId}',
      `${path}/attachments/${uploadId}`,
      { token: a },
      [200],
    );
  }
  await op(
    'submit a practice for review',
    'POST /practices/{id}/submit',
    `${path}/submit`,
    { token: a },
    [200],
  );
  await op('the review queue', 'GET /review/practices', '/review/practices', { token: sec }, [200]);
  await op('publish a practice', 'POST /practices/{id}/publish', `${path}/publish`, { token: sec }, [200]);

  const other = await setup('POST', '/practices', {
    token: a,
    json: { ...practice, title: `Smart bins ${tag}` },
  });
  if (other.status === 201) {
    await setup('POST', `/practices/${other.body.id}/submit`, { token: a });
    await op(
      'return a practice with a reason',
      'POST /practices/{id}/return',
      `/practices/${other.body.id}/return`,
      { token: sec, json: { reason: 'Please add the results with figures.' } },
      [200],
    );
  }

  await op('read a published practice (anonymous)', 'GET /practices/{id}', path, {}, [200]);
  if (uploadId) {
    await op(
      'download an attachment (anonymous)',
      'GET /practices/{id}/attachments/{attachmentId}',
      `${path}/attachments/${uploadId}`,
      {},
      [200],
    );
  }
  await op(
    "a city's practices (its representative)",
    'GET /cities/{cityId}/practices',
    `/cities/${cities.a.id}/practices`,
    { token: a },
    [200],
  );
  await op('search practices', 'GET /practices', '/practices?q=budget&theme=open-inclusive-city', {}, [200]);

  const contact = await op(
    'contact the city behind a practice (relayed)',
    'POST /practices/{id}/contact',
    `${path}/contact`,
    { token: b, json: { message: 'How did you get the finance department on board?' } },
    [201],
  );
  const conversation = contact?.body?.id as string | undefined;
  if (conversation) {
    await op(
      'read a conversation',
      'GET /conversations/{id}',
      `/conversations/${conversation}`,
      { token: a },
      [200],
    );
    await op(
      'reply through the relay',
      'POST /conversations/{id}/messages',
      `/conversations/${conversation}/messages`,
      { token: a, json: { message: 'The mayor asked for it; we showed a prototype first.' } },
      [201],
    );
  }
  await op(
    '"we adopted this"',
    'POST /practices/{id}/adoptions',
    `${path}/adoptions`,
    { token: b, json: { note: 'We run it since spring, in two languages.' } },
    [201],
  );
  await op(
    'follow themes',
    'PUT /me/follows',
    '/me/follows',
    { token: b, json: { themes: ['open-inclusive-city', 'efficient-government'] } },
    [200],
  );
  await op('the themes one follows', 'GET /me/follows', '/me/follows', { token: b }, [200]);

  const asked = await op(
    'ask the network a question',
    'POST /questions',
    '/questions',
    {
      token: b,
      json: {
        title: 'Open data portals?',
        body: 'Which platform do you use?',
        themes: ['open-inclusive-city'],
      },
    },
    [201],
  );
  const question = asked?.body?.id as string | undefined;
  await op('list questions', 'GET /questions', '/questions', {}, [200]);
  await op('the questions one asked', 'GET /me/questions', '/me/questions', { token: b }, [200]);
  if (question) {
    await op('read a question', 'GET /questions/{id}', `/questions/${question}`, {}, [200]);
    const answered = await op(
      'answer a question',
      'POST /questions/{id}/answers',
      `/questions/${question}/answers`,
      { token: a, json: { body: 'CKAN, run by our IT office.' } },
      [201],
    );
    const answer = answered?.body?.id as string | undefined;
    if (answer) {
      await op(
        'accept an answer',
        'POST /questions/{id}/answers/{answerId}/accept',
        `/questions/${question}/answers/${answer}/accept`,
        { token: b },
        [200],
      );
    }
    const spam = await setup('POST', `/questions/${question}/answers`, {
      token: a,
      json: { body: 'Buy our product!' },
    });
    if (spam.status === 201) {
      await op(
        'hide an answer (the Secretariat)',
        'POST /questions/{id}/answers/{answerId}/hide',
        `/questions/${question}/answers/${spam.body.id}/hide`,
        { token: sec, json: { reason: 'Advertising is not allowed.' } },
        [200],
      );
    }
    await op(
      'hide a question (the Secretariat)',
      'POST /questions/{id}/hide',
      `/questions/${question}/hide`,
      { token: sec, json: { reason: 'Answered elsewhere.' } },
      [200],
    );
  }

  if (uploadId) {
    await op(
      'remove an attachment (a change to review)',
      'DELETE /practices/{id}/attachments/{attachmentId}',
      `${path}/attachments/${uploadId}`,
      { token: a },
      [200],
    );
  }
  await op('retire a practice', 'POST /practices/{id}/retire', `${path}/retire`, { token: a }, [200]);
  await op('open data: JSON feed', 'GET /practices.json', '/practices.json', {}, [200]);
  await op('open data: CSV export', 'GET /practices.csv', '/practices.csv', {}, [200]);
}
