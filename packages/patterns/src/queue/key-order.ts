/**
 * Per-key order among several consumers of one partition: a job waits for the previous job of its
 * key (taken earlier from the same FIFO channel) to finish.
 *
 * @module
 */

/** One job's turn within its key: it may start once `ready` resolves, and must call `finish`. */
export interface Turn {
  readonly ready: Promise<void>;
  finish(): void;
}

const now: Promise<void> = Promise.resolve();

/** @internal Serialises the jobs of each key; `wait` must be called in the order the jobs were taken. */
export class KeyOrder<K> {
  /** The last turn of each key with a job in progress or waiting. */
  private readonly last = new Map<K, Promise<void>>();

  /** The turn of the next job of `key`: ready once every earlier job of `key` has finished. */
  wait(key: K): Turn {
    const ready = this.last.get(key) ?? now;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.last.set(key, finished);
    return {
      ready,
      finish: () => {
        if (this.last.get(key) === finished) this.last.delete(key);
        finish();
      },
    };
  }
}
