import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** How a task token was answered: SendTaskSuccess's output, or SendTaskFailure's error and cause. */
export type TaskAnswer = { readonly output: unknown } | { readonly error: string; readonly cause: string };

/** A `.waitForTaskToken` task: its token, its deadline (epoch ms), and what became of it. */
export interface SavedTask {
  readonly state: string;
  readonly token: string;
  /** When the token was issued, or taken up again after a restart: after the state was last entered. */
  readonly issuedAt: number;
  readonly deadline: number;
  /** The function that hands the token on has returned: a resumed task does not invoke it again. */
  invoked: boolean;
  answer?: TaskAnswer;
}

/** A Step Functions execution as the local service keeps it across restarts. */
export interface SavedExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: number;
  status: ExecutionStatus;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** The top-level state a running execution entered last, with that state's input: where it resumes. */
  at?: { readonly state: string; readonly input: unknown; readonly enteredAt: number };
  /** The task token the execution waits for, or waited for last. */
  task?: SavedTask;
}

/**
 * The local Step Functions' executions on disk, as AWS keeps them through anything: rewritten whole on
 * every change, through a rename, so a stop at any moment leaves the last complete state.
 */
export class ExecutionJournal {
  private closed = false;

  constructor(private readonly file: string) {}

  load(): SavedExecution[] {
    return existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : [];
  }

  /** Writes the executions (functions, such as a run's abort, are left out by JSON). Nothing once closed. */
  save(executions: Iterable<SavedExecution>): void {
    if (this.closed) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const next = `${this.file}.next`;
    writeFileSync(next, JSON.stringify([...executions]));
    renameSync(next, this.file);
  }

  /** Nothing is saved after this: what a stopping service does to its runs is not their state. */
  close(): void {
    this.closed = true;
  }
}
