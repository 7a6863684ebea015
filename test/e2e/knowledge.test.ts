import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UNTRANSLATED } from '../../lib/local/translate.ts';
import { applicationForm, associateCity, secretariat } from './membership-support.ts';
import { call, inbox, tokenFor, waitForEmail } from './support.ts';

/**
 * The knowledge platform's journey on the local stack, mail read back from the inbox: a city drafts a
 * practice, submits it, gets it back with a reason, edits and resubmits; the Secretariat publishes it;
 * it is found by search in Latin script and in Hangul (through its machine translation into Korean,
 * which the local Translate stand-in marks as an untranslated copy); a follower of its theme gets a
 * digest; another city contacts it through the relay and gets a reply; adopts it; asks a question that
 * is answered and accepted.
 */
const tag = randomUUID().slice(0, 8);
const word = `quipu${tag.replace(/[0-9]/g, 'x')}`; // a made-up word only this run's practice contains

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

const practiceBody = {
  title: `Presupuesto participativo digital ${word}`,
  summary: `Los vecinos de la ciudad proponen y votan proyectos en línea (${word}).`,
  language: 'es',
  themes: ['open-inclusive-city', 'efficient-government'],
  sdgs: [11, 16],
  stage: 'operational',
  yearStarted: 2021,
  technologies: ['Decidim'],
  sections: {
    problem: 'Poca participación en las **asambleas** presenciales. <script>alert(1)</script>',
    solution: 'Una plataforma [abierta](https://decidim.example) para proponer y votar.',
  },
};

