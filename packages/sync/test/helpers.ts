// Test helpers for @csp/sync: observing promises without awaiting them, letting the event loop
// turn, aborting, counting armed timers, and running fixture programs in a child process.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a tracked promise has done so far. */
export type Outcome<T> =
  | { readonly state: 'pending' }
  | { readonly state: 'resolved'; readonly value: T }
  | { readonly state: 'rejected'; readonly reason: unknown };

/** A promise whose outcome can be read synchronously once the event loop has turned. */
export interface Tracked<T> {
  readonly promise: Promise<T>;
  readonly outcome: Outcome<T>;
}

/** Starts observing `promise` (this also marks its rejection as handled). */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const tracked: { promise: Promise<T>; outcome: Outcome<T> } = { promise, outcome: { state: 'pending' } };
  promise.then(
    (value) => (tracked.outcome = { state: 'resolved', value }),
    (reason: unknown) => (tracked.outcome = { state: 'rejected', reason }),
  );
  return tracked;
}

/** The state of a tracked promise: 'pending', 'resolved' or 'rejected'. */
export function stateOf(tracked: Tracked<unknown>): Outcome<unknown>['state'] {
  return tracked.outcome.state;
}

/**
 * Lets every promise that can settle now settle: runs the pending microtasks and two macrotask
 * turns, which also covers completions the event-loop budget moved to the next turn.
 */
export async function flush(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits `ms` milliseconds with a plain `setTimeout`, independent of the code under test. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An `AbortSignal` that is already aborted with `reason`. */
export function abortedSignal(reason: unknown = new Error('aborted before the call')): AbortSignal {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
}

/** Runs `fn` and returns what it threw synchronously (fails the test when it throws nothing). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  expect.fail('expected a synchronous throw');
}

/** Awaits `promise` and returns its rejection reason (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail('expected a rejection');
}

/** The number of armed `setTimeout`s in this process. */
export function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

/** What a fixture program did. */
export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `test/fixtures/<name>` in a fresh Node process on the package sources and resolves once
 * it exits. A child still running after `killAfterMs` is killed, so a hang fails its test.
 */
export function runFixture(name: string, killAfterMs = 15_000): Promise<ChildResult> {
  const path = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const child = spawn(process.execPath, ['--conditions=@csp/source', '--import=tsx/esm', path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The size of a primitive's private wait queue `field`, to check that nothing is left behind. */
export function queued(primitive: object, field = 'waiters'): number {
  const queue = (primitive as Record<string, unknown>)[field] as { size: number } | undefined;
  if (queue === undefined) expect.fail(`no queue named ${field}`);
  return queue.size;
}

/**
 * Whether a loop of `step` calls lets a `setTimeout(0)` fire within `limit` iterations, i.e. the
 * loop does not starve the event loop.
 */
export async function letsTimersRun(step: () => Promise<void>, limit = 1_000_000): Promise<boolean> {
  let fired = false;
  setTimeout(() => (fired = true), 0);
  for (let i = 0; i < limit && !fired; i++) await step();
  return fired;
}
