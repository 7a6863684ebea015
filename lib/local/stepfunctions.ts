import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  ExecutionError,
  ExecutionTimeoutError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import {
  ExecutionJournal,
  type ExecutionStatus,
  type SavedExecution,
  type SavedTask,
  type TaskAnswer,
} from './execution-journal.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './template.ts';

export interface LocalStateMachine {
  readonly arn: string;
  readonly name: string;
  readonly definition: StateMachineDefinition;
}

export interface LocalStepFunctionsOptions {
  readonly stateMachines: readonly LocalStateMachine[];
  readonly invoke: (functionId: string, event: unknown) => Promise<unknown>;
  readonly functionIdOf: (arnOrName: string) => string;
  readonly log: (line: string) => void;
  /** Replaces every Retry interval, so local runs do not wait minutes between attempts. */
  readonly retryIntervalMs?: number;
  /** Where executions are kept across restarts; without it they live in memory and end with the service. */
  readonly journalFile?: string;
}

type Handlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type Json = Parameters<Handlers[string]>[0];
type State = StateMachineDefinition['States'][string];
type TaskState = Extract<State, { Type: 'Task' }>;

interface Prepared {
  readonly stateMachine: LocalStateMachine;
  readonly definition: StateMachineDefinition;
  readonly machine: StateMachine;
  readonly tasks: ReadonlyMap<string, TaskState>;
  readonly retrying: readonly string[];
}

interface Execution extends SavedExecution {
  abort?: () => void;
}

interface Ending {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

interface Waiter {
  readonly executionArn: string;
  readonly resolve: (output: Json) => void;
  readonly reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

const LAMBDA_ARN = /^arn:aws:lambda:[^:]*:[^:]*:function:/;
/** What this service issues: base64url of 48 random bytes. Anything else cannot be one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{64}$/;
/** Node fires longer timers at once, so the library would time such a task out immediately. */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** An API error, sent as awsJson1_0 does; the SDK names its exception after the part after `#`. */
class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** An error ASL can neither Retry nor Catch: the library reads these flags, as on its States.Runtime. */
function runtimeError(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'States.Runtime',
    isRetryable: false,
    isCatchable: false,
  });
}

/** An error a task ends with (SendTaskFailure's), matched by Retry and Catch on its name. */
function taskFailure(error: string, cause: string): Error {
  return Object.assign(new Error(cause), { name: error });
}

/**
 * The local stand-in for Step Functions: the SFN JSON protocol for the calls handlers make, and
 * executions of the template's state machines run by aws-local-stepfunctions, with Lambda tasks
 * invoked locally and the `.waitForTaskToken` callback pattern (which the library lacks) emulated.
 * With a journal, executions outlive a restart as they outlive anything in AWS: a running one resumes
 * at the top-level state it was in, and a task waiting for its token keeps the token and its deadline.
 */
export class LocalStepFunctions {
  private readonly machines: Map<string, Prepared>;
  private readonly journal: ExecutionJournal | undefined;
  private readonly executions = new Map<string, Execution>();
  private readonly waiting = new Map<string, Waiter>();
  /** Tokens whose task ended (answered, timed out, or its execution ended): a late answer is TaskTimedOut. */
  private readonly closed = new Set<string>();
  /** What `$$.Task.Token` resolves to (the library's context object is static); each task swaps in its own. */
  private readonly placeholder = `local-task-token-${randomUUID()}`;
  private server: Server | undefined;
  /** Set when the service stops with a journal: its running executions stay RUNNING there. */
  private paused = false;

  constructor(private readonly o: LocalStepFunctionsOptions) {
    this.machines = new Map(o.stateMachines.map((sm) => [sm.arn, prepare(sm)]));
    this.journal = o.journalFile === undefined ? undefined : new ExecutionJournal(o.journalFile);
    for (const saved of this.journal?.load() ?? []) {
      this.executions.set(saved.executionArn, saved);
      if (saved.status !== 'RUNNING' && saved.task) this.closed.add(saved.task.token);
    }
  }

