import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT, LOCAL_REGION, type Template, type TemplateReader } from './template.ts';
import { functionIdOf } from './template-state-machines.ts';

/**
 * The local stand-in for scheduled EventBridge rules (`AWS::Events::Rule` with a ScheduleExpression):
 * each enabled `rate(...)` rule invokes its Lambda targets with the event EventBridge sends for a
 * scheduled event, at the rule's rate or at a shorter local interval. `cron(...)` rules are not run
 * on a clock locally (their start is logged as skipped); `fireAll()` runs every rule on demand.
 */

type Json = Parameters<TemplateReader['resolve']>[0];

export interface LocalScheduleTarget {
  /** The target's Id in the rule. */
  readonly id: string;
  readonly functionId: string;
  /**
   * What the function gets, as EventBridge decides it: the scheduled event itself, the target's
   * constant `Input` (which replaces the event), or the part of the event that `InputPath` selects.
   */
  readonly input:
    | { readonly kind: 'event' }
    | { readonly kind: 'constant'; readonly value: unknown }
    | { readonly kind: 'path'; readonly path: readonly string[] };
}

export interface LocalScheduleRule {
  /** Logical id of the rule. */
  readonly id: string;
  /** Its name: `Name` when the template sets one, else the logical id. */
  readonly name: string;
  readonly arn: string;
  readonly expression: string;
  /** The period of a `rate(...)` expression; undefined for `cron(...)`. */
  readonly rateMs: number | undefined;
  readonly targets: readonly LocalScheduleTarget[];
  /** Targets the local cloud cannot deliver to, each with the reason (logged on start). */
  readonly skippedTargets: readonly string[];
}

export interface LocalSchedulesOptions {
  readonly rules: readonly LocalScheduleRule[];
  readonly invoke: (functionId: string, event: unknown) => Promise<unknown>;
  readonly log: (line: string) => void;
  /** Runs every rate rule at this interval instead of its own (the local stack and tests need seconds). */
  readonly intervalOverrideMs?: number;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/**
 * The period of a schedule expression in milliseconds: `rate(N minute|minutes|hour|hours|day|days)`,
 * or undefined for `cron(...)`. Anything else is not a schedule EventBridge accepts, and throws.
 */
export function parseScheduleExpression(expression: string): number | undefined {
  const text = expression.trim();
  if (/^cron\(.+\)$/.test(text)) return undefined;
  const rate = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/.exec(text);
  const n = Number(rate?.[1]);
  if (!rate || !Number.isSafeInteger(n) || n < 1) {
    throw new Error(`Unsupported schedule expression ${expression}`);
  }
  return n * UNIT_MS[rate[2] as keyof typeof UNIT_MS];
}

export const eventRuleArn = (name: string) => `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${name}`;

/** The event EventBridge sends a target when a scheduled rule fires. */
export function scheduledEvent(rule: Pick<LocalScheduleRule, 'arn'>, at: Date = new Date()) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: [rule.arn],
    detail: {},
  };
}

/** What a target receives for a scheduled event. */
export function targetInput(target: LocalScheduleTarget, event: ReturnType<typeof scheduledEvent>): unknown {
  switch (target.input.kind) {
    case 'constant':
      return target.input.value;
    case 'path':
      return target.input.path.reduce<unknown>(
        (value, key) =>
          value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
        event,
      );
    default:
      return event;
  }
}

/** The template's enabled schedule rules and their Lambda targets. */
export function schedulesFrom(template: Template, reader: TemplateReader): LocalScheduleRule[] {
  const functionIds = new Set(
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([id]) => id),
  );
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties?.ScheduleExpression !== undefined)
    .map(([id, r]) => ({ id, p: reader.resolve((r.Properties ?? {}) as Json) as Record<string, Json> }))
    .filter(({ p }) => (p.State ?? 'ENABLED') === 'ENABLED')
    .map(({ id, p }) => {
      const expression = String(p.ScheduleExpression);
      const name = typeof p.Name === 'string' ? p.Name : id;
      const targets: LocalScheduleTarget[] = [];
      const skippedTargets: string[] = [];
      for (const t of (p.Targets ?? []) as Record<string, Json>[]) {
        const targetId = String(t.Id ?? '?');
        const arn = String(t.Arn ?? '');
        const functionId = functionIdOf(arn);
        if (!/:function:/.test(arn) || !functionIds.has(functionId)) {
          skippedTargets.push(`target ${targetId} (${arn}) is not a Lambda function of this template`);
          continue;
        }
        const input = inputOf(t);
        if (typeof input === 'string') {
          skippedTargets.push(`target ${targetId}: ${input}`);
          continue;
        }
        targets.push({ id: targetId, functionId, input });
      }
      return {
        id,
        name,
        arn: eventRuleArn(name),
        expression,
        rateMs: parseScheduleExpression(expression),
        targets,
        skippedTargets,
      };
    });
}

