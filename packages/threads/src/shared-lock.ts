/**
 * A mutex in shared memory (Drepper's "futexes are tricky", mutex 2): 0 free, 1 held, 2 held
 * with sleepers. It guards only a few dozen instructions of channel bookkeeping and never user
 * code, so it spins first and sleeps only under real contention. Where the thread may not block
 * (a browser's main thread), it only spins.
 *
 * @module
 */

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

/** Takes the lock at `words[index]`. */
export function lock(words: Int32Array, index: number): void {
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
}
