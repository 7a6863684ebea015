import type { Context, ScheduledEvent } from 'aws-lambda';
import { batchGet, keyOf } from '../shared/batch-get.ts';
import { tableName } from '../shared/ddb.ts';
import { isLanguage } from '../shared/i18n.ts';
import { eventHandler, logger } from '../shared/logger.ts';
import { outboxPuts } from '../shared/outbox.ts';
import { queryAll } from '../shared/query.ts';
import { ConditionsFailed, transact, updateOf } from '../shared/transaction.ts';
import { type DigestItem, digestEmail } from './emails.ts';
import { type Follower, toFollower } from './follows.ts';
import { FOLLOWERS_PK, followerKey, PUBLISHED_PK, publishedTextKey } from './keys.ts';
import { THEME_NAMES, type ThemeCode } from './themes.ts';

/**
 * The weekly digest (an EventBridge schedule): for each follower, the practices published or updated
 * in the themes they follow since their last digest, in one email, in their language where the
 * practice has it. Nothing is sent to a follower with nothing new. Each follower's email is written
 * with the move of their `lastDigestAt`, conditional on the value read: a run that overlaps another
 * sends nothing twice, and one follower's failure holds back no other.
 */
/** A publication may commit a moment after its `changedAt`: the run leaves the last seconds for the next one. */
const SETTLE_MS = 2000;

interface Change {
  readonly id: string;
  readonly cityName: string;
  readonly country: string;
  readonly themes: string[];
  readonly title: string;
  readonly language: string;
  readonly changedAt: string;
}

export async function runDigest(now = new Date()): Promise<{ sent: number; followers: number }> {
  const followers = (
    await queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': FOLLOWERS_PK },
    })
  ).map(toFollower);
  if (followers.length === 0) return { sent: 0, followers: 0 };
  const cutoff = new Date(now.getTime() - SETTLE_MS).toISOString();
  const since = followers.map((f) => f.lastDigestAt).sort()[0] as string;
  const changes: Change[] = (
    await queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': PUBLISHED_PK, ':from': `${since}~`, ':to': `${cutoff}~` },
    })
  ).map((i) => ({
    id: String(i.id),
    cityName: String(i.cityName),
    country: String(i.country),
    themes: i.themes as string[],
    title: String(i.title),
    language: String(i.language),
    changedAt: String(i.changedAt),
  }));
  const plans = followers.map((f) => ({
    follower: f,
    items: changes.filter(
      (c) =>
        c.changedAt > f.lastDigestAt && c.changedAt <= cutoff && c.themes.some((t) => f.themes.includes(t)),
    ),
  }));
  // Titles in each follower's language, where the practice has it: one read of all that are needed.
  const wanted = plans.flatMap(({ follower, items }) =>
    follower.language
      ? items
          .filter((i) => i.language !== follower.language)
          .map((i) => publishedTextKey(i.id, follower.language as string))
      : [],
  );
  const unique = [...new Map(wanted.map((k) => [keyOf(k), k])).values()];
  const texts = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < unique.length; i += 100)
    for (const [k, v] of await batchGet(unique.slice(i, i + 100))) texts.set(k, v);

  let sent = 0;
  for (const { follower, items } of plans) {
    if (items.length === 0) continue;
    try {
      await sendDigest(follower, items, texts, cutoff, now);
      sent++;
    } catch (error) {
      const e = error as Error;
      logger.error('Digest not sent', { errorName: e.name, errorMessage: e.message });
    }
  }
  logger.info('Digest run', { followers: followers.length, changes: changes.length, sent });
  return { sent, followers: followers.length };
}

async function sendDigest(
  f: Follower,
  items: Change[],
  texts: Map<string, Record<string, unknown>>,
  cutoff: string,
  now: Date,
): Promise<void> {
  const lang = f.language && isLanguage(f.language) ? f.language : 'en';
  const shown: DigestItem[] = items.map((i) => {
    const translated = f.language ? texts.get(keyOf(publishedTextKey(i.id, f.language))) : undefined;
    return { id: i.id, title: String(translated?.title ?? i.title), city: i.cityName, country: i.country };
  });
  const themes = f.themes.map((t) => THEME_NAMES[t as ThemeCode]?.[lang] ?? t).join(', ');
  try {
    await transact([
      {
        Update: {
          TableName: tableName,
          Key: followerKey(f.email),
          ...updateOf({ lastDigestAt: cutoff }, [], {
            expression: 'lastDigestAt = :last',
            values: { ':last': f.lastDigestAt },
          }),
        },
      },
      ...outboxPuts(digestEmail(f, themes, shown, f.unsubscribeToken), now),
    ]);
  } catch (error) {
    // Another run sent it, or the person changed what they follow meanwhile: the next run decides.
    if (error instanceof ConditionsFailed) return;
    throw error;
  }
}

export const handler = eventHandler(async (_event: ScheduledEvent, _context: Context) => {
  await runDigest();
});
