/**
 * What the deadlock report needs to know about a pool's threads, in shared memory, kept only
 * while the report is on (`import '@csp/channel/deadlock'` in the main thread): nothing of it
 * exists otherwise, and every hook below is then one `null` check on a path that has just slept.
 *
 * - One process-wide **wake-up counter**, raised by any thread (the main one too) each time it
 *   wakes a sleeping waiter, and each time a wait that slept ends: an `Atomics.waitAsync` that
 *   resolved, an `Atomics.wait` that returned.
 *   The main thread's detector (`thread-deadlock.ts`) reads it before and after it looks at every
 *   thread: unchanged, no thread was woken meanwhile, so what it saw is one consistent picture.
 *   Only the slow path counts (after sleeping, which costs tens of µs); operations that complete
 *   without sleeping touch nothing.
 * - Per thread, a **board**: whether the thread is blocked in `Atomics.wait` (`recvSync`,
 *   `sendSync`, or waiting for its next job with nothing else to do), and, written just before it
 *   blocks, its parked operations (as JSON). A blocked thread cannot answer a message, so the
 *   detector reads this instead.
 *
 * A thread whose event loop runs answers the detector's {@link SleepProbe} itself (see
 * `thread-entry.ts`).
 *
 * @module
 */
import { parkedOperations, type ParkedOperation } from '@csp/channel/internal';

/** The board's words: `Blocked` (1 while in `Atomics.wait`), then the bytes of its operations. */
const Blocked = 0;
const Bytes = 1;
const TEXT_OFFSET = 8;
/** Room for a thread's parked operations; past it, the stacks are left out. */
const TEXT_BYTES = 8 * 1024;

/** The detector's question to a thread whose event loop runs: are you asleep? */
export interface SleepProbe {
  readonly cspSleepProbe: number;
}

/**
 * A thread's answer to {@link SleepProbe} `cspSleepReply`: asleep when nothing of its own can
 * run again (no timer, no I/O, no port but the pool's), with its parked operations.
 */
export interface SleepReply {
  readonly cspSleepReply: number;
  readonly asleep: boolean;
  readonly operations: readonly ParkedOperation[];
}

/** Whether a message to a thread is a {@link SleepProbe} (a job's message is an array). */
export function isSleepProbe(message: unknown): message is SleepProbe {
  return typeof (message as SleepProbe).cspSleepProbe === 'number';
}

/** Whether a message from a thread is a {@link SleepReply} (a job's result message is an array). */
export function isSleepReply(message: unknown): message is SleepReply {
  return !Array.isArray(message) && typeof (message as SleepReply).cspSleepReply === 'number';
}

/** The process-wide wake-up counter, once this thread counts (see the module's notes). */
let wakeups: Int32Array | null = null;
/** This thread's board, in a pool's thread while the report is on. */
let board: Int32Array | null = null;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// ── The main thread's side ──────────────────────────────────────────────────────────────────

/** The wake-up counter's memory, created (and counted from then on in this thread) at the first call. */
export function wakeupsBuffer(): SharedArrayBuffer {
  wakeups ??= new Int32Array(new SharedArrayBuffer(4));
  return wakeups.buffer as SharedArrayBuffer;
}

/** How many waits that slept have ended, in all threads, so far. */
export function wakeCount(): number {
  return wakeups === null ? 0 : Atomics.load(wakeups, 0);
}

/** A new thread's board. */
export function newBoard(): SharedArrayBuffer {
  return new SharedArrayBuffer(TEXT_OFFSET + TEXT_BYTES);
}

/**
 * The parked operations of the thread of `buffer` when it is blocked in `Atomics.wait`, else
 * `undefined`. Read while the thread may wake: a torn read (the counter tells) fails to parse
 * or is discarded by the caller.
 */
export function blockedOperations(buffer: SharedArrayBuffer): ParkedOperation[] | undefined {
  const words = new Int32Array(buffer, 0, 2);
  if (Atomics.load(words, Blocked) === 0) return undefined;
  const length = Math.min(Atomics.load(words, Bytes), TEXT_BYTES);
  // TextDecoder does not read shared memory: copy first.
  const text = decoder.decode(new Uint8Array(buffer, TEXT_OFFSET, length).slice());
  try {
    return JSON.parse(text) as ParkedOperation[];
  } catch {
    return undefined;
  }
}

// ── Every thread's side ─────────────────────────────────────────────────────────────────────

/** In a pool's thread, when the report is on: counts its wake-ups and keeps its board. */
export function joinSleepBoard(wakeupsMemory: SharedArrayBuffer, boardMemory: SharedArrayBuffer): void {
  wakeups = new Int32Array(wakeupsMemory);
  board = new Int32Array(boardMemory, 0, 2);
  parkedOperations.enable();
}

/** A wait that slept has ended (see the module's notes). */
export function countWake(): void {
  if (wakeups !== null) Atomics.add(wakeups, 0, 1);
}

/**
 * `Atomics.notify(words, index, count)`, counted as a wake-up at once when it woke a waiter
 * (while the report is on): a thread woken, but not yet run (on a loaded machine it may wait for
 * a core for a long time), is never taken for one still asleep.
 */
export function wakeWaiters(words: Int32Array, index: number, count = Infinity): number {
  const woken = Atomics.notify(words, index, count);
  if (woken > 0) countWake();
  return woken;
}

/** `promise` of an `Atomics.waitAsync`, counted as a wake-up when it resolves (while the report is on). */
export function countedWake<T>(promise: Promise<T>): Promise<unknown> {
  return wakeups === null ? promise : promise.then(countWake);
}

/**
 * `Atomics.wait(words, index, expected)`, with the thread marked blocked on its board (and its
 * parked operations written there) while it sleeps, and the wake-up counted.
 */
export function blockingWait(words: Int32Array, index: number, expected: number): void {
  if (board === null) {
    Atomics.wait(words, index, expected);
    return countWake();
  }
  publishOperations(board);
  Atomics.store(board, Blocked, 1);
  Atomics.wait(words, index, expected);
  Atomics.store(board, Blocked, 0);
  countWake();
}

/** Writes this thread's parked operations on its board (without stacks if they do not fit). */
function publishOperations(words: Int32Array): void {
  const operations = parkedOperations.list();
  let bytes = encoder.encode(JSON.stringify(operations));
  if (bytes.length > TEXT_BYTES) {
    bytes = encoder.encode(JSON.stringify(operations.map(({ reason, subject }) => ({ reason, subject, stack: '' }))));
  }
  if (bytes.length > TEXT_BYTES) bytes = encoder.encode('[]');
  new Uint8Array(words.buffer, TEXT_OFFSET, bytes.length).set(bytes);
  Atomics.store(words, Bytes, bytes.length);
}
