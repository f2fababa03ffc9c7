/**
 * `RWMutex`: Go's `sync.RWMutex`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import { completed, formatState, inspectCustom, signalOf, tracer, Waiter, WaitQueue } from '@csp/channel/internal';
import { parkAcquire } from './acquire.js';
import { handOff } from './hand-off.js';
import { leaveQueue } from './queue.js';
import { RUnlockOfUnlockedRWMutexError, UnlockOfUnlockedRWMutexError } from './errors.js';
import { guardOf, withLocked, type LockGuard, type Locker } from './locker.js';
import { nameOf, type PrimitiveOptions } from './options.js';

/**
 * A reader/writer mutual exclusion lock: Go's `sync.RWMutex`. Any number of readers or one
 * writer hold it at a time.
 *
 * As in Go, a writer that waits blocks new readers, so a stream of readers cannot starve it;
 * when a writer unlocks, every reader that waited meanwhile gets the lock before the next writer.
 * The lock passes to waiters at unlock time (nobody barges in), each queue is FIFO and every
 * operation is O(1), except that waking `k` readers is O(k).
 *
 * `console.log(rw)` shows `RWMutex<name> { readers: 2, writing: false, writersWaiting: 1, readersWaiting: 0 }`.
 */
export class RWMutex implements Locker {
  /** The name given at creation (`{ name: 'table' }`), shown by inspect and the deadlock report. */
  declare readonly name: string | undefined;
  /** How many readers hold the lock. */
  private readers = 0;
  private writing = false;
  private readonly waitingReaders = new WaitQueue<Waiter<void>>();
  private readonly waitingWriters = new WaitQueue<Waiter<void>>();
  private readLocker: Locker | null = null;

  /**
   * Go's `var rw sync.RWMutex`: an unlocked reader/writer lock.
   *
   * @throws TypeError when `options` is not an object or its `name` not a string.
   */
  constructor(options?: PrimitiveOptions) {
    const name = nameOf(options, 'RWMutex');
    // Set only when given, so that an unnamed lock has no slot for it.
    if (name !== undefined) this.name = name;
  }

  /**
   * Go's `rw.Lock()`. Blocks until this call holds the lock for writing: no reader and no other
   * writer holds it. From the moment it waits, new readers wait behind it.
   *
   * Resolves once the lock is held; rejects with `signal.reason` when `signal` aborts first,
   * holding nothing (readers it held back are let in).
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  lock(options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, 'RWMutex.lock');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryLock()) return completed(undefined);
    if (tracer !== null) tracer.acquire(this, 'sync.RWMutex', 1, false);
    const waiter = new Waiter<void>();
    this.waitingWriters.push(waiter);
    return parkAcquire(waiter, 'sync.RWMutex.Lock', this.name, signal, this.undoLock, this.giveBackLock);
  }

  /**
   * Go's `rw.RLock()`. Blocks while a writer holds or waits for the lock, then holds it for
   * reading (shared with other readers).
   *
   * Resolves once the read lock is held; rejects with `signal.reason` when `signal` aborts
   * first, holding nothing.
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  rLock(options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, 'RWMutex.rLock');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryRLock()) return completed(undefined);
    if (tracer !== null) tracer.acquire(this, 'sync.RWMutex', 1, false, true);
    const waiter = new Waiter<void>();
    this.waitingReaders.push(waiter);
    return parkAcquire(waiter, 'sync.RWMutex.RLock', this.name, signal, leaveQueue, this.giveBackRLock);
  }

  /**
   * Go's `rw.TryLock()`. Never blocks: locks for writing and returns `true` when nobody holds
   * the lock, else returns `false`.
   */
  tryLock(): boolean {
    if (this.writing || this.readers > 0) return false;
    if (tracer !== null) tracer.acquire(this, 'sync.RWMutex', 1, true);
    this.writing = true;
    return true;
  }

  /**
   * Go's `rw.TryRLock()`. Never blocks: locks for reading and returns `true` when no writer
   * holds or waits for the lock, else returns `false`.
   */
  tryRLock(): boolean {
    if (this.writing || this.waitingWriters.size > 0) return false;
    if (tracer !== null) tracer.acquire(this, 'sync.RWMutex', 1, true, true);
    this.readers++;
    return true;
  }

