import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { tableName } from '../shared/ddb.ts';
import { LANGUAGES } from '../shared/i18n.ts';
import { eventHandler, logger } from '../shared/logger.ts';
import { HttpError } from '../shared/problem.ts';
import { queryAll } from '../shared/query.ts';
import { ConditionsFailed, transact } from '../shared/transaction.ts';
import { PUBLISHED_PK, publishedKey, publishedTextKey } from './keys.ts';
import { type PracticeRecord, type PublishedText, readPractice } from './practices.ts';
import { s3IndexStorage } from './search-store.ts';
import { applyToIndex } from './search-update.ts';
import { AmazonTranslator, isPermanent, type Translator } from './translate.ts';

/**
 * The stream consumer of published practices (the mapping delivers changes of `PUB` and `PUB#<lang>`
 * items). For each practice in the batch: the platform's languages it lacks are machine-translated
 * from its original and stored apart from the city's text (`machine: true`), conditional on the
 * publication they translate being still the current one; then the search index is updated once for
 * the whole batch. A practice whose translation failed is reported alone (its records are retried);
 * a language pair the service refuses is logged and left untranslated.
 */
const translator: Translator = new AmazonTranslator();

export async function translateMissing(record: PracticeRecord, using: Translator): Promise<PracticeRecord> {
  const pub = record.published;
  const original = pub ? record.publishedTexts.get(pub.language) : undefined;
  if (!pub || pub.retiredAt || !original) return record;
  const missing = LANGUAGES.filter((l) => l !== pub.language && !record.publishedTexts.has(l));
  const texts = new Map(record.publishedTexts);
  for (const lang of missing) {
    const tr = (text: string) => using.translate(text, pub.language, lang);
    const sections = Object.fromEntries(
      await Promise.all(
        Object.entries(original.sections)
          .filter((e): e is [string, string] => typeof e[1] === 'string')
          .map(async ([k, v]) => [k, await tr(v)] as const),
      ),
    );
    const [title, summary] = await Promise.all([tr(original.title), tr(original.summary)]);
    const text: PublishedText = {
      title: title.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 400),
      summary,
      sections: sections as PublishedText['sections'],
      lang,
      machine: true,
      pubVersion: pub.pubVersion,
    };
    try {
      await transact([
        {
          ConditionCheck: {
            TableName: tableName,
            Key: publishedKey(pub.id),
            ConditionExpression: 'pubVersion = :v AND attribute_not_exists(retiredAt)',
            ExpressionAttributeValues: { ':v': pub.pubVersion },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...publishedTextKey(pub.id, lang), ...text },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      texts.set(lang, text);
    } catch (error) {
      // A newer publication (translated on its own record) or the city's own translation came first.
      if (error instanceof ConditionsFailed) return record;
      throw error;
    }
  }
  return { ...record, publishedTexts: texts };
}

/** Every published practice, for a first build: the PUBLISHED index, then each practice's partition. */
async function allPublished(): Promise<PracticeRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': PUBLISHED_PK },
  });
  const records: PracticeRecord[] = [];
  for (let i = 0; i < items.length; i += 20) {
    records.push(
      ...(await Promise.all(items.slice(i, i + 20).map((it) => readPractice(String(it.id), false)))),
    );
  }
  return records;
}

export async function processPracticeChanges(
  event: DynamoDBStreamEvent,
  using: Translator,
): Promise<DynamoDBBatchResponse> {
  const byPractice = new Map<string, string[]>();
  for (const r of event.Records) {
    const pk = r.dynamodb?.Keys?.pk?.S ?? '';
    if (!pk.startsWith('PRACTICE#')) continue;
    const id = pk.slice('PRACTICE#'.length);
    byPractice.set(id, [...(byPractice.get(id) ?? []), r.dynamodb?.SequenceNumber ?? '']);
  }
  const failed: string[] = [];
  const changed = await Promise.all(
    [...byPractice.keys()].map(async (id) => {
      let record: PracticeRecord | undefined;
      try {
        record = await readPractice(id);
      } catch (error) {
        if (!(error instanceof HttpError && error.status === 404)) throw error;
        return { id, record: undefined };
      }
      try {
        return { id, record: await translateMissing(record, using) };
      } catch (error) {
        const e = error as Error;
        if (isPermanent(e)) logger.warn('Practice left untranslated', { practiceId: id, errorName: e.name });
        else {
          logger.error('Machine translation failed', {
            practiceId: id,
            errorName: e.name,
            errorMessage: e.message,
          });
          failed.push(...(byPractice.get(id) ?? []));
        }
        return { id, record };
      }
    }),
  );
  await applyToIndex(s3IndexStorage, changed, allPublished);
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

export const handler = eventHandler(
  (event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> =>
    processPracticeChanges(event, translator),
);
