/**
 * Starting a thread in this runtime: a `worker_threads` Worker in Node (and Bun, Deno's Node
 * compatibility), a module Web Worker elsewhere (browsers, Deno). Every thread runs
 * `thread-entry`. Threads share memory only through `SharedArrayBuffer`, so where there is none
 * (a browser page that is not `crossOriginIsolated`) starting one fails with a clear error.
 *
 * @module
 */
import { SharedMemoryUnavailableError } from './errors.js';
import type { InboxMemory } from './job-inbox.js';
import { quiesce } from './shared-lock.js';
import { deadlockReportOn, WatchedThread } from './thread-deadlock.js';
import type { ThreadSetup } from './thread-entry.js';
import { markDead, registerThread, registryBuffer } from './thread-registry.js';
import { isSleepReply, newBoard, wakeupsBuffer } from './thread-sleep-board.js';

/** One running thread, as the pool sees it. */
export interface Thread {
  /** Posts a message to the thread. @throws DataCloneError for a value that cannot be cloned. */
  post(message: unknown): void;
  /**
   * Stops the thread now, whatever it runs, but never inside a channel's critical section (it
   * waits for the thread to leave it: microseconds).
   */
  terminate(): void;
  /** Lets the process exit while this thread is idle (Node only; elsewhere does nothing). */
  unref(): void;
  /** Keeps the process alive while this thread works (Node only). */
  ref(): void;
}

/** What a thread reports. */
export interface ThreadEvents {
  message(data: unknown): void;
  /** The thread died: an uncaught error, `process.exit` in it, or termination. */
  exit(error: Error): void;
}

/** Options for starting threads. */
export interface ThreadOptions {
  /** Node: the thread's `execArgv` (default: the process's). */
  execArgv?: string[] | undefined;
  /** Node: the thread's heap limits, as in `new Worker(url, { resourceLimits })`. */
  resourceLimits?: import('node:worker_threads').ResourceLimits | undefined;
}

const fromSource = import.meta.url.endsWith('.ts');
const entryURL = new URL(fromSource ? './thread-entry.ts' : './thread-entry.js', import.meta.url).href;

type NodeWorkerThreads = typeof import('node:worker_threads');
const workerThreads = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:worker_threads',
) as NodeWorkerThreads | undefined;

/**
 * The bootstrap of a Node thread. Running from TypeScript sources (this repository's tests and
 * examples, under tsx), the thread registers tsx first, since module hooks are per thread.
 */
function nodeBootstrap(): string {
  const load = `import(${JSON.stringify(entryURL)})`;
  if (!fromSource) return load;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return ${load}; })`;
}

/** Whether threads that share memory can be started here; the reason when not. */
export function threadSupport(): string | undefined {
  if (typeof SharedArrayBuffer !== 'function') {
    return 'threads need SharedArrayBuffer: serve the page cross-origin isolated (Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), so that crossOriginIsolated is true';
  }
  if (workerThreads === undefined && typeof Worker !== 'function') return 'this runtime has no worker threads';
  return undefined;
}

/** The number of threads that run in parallel here: Go's `runtime.NumCPU()`, GOMAXPROCS's default. */
export function availableParallelism(): number {
  const os = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    'node:os',
  ) as typeof import('node:os') | undefined;
  if (os !== undefined) return os.availableParallelism();
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

/**
 * Starts a thread running `thread-entry`, serving jobs from `memory.inbox` and ringing
 * `memory.doorbell`. @throws SharedMemoryUnavailableError (see {@link threadSupport}).
 */
export function startThread(
  events: ThreadEvents,
  options: ThreadOptions,
  memory: { readonly inbox: InboxMemory; readonly doorbell: SharedArrayBuffer },
): Thread {
  const unsupported = threadSupport();
  if (unsupported !== undefined) throw new SharedMemoryUnavailableError(unsupported);
  const critical = new Int32Array(new SharedArrayBuffer(8));
  const thread = registerThread();
  const setup: ThreadSetup = { critical: critical.buffer as SharedArrayBuffer, registry: registryBuffer(), thread, ...memory };
  if (workerThreads !== undefined) {
    // The deadlock report covers the thread's parked operations too (see `thread-deadlock.ts`).
    const board = deadlockReportOn() ? newBoard() : undefined;
    const worker = new workerThreads.Worker(nodeBootstrap(), {
      eval: true,
      workerData: board === undefined ? setup : { ...setup, board, wakeups: wakeupsBuffer() },
      ...(options.execArgv === undefined ? {} : { execArgv: options.execArgv }),
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    const watch = board === undefined ? undefined : new WatchedThread(thread, board, worker);
    let exited = false;
    const exit = (error: Error): void => {
      if (exited) return;
      exited = true;
      markDead(thread);
      watch?.forget();
      events.exit(error);
    };
    worker.on(
      'message',
      watch === undefined
        ? (data) => events.message(data)
        : (data) => {
            if (isSleepReply(data)) return watch.answered(data);
            watch.delivered();
            events.message(data);
          },
    );
    worker.on('error', (error) => exit(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => exit(new Error(`the thread exited with code ${code}`)));
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => {
        quiesce(critical);
        // Dead from now on for every channel: no value is handed to its parked receives.
        markDead(thread);
        watch?.forget();
        void worker.terminate();
      },
      unref: watch === undefined ? () => worker.unref() : () => watch.unref(),
      ref: watch === undefined ? () => worker.ref() : () => watch.ref(),
    };
  }
  const worker = new Worker(entryURL, { type: 'module' });
  worker.postMessage(setup);
  worker.onmessage = (event) => events.message(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    events.exit(new Error(event.message));
  };
  return {
    post: (message) => worker.postMessage(message),
    terminate: () => {
      quiesce(critical);
      markDead(thread);
      worker.terminate();
    },
    unref: () => {},
    ref: () => {},
  };
}
