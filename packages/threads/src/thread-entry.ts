/**
 * What runs inside every thread of a {@link ThreadPool}: it takes jobs from its {@link JobInbox}
 * in the order they were posted, imports each function's module once, calls the function with
 * the arguments (shared channels opened again) and publishes the result in the job's slot,
 * ringing the pool's doorbell if the main thread sleeps. Synchronous jobs run one at a time;
 * while an asynchronous one waits, the thread takes its next job (when the pool gives it more
 * than one: `jobsPerThread`).
 *
 * Between jobs the thread spins on its inbox for a short while (the next job usually comes within
 * microseconds when jobs stream), then sleeps, with `Atomics.waitAsync` whenever anything of its
 * own is pending, so its event loop keeps running: what a job left behind (a goroutine, a timer, a
 * parked channel operation) goes on as Go's goroutines do. A thread that serves jobs back to back
 * lets its event loop turn every millisecond. Arguments and results that the slot cannot carry
 * come by message, tagged with the job's sequence number.
 *
 * @module
 */
import { isThenable, parkedOperations } from '@csp/channel/internal';
import { ring } from './job-doorbell.js';
import { JobInbox, type InboxMemory } from './job-inbox.js';
import type { TakenJob } from './job-slot.js';
import { guardCriticalSections } from './shared-lock.js';
import { joinRegistry } from './thread-registry.js';
import { blockingWait, isSleepProbe, joinSleepBoard, type SleepProbe, type SleepReply } from './thread-sleep-board.js';
import { inbound, outbound } from './transfer.js';
import { holdsKeepAlive, waitAsync } from './wait-word.js';

/** What the pool tells a thread at its start (Node: `workerData`; browsers: the first message). */
export interface ThreadSetup {
  readonly critical: SharedArrayBuffer;
  readonly registry: SharedArrayBuffer;
  readonly thread: number;
  readonly inbox: InboxMemory;
  readonly doorbell: SharedArrayBuffer;
  /**
   * While the main thread's deadlock report is on: the wake-up counter and this thread's board
   * (see `thread-sleep-board.ts`); this thread then records its parked operations too.
   */
  readonly wakeups?: SharedArrayBuffer | undefined;
  readonly board?: SharedArrayBuffer | undefined;
}

/** A message from the pool: the arguments of job `seq`, which did not fit its slot. */
export type ArgsMessage = [seq: number, args: readonly unknown[]];
/** A message to the pool: the outcome of job `seq`, when the slot cannot carry it (errors, channels, large values). */
export type ResultMessage = [seq: number, ok: boolean, value: unknown];

type Post = (message: ResultMessage | SleepReply) => void;
type Fn = (...args: unknown[]) => unknown;

/**
 * Milliseconds the thread spins for its next job before it sleeps: the most, and the least. A
 * spin that caught a job doubles the next one (the pool's next job usually follows within
 * microseconds, or within a wake-up of the main thread); one that did not halves it. So the
 * spin grows while most spins pay, and shrinks to almost nothing on a loaded machine (where the
 * main thread is often off its core) or between sparse jobs.
 */
const MAX_SPIN_MS = 0.1;
const MIN_SPIN_MS = 0.005;
let spinMs = MAX_SPIN_MS;
/** Milliseconds of serving jobs back to back before the event loop gets a turn. */
const TURN_MS = 1;

const nextTurn: (then: () => void) => void =
  typeof setImmediate === 'function' ? (then) => void setImmediate(then) : (then) => void setTimeout(then, 0);

/** Node's `process.getActiveResourcesInfo`: where it exists, an idle thread may block. */
const nodeProcess = (globalThis as { process?: { getActiveResourcesInfo?: () => string[] } }).process;
const activeResources =
  typeof nodeProcess?.getActiveResourcesInfo === 'function' ? nodeProcess.getActiveResourcesInfo.bind(nodeProcess) : undefined;