  /** Serves the API, then resumes the executions the journal holds as running. */
  async listen(port: number, host = '127.0.0.1'): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.o.log(`local Step Functions: ${error.message}`);
        if (!res.headersSent) send(res, 500, { __type: 'InternalFailure', message: error.message });
      });
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    for (const execution of this.executions.values())
      if (execution.status === 'RUNNING') this.resume(execution);
  }

  /** Without a journal, running executions end ABORTED; with one, they pause and resume on the next start. */
  async close(): Promise<void> {
    this.paused = this.journal !== undefined;
    for (const execution of this.executions.values()) {
      if (execution.status !== 'RUNNING') continue;
      this.end(execution, { status: 'ABORTED', cause: 'The local Step Functions service stopped' });
      execution.abort?.();
    }
    // Paused executions' tokens stay valid in the journal; only their timers go.
    for (const token of [...this.waiting.keys()]) this.closeToken(token);
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
    this.journal?.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : '';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        throw new SfnError('SerializationException', 'The request body is not JSON');
      }
      send(res, 200, this.call(operation, body));
    } catch (error) {
      if (!(error instanceof SfnError)) throw error;
      send(res, 400, { __type: `com.amazonaws.swf.service.v2.model#${error.type}`, message: error.message });
    }
  }

  private call(operation: string, body: Record<string, unknown>): object {
    switch (operation) {
      case 'StartExecution':
        return this.startExecution(body);
      case 'DescribeExecution':
        return describeOutput(this.execution(body.executionArn));
      case 'StopExecution':
        return this.stopExecution(body);
      case 'ListExecutions':
        return this.listExecutions(body);
      case 'SendTaskSuccess':
        return this.sendTaskSuccess(body);
      case 'SendTaskFailure': {
        const answer = { error: optionalString(body.error) ?? '', cause: optionalString(body.cause) ?? '' };
        this.answer(body.taskToken as string, this.waiter(body.taskToken), answer);
        this.closeToken(body.taskToken as string, taskFailure(answer.error, answer.cause));
        return {};
      }
      case 'SendTaskHeartbeat':
        this.waiter(body.taskToken);
        return {};
      default:
        throw new SfnError('UnknownOperationException', `Operation '${operation}' is not supported locally`);
    }
  }

  private startExecution(body: Record<string, unknown>): object {
    const prepared = this.machines.get(arn(body.stateMachineArn, 'stateMachine'));
    if (!prepared)
      throw new SfnError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${body.stateMachineArn}'`,
      );
    const { stateMachine } = prepared;
    const name = optionalString(body.name) ?? randomUUID();
    if (name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name))
      throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const input = optionalString(body.input) ?? '{}';
    let parsedInput: Json;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
    }
    const executionArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    // AWS answers a repeated start with the original response while that execution runs with the same input.
    if (existing?.status === 'RUNNING' && existing.input === input)
      return { executionArn, startDate: existing.startDate / 1000 };
    if (existing) throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);

    const execution: Execution = {
      executionArn,
      stateMachineArn: stateMachine.arn,
      name,
      input,
      startDate: Date.now(),
      status: 'RUNNING',
    };
    this.executions.set(executionArn, execution);
    this.save();
    this.run(execution, prepared.machine, prepared.tasks, prepared, parsedInput);
    return { executionArn, startDate: execution.startDate / 1000 };
  }

  /**
   * Runs a journaled execution on from the state it was in. The library starts a run at StartAt, so
   * the run starts at that state, with what was left of the execution's timeout; a task that waited
   * for its token waits for the same token until the same deadline, and one whose deadline passed
   * while the service was down times out at once, into the state machine's own timeout path. (The
   * resumed run's $$.Execution.Input and StartTime are those of the resume: the library sets them.)
   */
  private resume(execution: Execution): void {
    const prepared = this.machines.get(execution.stateMachineArn);
    // An execution stopped before it entered its first state starts there.
    const at = execution.at ?? {
      state: prepared?.definition.StartAt ?? '',
      input: JSON.parse(execution.input),
      enteredAt: execution.startDate,
    };
    const state = prepared?.definition.States[at.state];
    if (!prepared || !state) {
      this.end(execution, {
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `The state machine, or its state ${at.state}, is no longer in the template`,
      });
      return;
    }
    const definition = { ...prepared.definition, StartAt: at.state };
    if (definition.TimeoutSeconds !== undefined) {
      const leftMs = definition.TimeoutSeconds * 1000 - (Date.now() - execution.startDate);
      if (leftMs <= 0) {
        this.end(execution, { status: 'TIMED_OUT', error: 'States.Timeout' });
        return;
      }
      definition.TimeoutSeconds = leftMs / 1000;
    }
    // A token issued before the state was last entered belongs to an earlier visit.
    const task =
      execution.task?.state === at.state && execution.task.issuedAt >= at.enteredAt
        ? execution.task
        : undefined;
    const tasks = new Map(prepared.tasks);
    if (task && state.Type === 'Task') {
      // The library times a task out by its TimeoutSeconds: here, what is left until the deadline.
      const waiting: TaskState = { ...state, TimeoutSeconds: Math.max(task.deadline - Date.now(), 1) / 1000 };
      definition.States = { ...definition.States, [at.state]: waiting };
      tasks.set(at.state, waiting);
    }
    this.o.log(
      `state machine ${prepared.stateMachine.name}, execution ${execution.name}: resumed at ${at.state}`,
    );
    // Fractional timeouts are not valid ASL; the definition was validated when the service started.
    const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
    this.run(execution, machine, tasks, prepared, at.input as Json, task);
  }

  /** Runs an execution on the library; `resumed` is the waiting task the first task state takes up again. */
  private run(
    execution: Execution,
    machine: StateMachine,
    tasks: ReadonlyMap<string, TaskState>,
    { stateMachine, definition, retrying }: Prepared,
    input: Json,
    resumed?: SavedTask,
  ): void {
    let pending = resumed;
    const retryMs = this.o.retryIntervalMs;
    const run = machine.run(input, {
      overrides: {
        taskResourceLocalHandlers: Object.fromEntries(
          [...tasks].map(([stateName, state]) => [
            stateName,
            (taskInput: Json) => {
              const saved = pending?.state === stateName ? pending : undefined;
              pending = undefined;
              return this.runTask(execution, stateName, state, taskInput, saved);
            },
          ]),
        ),
        ...(retryMs === undefined
          ? {}
          : { retryIntervalOverrides: Object.fromEntries(retrying.map((n) => [n, retryMs])) }),
      },
      // The library adds Execution.Input and StartTime itself.
      context: {
        Execution: { Id: execution.executionArn, Name: execution.name },
        StateMachine: { Id: stateMachine.arn, Name: stateMachine.name },
        Task: { Token: this.placeholder },
      },
    });
    execution.abort = run.abort;
    if (this.journal) void this.follow(execution, run.eventLogs, definition.States);
    run.result.then(
      (output) => this.end(execution, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (error: Error) => this.end(execution, endingOf(error)),
    );
  }

  /** Journals the top-level state the execution enters, with its input: where it resumes after a restart. */
  private async follow(
    execution: Execution,
    events: ReturnType<StateMachine['run']>['eventLogs'],
    topLevel: StateMachineDefinition['States'],
  ): Promise<void> {
    for await (const event of events) {
      // Map iterations carry an index; a Parallel branch's states are not top-level names.
      if (event.type !== 'StateEntered' || event.index !== undefined || !(event.state.name in topLevel))
        continue;
      execution.at = { state: event.state.name, input: event.state.input, enteredAt: event.timestamp };
      this.save();
    }
  }

  private save(): void {
    this.journal?.save(this.executions.values());
  }

  private stopExecution(body: Record<string, unknown>): object {
    const execution = this.execution(body.executionArn);
    if (execution.status === 'RUNNING') {
      this.end(execution, {
        status: 'ABORTED',
        ...(typeof body.error === 'string' ? { error: body.error } : {}),
        ...(typeof body.cause === 'string' ? { cause: body.cause } : {}),
      });
      execution.abort?.();
    }
    return { stopDate: (execution.stopDate ?? Date.now()) / 1000 };
  }

  private listExecutions(body: Record<string, unknown>): object {
    const stateMachineArn = arn(body.stateMachineArn, 'stateMachine');
    if (!this.machines.has(stateMachineArn))
      throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    const executions = [...this.executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn)
      .filter((e) => body.statusFilter === undefined || e.status === body.statusFilter)
      .reverse() // newest first, as AWS lists them
      .map(({ executionArn, name, status, startDate, stopDate }) => ({
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate: startDate / 1000,
        ...(stopDate === undefined ? {} : { stopDate: stopDate / 1000 }),
      }));
    return { executions };
  }

  private sendTaskSuccess(body: Record<string, unknown>): object {
    const waiter = this.waiter(body.taskToken);
    let output: Json;
    try {
      output = JSON.parse(String(body.output));
    } catch {
      throw new SfnError('InvalidOutput', 'Invalid Output: not JSON');
    }
    this.answer(body.taskToken as string, waiter, { output });
    this.closeToken(body.taskToken as string);
    waiter.resolve(output);
    return {};
  }

  /** Journals a task's answer before it is acknowledged, so a restart right after it does not lose it. */
  private answer(token: string, waiter: Waiter, answer: TaskAnswer): void {
    const task = this.executions.get(waiter.executionArn)?.task;
    if (task?.token !== token) return;
    task.answer = answer;
    this.save();
  }

  private execution(executionArn: unknown): Execution {
    const found = this.executions.get(arn(executionArn, 'execution'));
    if (!found) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return found;
  }

  private waiter(token: unknown): Waiter {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token))
      throw new SfnError('InvalidToken', 'Invalid Token');
    const waiter = this.waiting.get(token);
    if (waiter) return waiter;
    if (this.closed.has(token))
      throw new SfnError('TaskTimedOut', 'Task Timed Out: the task has already ended');
    throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  /** Runs one Task state for the library (its input is after InputPath and Parameters). */
  private async runTask(
    execution: Execution,
    stateName: string,
    state: TaskState,
    input: Json,
    saved: SavedTask | undefined,
  ): Promise<Json> {
    // After an abort the library still retries a failed state once more; it must not invoke anything.
    if (execution.status !== 'RUNNING' || this.paused) throw runtimeError('The execution has ended');
    const { Resource } = state;
    if (LAMBDA_ARN.test(Resource)) return this.invokeFunction(Resource, input);
    if (Resource === 'arn:aws:states:::lambda:invoke') {
      const { FunctionName, Payload } = input as { FunctionName?: unknown; Payload?: unknown };
      return {
        ExecutedVersion: '$LATEST',
        Payload: await this.invokeFunction(FunctionName, Payload),
        StatusCode: 200,
      };
    }
    if (Resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken')
      return this.waitForTaskToken(execution, stateName, state, input, saved);
    throw runtimeError(`Resource ${Resource} is not supported locally`);
  }

  /** A function error becomes the task error AWS reports: named after the Lambda error type, so Retry and Catch match it. */
  private async invokeFunction(functionName: unknown, payload: unknown): Promise<Json> {
    try {
      return (await this.o.invoke(this.o.functionIdOf(String(functionName)), payload ?? {})) as Json;
    } catch (error) {
      const e = error as Error & { errorType?: unknown };
      const errorType = typeof e.errorType === 'string' ? e.errorType : e.name;
      // LambdaError prefixes "<function>: <type>: " for the logs; the Cause carries the handler's message.
      const prefix = `${errorType}: `;
      const at = e.message.indexOf(prefix);
      const errorMessage = at >= 0 ? e.message.slice(at + prefix.length) : e.message;
      throw Object.assign(new Error(JSON.stringify({ errorType, errorMessage, trace: [] })), {
        name: errorType,
      });
    }
  }

  /** Issues a token (or takes up a journaled one), hands it to the function, and waits for its answer. */
  private async waitForTaskToken(
    execution: Execution,
    stateName: string,
    state: TaskState,
    input: Json,
    saved: SavedTask | undefined,
  ): Promise<Json> {
    if (saved?.answer) {
      if ('output' in saved.answer) return saved.answer.output as Json;
      throw taskFailure(saved.answer.error, saved.answer.cause);
    }
    const issuedAt = Date.now();
    const task: SavedTask = {
      state: stateName,
      token: saved?.token ?? randomBytes(48).toString('base64url'),
      issuedAt,
      deadline: saved?.deadline ?? issuedAt + timeoutSeconds(state, input) * 1000,
      invoked: saved?.invoked ?? false,
    };
    const { token } = task;
    execution.task = task;
    this.save();
    const { FunctionName, Payload } = JSON.parse(
      JSON.stringify(input).replaceAll(this.placeholder, token),
    ) as {
      FunctionName?: unknown;
      Payload?: unknown;
    };
    const callback = new Promise<Json>((resolve, reject) => {
      const waiter: Waiter = { executionArn: execution.executionArn, resolve, reject };
      // The library races this task against the state's timeout, then forgets it. The same timer
      // closes the token, so a late answer gets TaskTimedOut. It only closes: a rejection from here
      // would reach the race before the library's own States.Timeout does.
      waiter.timer = setTimeout(() => this.closeToken(token), Math.max(0, task.deadline - Date.now()));
      this.waiting.set(token, waiter);
    });
    try {
      // The callback may come before the function returns (the function itself may answer).
      const invoked = task.invoked
        ? Promise.resolve()
        : this.invokeFunction(FunctionName, Payload).then(() => {
            task.invoked = true;
            this.save();
          });
      return await Promise.race([callback, invoked.then(() => callback)]);
    } finally {
      this.closeToken(token);
    }
  }

  private closeToken(token: string, reason?: Error): void {
    const waiter = this.waiting.get(token);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.waiting.delete(token);
    this.closed.add(token);
    if (reason) waiter.reject(reason);
  }

  private end(execution: Execution, ending: Ending): void {
    if (execution.status !== 'RUNNING' || this.paused) return;
    Object.assign(execution, ending, { stopDate: Date.now() });
    this.save();
    // Settle what still waits, so the library's task timers are cleared and nothing outlives the execution.
    for (const [token, waiter] of this.waiting) {
      if (waiter.executionArn === execution.executionArn)
        this.closeToken(token, runtimeError('The execution has ended'));
    }
    const why = [ending.error, ending.cause].filter((part) => part !== undefined).join(': ');
    const machine = execution.stateMachineArn.split(':').at(-1);
    this.o.log(`state machine ${machine}, execution ${execution.name}: ${ending.status} ${why}`.trim());
  }
}

