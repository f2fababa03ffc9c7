/**
 * The free forms `send(ch, v)` and `recv(ch)`: they build `select` cases and are awaitable on
 * their own, so `await recv(ch)` is `await ch.recv()` and a case object can never be silently
 * yielded. `null` is Go's nil channel: an operation on it blocks forever.
 *
 * @module
 */
import { chanArgument, type Chan, type Receiver, type Sender } from './chan.js';
import { parkedOperations } from './parked-operations.js';
import { Waiter } from './waiter.js';

/** Parks forever, as an operation on a nil channel does in Go. */
function blockForever(reason: string): Promise<never> {
  return new Waiter<never>().park(reason, 'nil channel', undefined, () => {});
}

/**
 * A receive case: Go's `case v, ok := <-ch` in a `select`, built by {@link recv}. Awaiting it
 * receives like {@link Chan.recv}. Building it does nothing: only `select` or `await` receives.
 */
export class RecvCase<T> implements PromiseLike<T | undefined> {
  /** @internal Where the case was made, for the deadlock report (`undefined` while it is off). */
  readonly site = parkedOperations.callSite();

  /** The channel it receives from (`null`: Go's nil channel). */
  readonly chan: Receiver<T> | null;

  /**
   * Not meant to be called directly: use {@link recv}.
   * @throws TypeError when `chan` is neither a `Chan` nor `null`.
   */
  constructor(chan: Receiver<T> | null) {
    this.chan = chanArgument(chan, 'recv');
  }

  /** Receives now (each call receives once), like {@link Chan.recv} without a signal. */
  then<A = T | undefined, B = never>(
    onfulfilled?: ((value: T | undefined) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const received = parkedOperations.parkFrom(this.site, () =>
      this.chan === null ? blockForever('chan receive (nil chan)') : this.chan.recv(),
    );
    return received.then(onfulfilled, onrejected);
  }
}

/**
 * A send case: Go's `case ch <- value` in a `select`, built by {@link send}. Awaiting it sends
 * like {@link Chan.send}. Building it does nothing: only `select` or `await` sends.
 */
export class SendCase<T> implements PromiseLike<void> {
  /** @internal Where the case was made, for the deadlock report (`undefined` while it is off). */
  readonly site = parkedOperations.callSite();

  /** The channel it sends on (`null`: Go's nil channel). */
  readonly chan: Sender<T> | null;

  /**
   * Not meant to be called directly: use {@link send}.
   * @throws TypeError when `chan` is neither a `Chan` nor `null`.
   */
  constructor(
    chan: Sender<T> | null,
    /** The value it sends, evaluated when the case is built. */
    readonly value: T,
  ) {
    this.chan = chanArgument(chan, 'send');
  }

  /** Sends now (each call sends once), like {@link Chan.send} without a signal. */
  then<A = void, B = never>(
    onfulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const sent = parkedOperations.parkFrom(this.site, () =>
      this.chan === null ? blockForever('chan send (nil chan)') : this.chan.send(this.value),
    );
    return sent.then(onfulfilled, onrejected);
  }
}

/**
 * Go's `<-ch`. As a `select` case it receives from `ch` when chosen; awaited on its own it blocks
 * until a value arrives and resolves with it (`undefined` once `ch` is closed and drained). A
 * `null` channel blocks forever and, in a select, is never chosen. Takes no options: abort the
 * `select`, or call `ch.recv({ signal })`. Its promise never rejects.
 *
 * @throws TypeError when `ch` is neither a {@link Chan} (or subclass) nor `null`: `undefined`,
 *   or a hand-made object with a `recv` method (`Receiver` is nominal).
 *
 * @example
 * ```ts
 * const v = await recv(ch); // v := <-ch
 * const r = await select([recv(ch), recv(quit)]); // select { case v := <-ch: ...; case <-quit: ... }
 * ```
 */
export function recv<T>(ch: Receiver<T> | null): RecvCase<T> {
  return new RecvCase(ch);
}

/**
 * Go's `ch <- value`. As a `select` case it sends when chosen; awaited on its own it blocks until
 * the value is delivered and rejects with `SendOnClosedChannelError` on a closed channel (as a
 * case, the select rejects with it when this case is chosen). A `null` channel blocks forever
 * and, in a select, is never chosen. Takes no options: abort the `select`, or call
 * `ch.send(value, { signal })`. The value is evaluated when the case is built, as in Go.
 *
 * The element type comes from `ch` alone (`NoInfer`): `send(items, undefined)` does not compile
 * for a `Chan<Item>`.
 *
 * @throws TypeError when `ch` is neither a {@link Chan} (or subclass) nor `null`.
 *
 * @example
 * ```ts
 * await send(ch, 42); // ch <- 42
 * await select([send(out, v), recv(done)]); // select { case out <- v: ...; case <-done: ... }
 * ```
 */
export function send<T>(ch: Sender<T> | null, value: NoInfer<T>): SendCase<T> {
  return new SendCase(ch, value);
}

/** A case of `select` / `trySelect`. */
export type SelectCase = RecvCase<any> | SendCase<any>;

/** The channel behind a case, as the `Chan` it is. @internal */
export function caseChan(c: SelectCase): Chan<any> | null {
  return c.chan as Chan<any> | null;
}
