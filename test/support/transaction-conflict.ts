import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { vi } from 'vitest';

/**
 * Makes the next transaction fail as DynamoDB fails one of two racing transactions on the same item
 * (TransactionConflict), which DynamoDB Local never does; every other call goes through. Returns whether
 * the conflict happened yet.
 */
export function conflictOnce(
  client: { send: (command: never) => Promise<unknown> },
  codes: string[],
): () => boolean {
  const send = client.send.bind(client);
  let conflicted = false;
  vi.spyOn(client, 'send').mockImplementation(((command: unknown) => {
    if (!conflicted && command instanceof TransactWriteCommand) {
      conflicted = true;
      return Promise.reject(
        Object.assign(
          new Error('Transaction cancelled, please refer cancellation reasons for specific reasons'),
          {
            name: 'TransactionCanceledException',
            CancellationReasons: codes.map((Code) => ({ Code })),
          },
        ),
      );
    }
    return send(command as never);
  }) as typeof client.send);
  return () => conflicted;
}