/** Checks the definition once, and finds what each run needs: the Task states to override and the states that retry. */
function prepare(stateMachine: LocalStateMachine): Prepared {
  const definition = structuredClone(stateMachine.definition);
  const tasks = new Map<string, TaskState>();
  const retrying: string[] = [];
  for (const [name, state] of statesOf(definition)) {
    if ('Retry' in state && state.Retry) retrying.push(name);
    if (state.Type !== 'Task') continue;
    // Overrides are keyed by state name; a Task the map misses would go to the real Lambda.
    if (tasks.has(name))
      throw new Error(`State machine ${stateMachine.name}: two Task states are named ${name}`);
    if (state.TimeoutSecondsPath && !/^\$(\.[\w-]+)*$/.test(state.TimeoutSecondsPath))
      throw new Error(
        `State machine ${stateMachine.name}: TimeoutSecondsPath ${state.TimeoutSecondsPath} is not supported locally`,
      );
    // AWS gives a Task without a timeout the execution's; the library would give it 60 s.
    if (!state.TimeoutSecondsPath)
      state.TimeoutSeconds = Math.min(state.TimeoutSeconds ?? MAX_TIMER_SECONDS, MAX_TIMER_SECONDS);
    tasks.set(name, state);
  }
  if (definition.TimeoutSeconds !== undefined)
    definition.TimeoutSeconds = Math.min(definition.TimeoutSeconds, MAX_TIMER_SECONDS);
  return { stateMachine, definition, machine: new StateMachine(definition), tasks, retrying };
}

