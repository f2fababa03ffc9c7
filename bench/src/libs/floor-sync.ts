/**
 * Floors for the sync workloads: the least a promise-based mutex and wait group have to do. No
 * abort, no misuse checks, no deadlock report.
 *
 * @module
 */
import { Fifo } from './fifo.js';

const resolvedVoid = Promise.resolve();

/** A mutex that hands ownership to the first waiter at unlock. */
export class FloorMutex {
  private locked = false;
  private readonly waiters = new Fifo<() => void>();

  lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return resolvedVoid;
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  unlock(): void {
    const next = this.waiters.shift();
    if (next !== undefined) next();
    else this.locked = false;
  }
}

/** A counter and the resolvers of those waiting for it to reach zero. */
export class FloorWaitGroup {
  private count = 0;
  private waiters: (() => void)[] = [];

  add(n: number): void {
    this.count += n;
  }

  done(): void {
    if (--this.count > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  wait(): Promise<void> {
    return this.count === 0 ? resolvedVoid : new Promise((resolve) => this.waiters.push(resolve));
  }
}
