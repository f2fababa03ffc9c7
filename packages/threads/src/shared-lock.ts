/**
 * A mutex in shared memory (Drepper's "futexes are tricky", mutex 2): 0 free, 1 held, 2 held
 * with sleepers. It guards only a few dozen instructions of channel bookkeeping and never user
 * code, so it spins first and sleeps only under real contention. Where the thread may not block
 * (a browser's main thread), it only spins.
 *
 * A thread that dies holding the lock would leave it held forever (a terminated thread runs no
 * `finally`), deadlocking every other thread on that channel. So in a pool's thread every lock
 * taken is counted in a word the pool shares with it (see {@link guardCriticalSections}); to stop
 * the thread, the pool first sets {@link TERMINATING} there, which keeps the thread out of any
 * new critical section, waits for the count to reach zero, and only then terminates it.
 *
 * @module
 */

/** Set by a pool in a thread's critical-section word before it terminates the thread. */
export const TERMINATING = 1 << 30;

/** This thread's critical-section word, when a pool runs it (`null` elsewhere). */
let critical: Int32Array | null = null;

/** Counts this thread's critical sections in `word[0]` (see the module's notes). */
export function guardCriticalSections(word: Int32Array): void {
  critical = word;
}

/**
 * Waits until the thread of `word` is outside every critical section and will enter no other,
 * so that it can be terminated safely. Critical sections last microseconds; gives up after
 * `limitMs` (a thread descheduled inside one) and returns whether it is safe.
 */
export function quiesce(word: Int32Array, limitMs = 1000): boolean {
  Atomics.or(word, 0, TERMINATING);
  const deadline = performance.now() + limitMs;
  while ((Atomics.load(word, 0) & ~TERMINATING) !== 0) if (performance.now() > deadline) return false;
  return true;
}

/** Spins before sleeping on a held lock. */
const SPINS = 200;

/** Whether `Atomics.wait` may block this thread (it may not on a browser's main thread). */
export const canBlock: boolean = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

/**
 * Enters a critical section of this thread: a lock held, or a lock-free step that others wait
 * for (a ring cell claimed, not yet published). Sections nest. Where a pool is terminating this
 * thread, it never enters a first one: it blocks until the end instead.
 */
export function enterCriticalSection(): void {
  if (critical === null) return;
  const before = Atomics.add(critical, 0, 1);
  if (before === TERMINATING) {
    // This thread is being terminated: it must not begin what it could die in the middle of.
    Atomics.sub(critical, 0, 1);
    for (;;) Atomics.wait(critical, 1, 0);
  }
}

/** Leaves the critical section {@link enterCriticalSection} entered. */
export function leaveCriticalSection(): void {
  if (critical !== null) Atomics.sub(critical, 0, 1);
}

/** Takes the lock at `words[index]`. */
export function lock(words: Int32Array, index: number): void {
  enterCriticalSection();
  if (Atomics.compareExchange(words, index, 0, 1) === 0) return;
  for (let i = 0; i < SPINS; i++) {
    if (Atomics.load(words, index) === 0 && Atomics.compareExchange(words, index, 0, 1) === 0) return;
  }
  while (Atomics.exchange(words, index, 2) !== 0) {
    if (canBlock) Atomics.wait(words, index, 2);
  }
}

/** Releases the lock at `words[index]`, waking one sleeper if there is one. */
export function unlock(words: Int32Array, index: number): void {
  if (Atomics.sub(words, index, 1) !== 1) {
    Atomics.store(words, index, 0);
    Atomics.notify(words, index, 1);
  }
  leaveCriticalSection();
}
