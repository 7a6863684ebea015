import { describe, expect, it } from 'vitest';
import { applicationForm, associateCity, secretariat, setRoster, startVote } from './membership-support.ts';
import { cpsCity, fileRequest } from './official-support.ts';
import { call, tokenFor } from './support.ts';

/**
 * A city whose Full Membership is being voted on (`full_pending`) is still an Associate Member: its
 * citizens' requests are taken and routed, its representatives write practices, and nothing marks it
 * as a former member while the vote runs.
 */
describe('a city during its Full Membership vote', () => {
  it("keeps its CPS: a citizen's request is taken and routed to its official", async () => {
    const city = await cpsCity();
    await setRoster();
    expect((await startVote(city.id)).status).toBe('full_pending');
    const filed = await fileRequest(city);
    expect(filed.id).toBeTruthy();
    const read = await call(`/requests/${filed.id}`);
    expect(read.body).toMatchObject({ status: 'assigned', assignedTo: { name: city.officials.roads.name } });
  });

  it('keeps its representatives: they write and publish, and the city is not a former member', async () => {
    const { id, form } = await associateCity(applicationForm({ country: 'KR', region: 'asia' }));
    await setRoster();
    await startVote(id);
    const rep = await tokenFor('member', form.contact.email);
    const me = await call('/me', { token: rep });
    expect(me.body.cities).toEqual([expect.objectContaining({ id, member: true })]);
    const created = await call('/practices', {
      method: 'POST',
      token: rep,
      json: {
        title: 'Open council meetings',
        summary: 'Every council meeting streamed and subtitled.',
        language: 'en',
        themes: ['open-inclusive-city'],
        sections: { problem: 'Few could attend.', solution: 'Streams with subtitles.' },
      },
    });
    expect(created.status).toBe(201);
    const practice = created.body.id as string;
    expect((await call(`/practices/${practice}/submit`, { method: 'POST', token: rep })).status).toBe(200);
    const sec = await secretariat();
    expect((await call(`/practices/${practice}/publish`, { method: 'POST', token: sec })).status).toBe(200);
    expect((await call(`/practices/${practice}`)).body.formerMember).toBe(false);
  });
});