/** Every state, including those in Parallel branches and Map iterators (the library runs those with the same overrides). */
function* statesOf(definition: Pick<StateMachineDefinition, 'States'>): Generator<[string, State]> {
  for (const [name, state] of Object.entries(definition.States)) {
    yield [name, state];
    if (state.Type === 'Parallel') for (const branch of state.Branches) yield* statesOf(branch);
    if (state.Type === 'Map') {
      const iterator = state.ItemProcessor ?? state.Iterator;
      if (iterator) yield* statesOf(iterator);
    }
  }
}

/**
 * The timeout the library applies to a Task. prepare() gave every Task without a TimeoutSecondsPath a
 * TimeoutSeconds; the library reads the path from the input after Parameters, which is what we get.
 */
function timeoutSeconds(state: TaskState, input: Json): number {
  if (state.TimeoutSeconds) return state.TimeoutSeconds;
  const value = (state.TimeoutSecondsPath ?? '$')
    .split('.')
    .slice(1)
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | null | undefined)?.[key], input);
  return Math.min(Number(value), MAX_TIMER_SECONDS);
}

function endingOf(error: Error): Ending {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout' };
  const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
  return { status: 'FAILED', error: cause.name, cause: cause.message };
}

function describeOutput(e: Execution): object {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: e.startDate / 1000,
    input: e.input,
    ...(e.stopDate === undefined ? {} : { stopDate: e.stopDate / 1000 }),
    ...(e.output === undefined ? {} : { output: e.output }),
    ...(e.error === undefined ? {} : { error: e.error }),
    ...(e.cause === undefined ? {} : { cause: e.cause }),
  };
}

/** A well-formed Step Functions ARN of the given kind; the lookup then tells whether it exists. */
function arn(value: unknown, kind: 'stateMachine' | 'execution'): string {
  if (typeof value !== 'string' || !value.startsWith(`arn:aws:states:`) || value.split(':')[5] !== kind)
    throw new SfnError('InvalidArn', `Invalid Arn: '${value}'`);
  return value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}