let inbox: JobInbox;
let doorbell: Int32Array;
let post: Post;
/** The functions by number, once loaded. */
const functions: (Fn | undefined)[] = [];
const loading = new Map<number, Promise<Fn>>();
/** Arguments that came by message before their job was taken. */
const arrived = new Map<number, readonly unknown[]>();
/** Jobs waiting for their arguments' message, by sequence number. */
const awaitingArgs = new Map<number, TakenJob>();
/** Jobs taken and not finished that wait for something (their function's module, their arguments, their promise). */
let pending = 0;
/** Whether the thread sleeps with `Atomics.waitAsync`, which a finishing job ends (see {@link finished}). */
let asleepAsync = false;

/**
 * Serves jobs until none comes within the spin, then sleeps. Exactly one of this loop, its next
 * turn or its sleep is under way at any time; jobs that run asynchronously go on beside it.
 */
function serve(): void {
  const start = performance.now();
  for (;;) {
    if (!inbox.spinForJob(spinMs)) {
      spinMs = Math.max(MIN_SPIN_MS, spinMs / 2);
      return sleep();
    }
    spinMs = Math.min(MAX_SPIN_MS, spinMs * 2);
    if (performance.now() - start > TURN_MS) return nextTurn(serve);
    const job = inbox.take();
    if (job === null) continue;
    if (arrived.size > 0) dropStale();
    run(job);
  }
}

/**
 * Forgets arguments that came for jobs the pool took back before this thread took them: those
 * of a job no slot holds, older than one a slot holds. (The pool sends a job's arguments before
 * it publishes the job, so arguments may come before their job; but no newer job is posted
 * before that one.)
 */
function dropStale(): void {
  const { seqs, newest } = inbox.held();
  for (const seq of arrived.keys()) if (seq < newest && !seqs.has(seq)) arrived.delete(seq);
}

function sleep(): void {
  // Pending microtasks (what the last job left) run before the thread may block.
  if (activeResources !== undefined && pending === 0) return nextTurn(sleepBlocking);
  sleepAsync();
}

/**
 * Sleeps with `Atomics.wait` (the fastest wake-up) when the thread has nothing of its own pending
 * (no job waits for anything, and its only active resource is the port to the pool); else with
 * `Atomics.waitAsync`.
 */
function sleepBlocking(): void {
  const resources = activeResources!();
  if (pending > 0 || resources.length !== 1 || resources[0] !== 'MessagePort') return sleepAsync();
  const posts = inbox.sleeping();
  if (posts === undefined) return serve();
  blockingWait(inbox.bell, JobInbox.SLEEP_WORD, posts);
  wake();
}

function sleepAsync(): void {
  const posts = inbox.sleeping();
  if (posts === undefined) return serve();
  const woken = waitAsync(inbox.bell, JobInbox.SLEEP_WORD, posts);
  if (woken === undefined) {
    inbox.awake();
    return serve();
  }
  asleepAsync = true;
  void woken.then(wake);
}

function wake(): void {
  asleepAsync = false;
  inbox.awake();
  serve();
}

/** A job that waited for something is over: the thread looks for its next job now, if it slept. */
function finished(): void {
  pending--;
  // Notifying its own wait ends it: the thread serves again (a pool holding one job per thread
  // posts the next one only now).
  if (asleepAsync) Atomics.notify(inbox.bell, JobInbox.SLEEP_WORD);
}

/** Runs a taken job, or starts it when it has to wait for its function or its arguments. */
function run(job: TakenJob): void {
  const fn = functions[job.fn];
  if (fn !== undefined) return runWithArgs(job, fn);
  pending++;
  void load(job).then(
    (loaded) => {
      finished();
      runWithArgs(job, loaded);
    },
    (error: unknown) => {
      finished();
      if (job.slot.start(job.seq)) fail(job.seq, error);
    },
  );
}

function load(job: TakenJob): Promise<Fn> {
  let loaded = loading.get(job.fn);
  if (loaded === undefined) {
    const { url, name } = job;
    if (url === undefined || name === undefined) return Promise.reject(new Error(`thread: function ${job.fn} is unknown here`));
    loaded = (import(url) as Promise<Record<string, unknown>>).then((module) => {
      const fn = module[name];
      if (typeof fn !== 'function') throw new TypeError(`goThread: ${url} has no exported function '${name}' (got ${typeof fn})`);
      return (functions[job.fn] = fn as Fn);
    });
    loading.set(job.fn, loaded);
    // A failed import is retried by the next job that needs it.
    loaded.catch(() => loading.delete(job.fn));
  }
  return loaded;
}

