import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import type { RequestStatus } from '../../functions/cps/request-status.ts';

// Read at import by the modules under test (cursor.ts, logger.ts); the table and endpoint come from
// the global setup.
process.env.CURSOR_SECRET = 'integration-cursor-secret';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { ddb, tableName } = await import('../../functions/shared/ddb.ts');
const { HttpError } = await import('../../functions/shared/problem.ts');
const { assigneeIndex, requestKey } = await import('../../functions/cps/keys.ts');
const { queue } = await import('../../functions/cps/queue.ts');

const HOUR = 3600_000;
const now = Date.now();

interface Seed {
  readonly status: RequestStatus;
  /** Hours from now until the request is due (negative: overdue). */
  readonly dueIn: number;
  readonly service?: string;
  readonly district?: string;
}

/** An official's requests, written as the CPS writes them (the request item with its gsi1 key). */
async function officialWith(seeds: readonly Seed[]): Promise<{ email: string; ids: string[] }> {
  const email = `queue-${randomUUID().slice(0, 8)}@city.example`;
  const ids = seeds.map((_, i) => `Q${String(i).padStart(3, '0')}${randomUUID().slice(0, 6)}`);
  const items = seeds.map((s, i) => {
    const id = ids[i] as string;
    const expectedAt = new Date(now + s.dueIn * HOUR).toISOString();
    return {
      ...requestKey(id),
      id,
      cityId: 'city-1',
      cityName: 'Testville',
      service: s.service ?? 'pothole',
      serviceName: 'Potholes',
      district: s.district ?? 'Centro',
      description: `Request ${i}`,
      status: s.status,
      assignedTo: { officialId: 'o-1', name: 'Ana', title: 'Head of Roads', email },
      createdAt: new Date(now - 100 * HOUR).toISOString(),
      updatedAt: new Date(now - 100 * HOUR).toISOString(),
      expectedAt,
      ...assigneeIndex(email, s.status, expectedAt, id),
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await ddb.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  return { email, ids };
}

/** Every page of a listing, following the cursors; also how many reads each page took. */
async function allPages(email: string, filter: Parameters<typeof queue>[1], limit: number) {
  const send = vi.spyOn(ddb, 'send');
  const pages: string[][] = [];
  const reads: number[] = [];
  let cursor: string | undefined;
  do {
    send.mockClear();
    const page = await queue(email, filter, limit, cursor);
    reads.push(send.mock.calls.length);
    pages.push(page.items.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  send.mockRestore();
  return { pages, ids: pages.flat(), reads };
}

describe("an official's queue", () => {
  it('lists the overdue requests first, then the open ones by due time, then the resolved, then the closed', async () => {
    const { email, ids } = await officialWith([
      { status: 'closed', dueIn: -500 },
      { status: 'in_progress', dueIn: 30 },
      { status: 'resolved', dueIn: -300 },
      { status: 'assigned', dueIn: -2 },
      { status: 'assigned', dueIn: 5 },
      { status: 'in_progress', dueIn: -40 },
    ]);
    const { ids: listed } = await allPages(email, {}, 25);
    expect(listed).toEqual([ids[5], ids[3], ids[4], ids[1], ids[2], ids[0]]);
  });

  it('narrows by status: open, one open status, resolved, closed', async () => {
    const { email, ids } = await officialWith([
      { status: 'assigned', dueIn: 10 },
      { status: 'in_progress', dueIn: 1 },
      { status: 'resolved', dueIn: 2 },
      { status: 'closed', dueIn: 3 },
    ]);
    expect((await allPages(email, { status: 'open' }, 25)).ids).toEqual([ids[1], ids[0]]);
    expect((await allPages(email, { status: 'assigned' }, 25)).ids).toEqual([ids[0]]);
    expect((await allPages(email, { status: 'in_progress' }, 25)).ids).toEqual([ids[1]]);
    expect((await allPages(email, { status: 'resolved' }, 25)).ids).toEqual([ids[2]]);
    expect((await allPages(email, { status: 'closed' }, 25)).ids).toEqual([ids[3]]);
    expect((await allPages(email, { status: 'submitted' }, 25)).ids).toEqual([]);
  });

  it('narrows by service, and by district whatever its case, accents or punctuation', async () => {
    const { email, ids } = await officialWith([
      { status: 'assigned', dueIn: 1, service: 'pothole', district: 'São Paulo Centro' },
      { status: 'assigned', dueIn: 2, service: 'streetlight', district: 'sao paulo centro' },
      { status: 'assigned', dueIn: 3, service: 'pothole', district: 'Norte' },
      { status: 'resolved', dueIn: 4, service: 'pothole', district: 'SAO-PAULO CENTRO!' },
    ]);
    expect((await allPages(email, { service: 'pothole' }, 25)).ids).toEqual([ids[0], ids[2], ids[3]]);
    expect((await allPages(email, { district: 'Sao Paulo centro' }, 25)).ids).toEqual([
      ids[0],
      ids[1],
      ids[3],
    ]);
    expect(
      (await allPages(email, { status: 'open', service: 'pothole', district: 'são paulo, centro' }, 25)).ids,
    ).toEqual([ids[0]]);
  });

  it('pages with cursors: every request once, in order, each page within two reads', async () => {
    const seeds: Seed[] = Array.from({ length: 23 }, (_, i) => ({
      status: (['assigned', 'in_progress', 'resolved'] as const)[i % 3] as RequestStatus,
      dueIn: i - 10,
      service: i % 2 === 0 ? 'pothole' : 'streetlight',
    }));
    const { email, ids } = await officialWith(seeds);
    const all = await allPages(email, {}, 5);
    expect(all.pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(new Set(all.ids).size).toBe(23);
    expect([...all.ids].sort()).toEqual([...ids].sort());
    const potholes = await allPages(email, { service: 'pothole' }, 4);
    expect(potholes.ids).toEqual(ids.filter((_, i) => i % 2 === 0).sort((a, b) => order(a) - order(b)));
    for (const reads of [...all.reads, ...potholes.reads]) expect(reads).toBeLessThanOrEqual(2);

    function order(id: string) {
      const i = ids.indexOf(id);
      const s = seeds[i] as Seed;
      return (s.status === 'resolved' ? 1000 : 0) + s.dueIn;
    }
  });

  it('gives a short page with a cursor when the filters leave little of what two reads can see', async () => {
    // 230 requests of which only the last matches: a page may hold fewer than asked, never more reads.
    const seeds: Seed[] = Array.from({ length: 230 }, (_, i) => ({
      status: 'assigned',
      dueIn: i,
      district: i === 229 ? 'Leste' : 'Oeste',
    }));
    const { email, ids } = await officialWith(seeds);
    const listed = await allPages(email, { district: 'leste' }, 10);
    expect(listed.ids).toEqual([ids[229]]);
    expect(listed.pages.length).toBeGreaterThan(1);
    for (const reads of listed.reads) expect(reads).toBeLessThanOrEqual(2);
  });

  it('refuses a cursor of another listing', async () => {
    const { email } = await officialWith(
      Array.from({ length: 3 }, (_, i) => ({ status: 'assigned' as const, dueIn: i })),
    );
    const first = await queue(email, {}, 1, undefined);
    expect(first.nextCursor).toBeDefined();
    await expect(queue(email, { status: 'open' }, 1, first.nextCursor)).rejects.toBeInstanceOf(HttpError);
    await expect(queue('someone-else@city.example', {}, 1, first.nextCursor)).rejects.toBeInstanceOf(
      HttpError,
    );
  });
});