describe('knowledge sharing: a practice from draft to adoption', () => {
  it('runs the whole journey', { timeout: 180_000 }, async () => {
    const sec = await secretariat();
    // Two member cities; each application's contact becomes its first representative on acceptance.
    const lima = await associateCity(
      applicationForm({ name: `Lima ${tag}`, country: 'PE', region: 'americas' }),
    );
    const seoul = await associateCity(
      applicationForm({ name: `Seoul ${tag}`, country: 'KR', region: 'asia' }),
    );
    const limaRep = lima.form.contact.email;
    const seoulRep = seoul.form.contact.email;
    const reps = await call(`/cities/${lima.id}/representatives`, { token: sec });
    expect(reps.body.representatives).toEqual([{ name: lima.form.contact.name, email: limaRep }]);
    // The Secretariat adds Seoul's second representative, who reads Korean, from the list it read.
    const seoulReader = `reader-${tag}@seoul.example`;
    const listed = await call(`/cities/${seoul.id}/representatives`, { token: sec });
    const list = {
      representatives: [
        { name: seoul.form.contact.name, email: seoulRep },
        { name: 'Park Reader', email: seoulReader, language: 'ko' },
      ],
    };
    const put = await call(`/cities/${seoul.id}/representatives`, {
      method: 'PUT',
      token: sec,
      json: { ...list, expectedUpdatedAt: listed.body.updatedAt },
    });
    expect(put.status).toBe(200);
    // A change sent from that same, now stale, read is refused and writes nothing.
    const staleList = await call(`/cities/${seoul.id}/representatives`, {
      method: 'PUT',
      token: sec,
      json: { representatives: [list.representatives[0]], expectedUpdatedAt: listed.body.updatedAt },
    });
    expect(staleList.status).toBe(409);
    expect((await call(`/cities/${seoul.id}/representatives`, { token: sec })).body.representatives).toEqual(
      list.representatives,
    );
    const lim = await tokenFor('member', limaRep);
    const seo = await tokenFor('member', seoulRep);
    const reader = await tokenFor('member', seoulReader);

    // Seoul's reader follows the theme; nothing is sent while there is nothing new.
    expect(
      (await call('/me/follows', { method: 'PUT', token: reader, json: { themes: ['open-inclusive-city'] } }))
        .status,
    ).toBe(200);

    // Draft, then submit: the Secretariat is emailed.
    const created = await call('/practices', { method: 'POST', token: lim, json: practiceBody });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const id = created.body.id as string;
    expect(created.body.sectionsHtml.problem).not.toContain('<script>');
    // Another city's representative neither sees nor edits the draft.
    expect((await call(`/practices/${id}`, { token: seo })).status).toBe(404);
    expect(
      (await call(`/practices/${id}`, { method: 'PATCH', token: seo, json: { title: 'Hijacked' } })).status,
    ).toBe(404);
    expect((await call(`/practices/${id}`)).status).toBe(404);

    const submitted = await call(`/practices/${id}/submit`, { method: 'POST', token: lim });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_review');
    await waitForEmail(
      (e) => e.destination.to.includes('secretariat@wego.example') && e.subject.includes(word),
    );

    // Returned with a reason, emailed to the city's representative.
    const reason = `Please add figures to the results ${tag}`;
    const returned = await call(`/practices/${id}/return`, { method: 'POST', token: sec, json: { reason } });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('changes_requested');
    const returnMail = await waitForEmail(
      (e) => e.destination.to.includes(limaRep) && (e.body.text ?? '').includes(reason),
    );
    expect(returnMail.body.text).toContain(`/knowledge/practices/${id}`);

    // An edit made from a stale read is refused and writes nothing; then edited, submitted again and
    // published: the representative is emailed.
    const read = await call(`/practices/${id}`, { token: lim });
    const stale = await call(`/practices/${id}`, {
      method: 'PATCH',
      token: lim,
      json: { title: 'Overwritten', expectedUpdatedAt: '2020-01-01T00:00:00.000Z' },
    });
    expect(stale.status).toBe(409);
    expect((await call(`/practices/${id}`, { token: lim })).body.title).toBe(read.body.title);
    const edited = await call(`/practices/${id}`, {
      method: 'PATCH',
      token: lim,
      json: {
        sections: { results: '12.000 vecinos votaron en 2024; **38** proyectos financiados.' },
        expectedUpdatedAt: read.body.updatedAt,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.sections.results).toContain('12.000');
    expect((await call(`/practices/${id}/submit`, { method: 'POST', token: lim })).body.status).toBe(
      'in_review',
    );
    const published = await call(`/practices/${id}/publish`, { method: 'POST', token: sec });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'return',
      'edit',
      'submit',
      'publish',
    ]);
    await waitForEmail(
      (e) =>
        e.destination.to.includes(limaRep) && /Publica|Published/.test(e.subject) && e.subject.includes(word),
    );

    // Public now, and found by search in Latin script (accents folded).
    const pub = await call(`/practices/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).not.toHaveProperty('history');
    expect(JSON.stringify(pub.body)).not.toContain(limaRep);
    const latin = await until('the Latin search', async () => {
      const r = await call(`/practices?q=${encodeURIComponent(`LINEA ${word.toUpperCase()}`)}`);
      return r.body.items?.some((i: { id: string }) => i.id === id) ? r : undefined;
    });
    expect(latin.body.facets.themes['open-inclusive-city']).toBeGreaterThanOrEqual(1);

    // Machine translation into Korean (the stand-in marks its copy in Korean): a Hangul query finds it.
    const mark = UNTRANSLATED.ko as string;
    const korean = await until('the Hangul search', async () => {
      const r = await call(`/practices?q=${encodeURIComponent(`${mark} ${word}`)}&lang=ko`);
      return r.body.items?.find((i: { id: string }) => i.id === id);
    });
    expect(korean).toMatchObject({ language: 'ko', machineTranslation: true, originalLanguage: 'es' });
    const withTranslations = await call(`/practices/${id}`);
    const ko = withTranslations.body.translations.find((t: { language: string }) => t.language === 'ko');
    expect(ko).toMatchObject({ machine: true });
    expect(ko.title).toContain(mark);
    // Without `lang`, an item is shown in the language of the text that matched best: the Korean one.
    const matched = await call(`/practices?q=${encodeURIComponent(`${mark} ${word}`)}`);
    expect(matched.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      language: 'ko',
      machineTranslation: true,
    });

    // The follower's digest, in Korean, with a link that stops it without signing in.
    const digest = await waitForEmail(
      (e) => e.destination.to.includes(seoulReader) && e.subject.includes('WeGO'),
      30_000,
    );
    expect(digest.body.text).toContain(`/knowledge/practices/${id}`);
    // The digest runs every second on the e2e stack: with nothing new, nothing more is sent.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await inbox()).filter((e) => e.destination.to.includes(seoulReader))).toHaveLength(1);
    const token = /\/knowledge\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(digest.body.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect((await call(`/follows/unsubscribe/${token}`)).body.themes).toEqual(['open-inclusive-city']);
    expect((await call(`/follows/unsubscribe/${token}`, { method: 'POST' })).status).toBe(200);
    expect((await call('/me/follows', { token: reader })).body.themes).toEqual([]);

    // Seoul contacts Lima through the relay: neither address is shown; Lima replies through it.
    const message = `How did you reach older residents? ${tag}`;
    const contact = await call(`/practices/${id}/contact`, { method: 'POST', token: seo, json: { message } });
    expect(contact.status).toBe(201);
    const relayed = await waitForEmail(
      (e) => e.destination.to.includes(limaRep) && (e.body.text ?? '').includes(message),
    );
    expect(relayed.body.text).not.toContain(seoulRep);
    const conversation = /\/knowledge\/conversations\/([^\s"<]+)/.exec(
      relayed.body.text ?? '',
    )?.[1] as string;
    expect(conversation).toBe(contact.body.id);
    const answer = `Through libraries and phone assistance ${tag}`;
    const reply = await call(`/conversations/${conversation}/messages`, {
      method: 'POST',
      token: lim,
      json: { message: answer },
    });
    expect(reply.status).toBe(201);
    const replied = await waitForEmail(
      (e) => e.destination.to.includes(seoulRep) && (e.body.text ?? '').includes(answer),
    );
    expect(replied.body.text).not.toContain(limaRep);
    const thread = await call(`/conversations/${conversation}`, { token: seo });
    expect(thread.body.messages.map((m: { from: string }) => m.from)).toEqual(['asker', 'city']);
    expect(JSON.stringify(thread.body)).not.toMatch(/@/);
    // A third party sees nothing of it.
    expect(
      (
        await call(`/conversations/${conversation}`, {
          token: await tokenFor('member', `x-${tag}@x.example`),
        })
      ).status,
    ).toBe(404);

    // Seoul adopted it: the original shows it.
    const adoption = await call(`/practices/${id}/adoptions`, {
      method: 'POST',
      token: seo,
      json: { note: 'We run it in three districts since 2025.' },
    });
    expect(adoption.status).toBe(201);
    const adopted = await call(`/practices/${id}`);
    expect(adopted.body.adoptions).toEqual([
      expect.objectContaining({ city: { id: seoul.id, name: seoul.form.city.name, country: 'KR' } }),
    ]);
    expect(
      (await call(`/practices/${id}/adoptions`, { method: 'POST', token: seo, json: { note: 'again' } }))
        .status,
    ).toBe(409);

    // Seoul asks the network; Lima answers; Seoul is emailed and accepts the answer.
    const question = await call('/questions', {
      method: 'POST',
      token: seo,
      json: {
        title: `Participatory budgeting tools ${tag}`,
        body: 'Which platform do you use?',
        themes: ['open-inclusive-city'],
      },
    });
    expect(question.status).toBe(201);
    const qid = question.body.id as string;
    const posted = await call(`/questions/${qid}/answers`, {
      method: 'POST',
      token: lim,
      json: { body: 'Decidim, self-hosted.' },
    });
    expect(posted.status).toBe(201);
    await waitForEmail(
      (e) => e.destination.to.includes(seoulRep) && (e.body.text ?? '').includes('Decidim, self-hosted.'),
    );
    expect(
      (await call(`/questions/${qid}/answers/${posted.body.id}/accept`, { method: 'POST', token: lim }))
        .status,
    ).toBe(403);
    const accepted = await call(`/questions/${qid}/answers/${posted.body.id}/accept`, {
      method: 'POST',
      token: seo,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.acceptedAnswerId).toBe(posted.body.id);
    const publicQuestion = await call(`/questions/${qid}`);
    expect(publicQuestion.body.answers[0]).toMatchObject({
      accepted: true,
      city: { name: lima.form.city.name },
    });
    expect(JSON.stringify(publicQuestion.body)).not.toMatch(/@/);
  });
});

describe('knowledge sharing: rights and review', () => {
  it('ends a withdrawn city representatives’ rights and marks its published practices as from a former member', {
    timeout: 120_000,
  }, async () => {
    const sec = await secretariat();
    const city = await associateCity(applicationForm({ name: `Quito ${tag}` }));
    const rep = await tokenFor('member', city.form.contact.email);
    const created = await call('/practices', {
      method: 'POST',
      token: rep,
      json: { ...practiceBody, title: `Quito ${word}` },
    });
    const id = created.body.id as string;
    await call(`/practices/${id}/submit`, { method: 'POST', token: rep });
    expect((await call(`/practices/${id}/publish`, { method: 'POST', token: sec })).status).toBe(200);
    expect(
      (await call(`/members/${city.id}/withdraw`, { method: 'POST', token: sec, json: { reason: 'Left' } }))
        .status,
    ).toBe(200);
    const after = await call(`/practices/${id}`);
    expect(after.status).toBe(200);
    expect(after.body.formerMember).toBe(true);
    const draft = await call('/practices', { method: 'POST', token: rep, json: practiceBody });
    expect(draft.status).toBe(409);
    expect(
      (await call(`/practices/${id}`, { method: 'PATCH', token: rep, json: { title: 'Changed' } })).status,
    ).toBe(409);
  });

  it('keeps the published version visible while a change is reviewed, and refuses a racing second publish', {
    timeout: 120_000,
  }, async () => {
    const sec = await secretariat();
    const city = await associateCity(
      applicationForm({ name: `Tunis ${tag}`, country: 'TN', region: 'africa' }),
    );
    const rep = await tokenFor('member', city.form.contact.email);
    const id = (await call('/practices', { method: 'POST', token: rep, json: practiceBody })).body
      .id as string;
    await call(`/practices/${id}/submit`, { method: 'POST', token: rep });
    const [a, b] = await Promise.all([
      call(`/practices/${id}/publish`, { method: 'POST', token: sec }),
      call(`/practices/${id}/publish`, { method: 'POST', token: sec }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const changed = await call(`/practices/${id}`, {
      method: 'PATCH',
      token: rep,
      json: { title: `Nuevo título ${tag}` },
    });
    expect(changed.body.status).toBe('published');
    expect(changed.body.working.change).toBe('draft');
    expect((await call(`/practices/${id}`)).body.title).toBe(practiceBody.title);
    expect((await call(`/practices/${id}/submit`, { method: 'POST', token: rep })).body.working.change).toBe(
      'in_review',
    );
    expect((await call(`/practices/${id}/publish`, { method: 'POST', token: sec })).body.title).toBe(
      `Nuevo título ${tag}`,
    );
    expect((await call(`/practices/${id}`)).body.title).toBe(`Nuevo título ${tag}`);
    const retired = await call(`/practices/${id}/retire`, { method: 'POST', token: rep });
    expect(retired.body.status).toBe('retired');
  });

  it('serves the open data feeds with CSV cells a spreadsheet will not run', async () => {
    const json = await call('/practices.json?limit=5');
    expect(json.status).toBe(200);
    expect(Array.isArray(json.body.items)).toBe(true);
    const csv = await call('/practices.csv?limit=5');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toContain('"id","url","title"');
    expect((await inbox()).length).toBeGreaterThan(0);
  });
});