/** The target's input mode, or why the local cloud cannot honour it. */
function inputOf(t: Record<string, Json>): LocalScheduleTarget['input'] | string {
  if (t.InputTransformer !== undefined) return 'InputTransformer is not supported locally';
  if (t.Input !== undefined) {
    try {
      return { kind: 'constant', value: JSON.parse(String(t.Input)) };
    } catch {
      return 'its Input is not JSON text';
    }
  }
  if (t.InputPath !== undefined) {
    const path = String(t.InputPath);
    if (path === '$') return { kind: 'event' };
    if (!/^\$(\.[A-Za-z0-9_-]+)+$/.test(path))
      return `InputPath ${path} is not supported locally (only $.a.b)`;
    return { kind: 'path', path: path.split('.').slice(1) };
  }
  return { kind: 'event' };
}

/**
 * Runs the rules' timers. A rule never runs twice at once: a tick that comes while the previous run
 * is still going is skipped (and `fireAll` waits for it, then runs). Target errors are logged, as an
 * asynchronous invocation's would be; they never stop the schedule.
 */
export class LocalSchedules {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private started = false;
  private stopped = false;

  constructor(private readonly o: LocalSchedulesOptions) {
    if (o.intervalOverrideMs !== undefined && !(o.intervalOverrideMs > 0)) {
      throw new Error(`intervalOverrideMs must be positive, not ${o.intervalOverrideMs}`);
    }
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const rule of this.o.rules) {
      for (const reason of rule.skippedTargets) this.o.log(`schedule ${rule.id}: ${reason}; skipped`);
      if (rule.targets.length === 0) continue;
      if (rule.rateMs === undefined) {
        this.o.log(`schedule ${rule.id}: ${rule.expression} is skipped locally (only rate() schedules run)`);
        continue;
      }
      const every = this.o.intervalOverrideMs ?? rule.rateMs;
      this.timers.push(setInterval(() => void this.fire(rule, true), every));
      this.o.log(
        `schedule ${rule.id}: ${rule.expression} runs ${rule.targets.map((t) => t.functionId).join(', ')} every ${every / 1000} s`,
      );
    }
  }

  /** Runs every rule once now (cron rules too) and resolves when all their targets have answered. */
  async fireAll(): Promise<void> {
    await Promise.all(this.o.rules.filter((r) => r.targets.length > 0).map((r) => this.fire(r, false)));
  }

  /** Ends the timers and waits for the runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.all([...this.running.values()]);
  }

  private fire(rule: LocalScheduleRule, ifIdle: boolean): Promise<void> {
    const current = this.running.get(rule.id);
    if (current && ifIdle) {
      this.o.log(`schedule ${rule.id}: the previous run is still going; this tick is skipped`);
      return current;
    }
    const next = (current ?? Promise.resolve()).then(() => this.run(rule));
    const tracked = next.finally(() => {
      if (this.running.get(rule.id) === tracked) this.running.delete(rule.id);
    });
    this.running.set(rule.id, tracked);
    return tracked;
  }

  private async run(rule: LocalScheduleRule): Promise<void> {
    if (this.stopped) return;
    // One event per firing; every target gets the same one, as from EventBridge.
    const event = scheduledEvent(rule);
    const results = await Promise.allSettled(
      rule.targets.map((t) => this.o.invoke(t.functionId, targetInput(t, event))),
    );
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.o.log(`schedule ${rule.id} → ${rule.targets[i]?.functionId}: ${(r.reason as Error).message}`);
      }
    });
  }
}
