/**
 * golang.org/x/sync's `singleflight`: `import { singleflight } from '@csp/sync'`, then
 * `new singleflight.Group<T>()`.
 *
 * @module
 */
import { Chan, type BlockingOptions, type Receiver } from '@csp/channel';
import { func, isThenable, signalOf, Waiter, WaitQueue } from '@csp/channel/internal';
import { handOff, handOffError } from './hand-off.js';
import { leaveQueue } from './queue.js';

/** x/sync's `singleflight.Result`: what a {@link Group.doChan} channel delivers. */
export interface Result<T> {
  /** The value `fn` returned (`undefined` when it failed). */
  readonly val: T | undefined;
  /** What `fn` threw or rejected with, or `undefined`. */
  readonly err: unknown;
  /** Whether the result was given to more than one caller. */
  readonly shared: boolean;
}

/** One execution of `fn` for a key, and everyone waiting for it. */
class Call<T> {
  /** How many callers joined after the first. */
  dups = 0;
  readonly waiters = new WaitQueue<Waiter<[value: T, shared: boolean]>>();
  readonly channels: Chan<Result<T>>[] = [];
}

/**
 * x/sync's `singleflight.Group`: suppresses duplicate work. While a call of `fn` for a key is in
 * flight, later calls for the same key wait for it and share its result instead of running
 * `fn` again.
 *
 * @example
 * ```ts
 * const lookups = new singleflight.Group<User>();
 * const [user, shared] = await lookups.do(id, () => fetchUser(id));
 * ```
 */
export class Group<T> {
  private readonly calls = new Map<string, Call<T>>();

  /**
   * x/sync's `g.Do(key, fn)`. Runs `fn` (at once) unless a call for `key` is in flight, and
   * blocks until that call finishes.
   *
   * Resolves with `[value, shared]`, where `shared` tells whether the value was given to more
   * than one caller; rejects with what `fn` threw, for every caller of the flight. Rejects with
   * `signal.reason` when `signal` aborts first: this caller leaves, the flight goes on for the
   * others.
   *
   * @throws TypeError when `fn` is not a function.
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  do(key: string, fn: () => T | PromiseLike<T>, options?: BlockingOptions): Promise<[value: T, shared: boolean]> {
    func(fn, 'singleflight.Group.do fn');
    const signal = signalOf(options, 'singleflight.Group.do');
    if (signal?.aborted) return Promise.reject(signal.reason);
    const inFlight = this.calls.get(key);
    const call = inFlight ?? new Call<T>();
    const waiter = new Waiter<[value: T, shared: boolean]>();
    call.waiters.push(waiter);
    const result = waiter.park('sync.WaitGroup.Wait', () => `singleflight key ${key}`, signal, leaveQueue);
    if (inFlight === undefined) this.execute(key, call, fn);
    else call.dups++;
    return result;
  }

  /**
   * x/sync's `g.DoChan(key, fn)`: like {@link Group.do} without blocking; the returned channel
   * receives the {@link Result} once the flight finishes (it is buffered: nobody has to wait on
   * it).
   *
   * @throws TypeError when `fn` is not a function.
   */
  doChan(key: string, fn: () => T | PromiseLike<T>): Receiver<Result<T>> {
    func(fn, 'singleflight.Group.doChan fn');
    const channel = new Chan<Result<T>>(1, { name: `singleflight key ${key}` });
    const inFlight = this.calls.get(key);
    const call = inFlight ?? new Call<T>();
    call.channels.push(channel);
    if (inFlight === undefined) this.execute(key, call, fn);
    else call.dups++;
    return channel;
  }

  /**
   * x/sync's `g.Forget(key)`: the next call for `key` runs `fn` again instead of joining the
   * flight in progress (whose callers still get its result). Never blocks.
   */
  forget(key: string): void {
    this.calls.delete(key);
  }

  /** Runs `fn` for `call` and hands its outcome to everyone waiting. */
  private execute(key: string, call: Call<T>, fn: () => T | PromiseLike<T>): void {
    this.calls.set(key, call);
    const settle = (failed: boolean, val: T | undefined, err: unknown): void => {
      if (this.calls.get(key) === call) this.calls.delete(key);
      const shared = call.dups > 0;
      for (let waiter = call.waiters.dequeue(); waiter !== null; waiter = call.waiters.dequeue()) {
        if (failed) handOffError(waiter, err);
        else handOff(waiter, [val as T, shared], null);
      }
      for (const channel of call.channels) channel.trySend({ val, err, shared });
    };
    let value: T | PromiseLike<T>;
    try {
      value = fn();
    } catch (error) {
      settle(true, undefined, error);
      return;
    }
    if (!isThenable(value)) settle(false, value, undefined);
    else
      value.then(
        (val) => settle(false, val, undefined),
        (error: unknown) => settle(true, undefined, error),
      );
  }
}
