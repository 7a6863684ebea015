import { afterEach, describe, expect, it } from 'vitest';
import { addWegoStacks } from '../../lib/stacks.ts';
import { newApp } from './support/synth.ts';

let dispose: (() => void) | undefined;

afterEach(() => {
  dispose?.();
  dispose = undefined;
});

/** Builds the app as bin/wego.ts does, with the given context on top of a valid one. */
function build(context: Record<string, unknown>) {
  const made = newApp(context);
  dispose = made.dispose;
  return () => addWegoStacks(made.app);
}

describe('synthesis with invalid context', () => {
  it('fails with a clear message when senderEmail is not an email address', () => {
    expect(build({ senderEmail: 'no-reply-at-wego' })).toThrow(
      /Invalid CDK context[\s\S]*senderEmail: senderEmail must be an email address verified in SES/,
    );
  });

  it('lists every invalid value at once', () => {
    // Act
    const attempt = build({ senderEmail: 'nope', corsOrigins: '*', stage: 'PROD' });

    // Assess
    expect(attempt).toThrow(/- stage:[\s\S]*- senderEmail:[\s\S]*- corsOrigins/);
  });

  it('builds both stacks of the stage, named after it, when the context is valid', () => {
    // Act
    const stacks = build({ stage: 'test-config' })();

    // Assess
    expect(stacks.data.node.id).toBe('WegoData-test-config');
    expect(stacks.app.node.id).toBe('Wego-test-config');
  });
});