  /**
   * Go's `rw.Unlock()`. Never blocks. Lets in every reader that waited, or else the next writer.
   *
   * @throws UnlockOfUnlockedRWMutexError when the lock is not held for writing.
   */
  unlock(): void {
    if (!this.writing) throw new UnlockOfUnlockedRWMutexError();
    if (tracer !== null) tracer.release(this, 1);
    this.writing = false;
    if (this.waitingReaders.size > 0) this.admitReaders();
    else this.admitWriter();
  }

  /**
   * Go's `rw.RUnlock()`. Never blocks. The last reader out lets in the next writer.
   *
   * @throws RUnlockOfUnlockedRWMutexError when no reader holds the lock.
   */
  rUnlock(): void {
    if (this.readers === 0) throw new RUnlockOfUnlockedRWMutexError();
    if (tracer !== null) tracer.release(this, 1);
    this.readers--;
    if (this.readers === 0) this.admitWriter();
  }

  /**
   * Go's `rw.RLocker()`: a {@link Locker} whose `lock` and `unlock` are this lock's `rLock` and
   * `rUnlock` (for a {@link Cond} over readers). Always the same object.
   */
  rLocker(): Locker {
    this.readLocker ??= {
      lock: (options?: BlockingOptions) => this.rLock(options),
      unlock: () => this.rUnlock(),
    };
    return this.readLocker;
  }

  /**
   * Like {@link Mutex.withLock}, holding the lock for writing while `fn` runs.
   *
   * @throws TypeError when `fn` is not a function.
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  withLock<T>(fn: () => T | PromiseLike<T>, options?: BlockingOptions): Promise<Awaited<T>> {
    return withLocked(this, fn, options, 'RWMutex.withLock');
  }

  /**
   * Like {@link Mutex.withLock}, holding the lock for reading while `fn` runs.
   *
   * @throws TypeError when `fn` is not a function.
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  withRLock<T>(fn: () => T | PromiseLike<T>, options?: BlockingOptions): Promise<Awaited<T>> {
    return withLocked(this.rLocker(), fn, options, 'RWMutex.withRLock');
  }

  /**
   * Like {@link Mutex.guard}: the guard releases the write lock.
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  guard(options?: BlockingOptions): Promise<LockGuard> {
    return guardOf(this, options, 'RWMutex.guard');
  }

  /**
   * Like {@link Mutex.guard}, for reading: the guard releases the read lock.
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  rGuard(options?: BlockingOptions): Promise<LockGuard> {
    return guardOf(this.rLocker(), options, 'RWMutex.rGuard');
  }

  /** `[object RWMutex]`. */
  get [Symbol.toStringTag](): string {
    return 'RWMutex';
  }

  /** `RWMutex<name> { readers: 2, writing: false, writersWaiting: 1, readersWaiting: 0 }`. */
  [inspectCustom](): string {
    return formatState('RWMutex', this.name, {
      readers: this.readers,
      writing: this.writing,
      writersWaiting: this.waitingWriters.size,
      readersWaiting: this.waitingReaders.size,
    });
  }

  /** Hands the lock to every waiting reader. */
  private admitReaders(): void {
    for (let reader = this.waitingReaders.dequeue(); reader !== null; reader = this.waitingReaders.dequeue()) {
      this.readers++;
      handOff(reader, undefined, this.giveBackRLock);
    }
  }

  /** Hands the (free) lock to the first waiting writer, if any. */
  private admitWriter(): void {
    const writer = this.waitingWriters.dequeue();
    if (writer === null) return;
    this.writing = true;
    handOff(writer, undefined, this.giveBackLock);
  }

  /** A writer handed the lock was aborted before it resumed: the lock passes on. */
  private readonly giveBackLock = (): void => this.unlock();

  /** A reader let in was aborted before it resumed: its share is released. */
  private readonly giveBackRLock = (): void => this.rUnlock();

  /** An aborted writer leaves; readers it alone held back come in. */
  private readonly undoLock = (waiter: Waiter<void>): void => {
    this.waitingWriters.remove(waiter);
    if (!this.writing && this.waitingWriters.size === 0) this.admitReaders();
  };
}
