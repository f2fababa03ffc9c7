// Shared test helpers for @csp/channel (also re-exported by the sync and patterns tests):
// observing promises without awaiting them, letting the event loop turn, counting armed timers,
// and running fixture programs in a child process.
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

/**
 * Lets every promise that can settle now settle: runs the pending microtasks and two macrotask
 * turns, which also covers completions the event-loop budget moved to the next turn.
 */
export async function flush(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Whether `promise` is still pending once everything that can settle now has settled. */
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const tracked = track(promise);
  await flush();
  return tracked.outcome.state === 'pending';
}

/** The number of armed `setTimeout`s in this process. */
export function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
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

/** What a fixture program did. */
export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from spawn to exit, in milliseconds. */
  readonly elapsedMs: number;
}

/** The path of `test/fixtures/<name>`. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** Options of {@link runFixture}. */
export interface FixtureOptions {
  /** Extra flags for `node`, e.g. `--expose-gc`. */
  readonly nodeArgs?: readonly string[];
  /** Kill the child after this many milliseconds (default 15 s), so a hang fails one test. */
  readonly killAfterMs?: number;
}

/**
 * Runs `test/fixtures/<name>` in a fresh Node process on the package sources (the `@csp/source`
 * condition, TypeScript through tsx) and resolves once it exits on its own.
 */
export function runFixture(name: string, args: readonly string[] = [], options: FixtureOptions = {}): Promise<ChildResult> {
  return runProgram(fixturePath(name), args, options);
}

/**
 * Runs the TypeScript program at `path` in a fresh Node process on the package sources (the
 * `@csp/source` condition, TypeScript through tsx) and resolves once it exits on its own.
 */
export function runProgram(path: string, args: readonly string[] = [], options: FixtureOptions = {}): Promise<ChildResult> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--conditions=@csp/source', '--import=tsx/esm', path, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 15_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - started });
    });
  });
}

/**
 * Runs `transfer` while a `setTimeout(0)` keeps rescheduling itself, and returns how many times
 * that timer fired meanwhile.
 */
export async function timerTicksDuring(transfer: () => Promise<void>): Promise<number> {
  let ticks = 0;
  let running = true;
  const tick = (): void => {
    ticks++;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  await transfer();
  running = false;
  return ticks;
}
