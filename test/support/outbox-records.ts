import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** An OUTBOX# email item as functions/shared/outbox.ts writes it. */
export interface OutboxItem {
  pk: string;
  sk: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  [extra: string]: unknown;
}

export function outboxItem(n: number, pk = `OUTBOX#${n}`): OutboxItem {
  return {
    pk,
    sk: 'EMAIL',
    type: 'email',
    to: [`mayor${n}@city.example`],
    subject: `Subject ${n}`,
    html: `<p>Body ${n}</p>`,
    text: `Body ${n}`,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** An INSERT record as the table stream delivers it (NEW_AND_OLD_IMAGES, typed attribute values). */
export function insertRecord(item: Record<string, unknown>, sequence: string): DynamoDBRecord {
  return {
    eventID: `event-${sequence}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: 'eu-west-1',
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      NewImage: marshall(item, { removeUndefinedValues: true }) as NonNullable<
        DynamoDBRecord['dynamodb']
      >['NewImage'],
      SequenceNumber: sequence,
      SizeBytes: 256,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/wego/stream/2026-01-01T00:00:00.000',
  };
}

export const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