/** Runs `fn` once the job's arguments are here. */
function runWithArgs(job: TakenJob, fn: Fn): void {
  let args: readonly unknown[] | undefined = job.args;
  if (args === undefined) {
    args = arrived.get(job.seq);
    if (args === undefined) {
      pending++;
      awaitingArgs.set(job.seq, job);
      return;
    }
    arrived.delete(job.seq);
  }
  // Taken back by the pool while it waited (given up, or its thread is being stopped).
  if (!job.slot.start(job.seq)) return;
  let value: unknown;
  try {
    value = fn(...(inbound(args) as unknown[]));
  } catch (error) {
    return fail(job.seq, error);
  }
  if (!isThenable(value)) return succeed(job, value);
  pending++;
  value.then(
    (result) => {
      succeed(job, result);
      finished();
    },
    (error: unknown) => {
      fail(job.seq, error);
      finished();
    },
  );
}

function succeed(job: TakenJob, value: unknown): void {
  let result: unknown;
  try {
    result = outbound(value, 'the result of a thread');
  } catch (error) {
    return fail(job.seq, error);
  }
  if (result === value && job.slot.complete(value)) return ring(doorbell);
  try {
    post([job.seq, true, result]);
  } catch (error) {
    fail(job.seq, error);
  }
}

function fail(seq: number, error: unknown): void {
  try {
    post([seq, false, error]);
  } catch {
    post([seq, false, new Error(String(error))]);
  }
}

function received(message: ArgsMessage | ThreadSetup | SleepProbe): void {
  if (!Array.isArray(message)) return isSleepProbe(message) ? answer(message) : begin(message);
  const [seq, args] = message;
  const job = awaitingArgs.get(seq);
  if (job === undefined) {
    arrived.set(seq, args);
    return;
  }
  awaitingArgs.delete(seq);
  arrived.set(seq, args);
  finished();
  runWithArgs(job, functions[job.fn]!);
}

/**
 * Answers the deadlock detector, from the event loop (so no code of this thread is running): the
 * thread is asleep when nothing of its own can run again, i.e. its only active resources are
 * its port to the pool and the timer that keeps it alive for its pending shared waits; any other
 * timer, socket, port or pending request means that it may yet wake something.
 */
function answer(probe: SleepProbe): void {
  const resources = activeResources?.();
  let asleep = resources !== undefined;
  let ports = 0;
  let timers = 0;
  for (const resource of resources ?? []) {
    if (resource === 'MessagePort') ports++;
    else if (resource === 'Timeout') timers++;
    else asleep = false;
  }
  asleep &&= ports <= 1 && timers <= (holdsKeepAlive() ? 1 : 0);
  post({ cspSleepReply: probe.cspSleepProbe, asleep, operations: asleep ? parkedOperations.list() : [] });
}

function begin(setup: ThreadSetup): void {
  guardCriticalSections(new Int32Array(setup.critical));
  joinRegistry(setup.registry, setup.thread);
  if (setup.wakeups !== undefined && setup.board !== undefined) joinSleepBoard(setup.wakeups, setup.board);
  inbox = new JobInbox(setup.inbox);
  doorbell = new Int32Array(setup.doorbell);
  serve();
}

const nodeThreads = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:worker_threads',
) as typeof import('node:worker_threads') | undefined;

if (nodeThreads?.parentPort) {
  const port = nodeThreads.parentPort;
  post = (message) => port.postMessage(message);
  port.on('message', received);
  begin(nodeThreads.workerData as ThreadSetup);
} else {
  const scope = globalThis as unknown as { postMessage: Post; onmessage: ((event: MessageEvent) => void) | null };
  post = (message) => scope.postMessage(message);
  scope.onmessage = (event) => received(event.data as ArgsMessage | ThreadSetup | SleepProbe);
}
