/**
 * `Chan<T>`: Go's `chan T`. The algorithms follow Go's `runtime/chan.go`: a send hands its value
 * straight to the first parked receiver, else buffers it, else parks; a receive takes from the
 * first parked sender (through the buffer when there is one), else from the buffer, else parks.
 *
 * @module
 */
import { ChanOutsideBubbleError, currentBubble, outsideBubble } from './bubble-owner.js';
import type { Clock } from './clock.js';
import { CloseOfClosedChannelError, SendOnClosedChannelError } from './errors.js';
import { formatState, inspectCustom } from './inspect.js';
import { RingBuffer } from './ring-buffer.js';
import { completed, failed } from './scheduler.js';
import { describeValue, signalOf } from './validate.js';
import { Waiter } from './waiter.js';
import { WaitQueue } from './wait-queue.js';
import { tracer } from './trace-hooks.js';

/** Options of every blocking call. */
export interface BlockingOptions {
  /**
   * Aborts the call: its promise rejects with `signal.reason` and the operation leaves no trace
   * (a send delivered nothing, a receive consumed nothing). An already aborted signal rejects
   * before anything happens.
   */
  signal?: AbortSignal | undefined;
}

/** Options of `new Chan`. */
export interface ChanOptions {
  /** A name for the deadlock report and error messages, e.g. `'jobs'`. */
  name?: string | undefined;
}

/**
 * The brand that makes {@link Sender} and {@link Receiver} nominal. It exists only in the types
 * (no value is ever created, nothing is stored): since it cannot be named outside this module,
 * only {@link Chan} and its subclasses have it, and the compiler refuses a hand-made object.
 * Its type also fixes the variance: a `Sender<T>` takes `T` (contravariant), a `Receiver<T>`
 * gives `T` (covariant), a `Chan<T>` does both (invariant).
 */
declare const chanBrand: unique symbol;

/**
 * The receiving side of a channel: Go's `<-chan T`. Every {@link Chan} is one; so are timer
 * channels (`time.after`) and `ctx.done()`.
 *
 * `Receiver` is nominal: only `new Chan` (or a subclass of `Chan`) makes one. An object with the
 * same methods is not a `Receiver`, for the compiler and at run time (`recv(obj)` and
 * `select` throw a `TypeError`), because `select` needs the channel's internals to commit
 * exactly one case. To adapt another source, pump it into a `Chan`.
 */
export interface Receiver<T> extends AsyncIterable<T> {
  /** The brand: only a {@link Chan} is a `Receiver` (a type-only member, see {@link Receiver}). */
  readonly [chanBrand]: { readonly recv: () => T };
  /** See {@link Chan.recv}. */
  recv(options?: BlockingOptions): Promise<T | undefined>;
  /** See {@link Chan.recvOk}. */
  recvOk(options?: BlockingOptions): Promise<[value: T | undefined, ok: boolean]>;
  /** See {@link Chan.tryRecv}. */
  tryRecv(): [value: T | undefined, ok: boolean] | undefined;
  /** See {@link Chan.length}. */
  readonly length: number;
  /** See {@link Chan.capacity}. */
  readonly capacity: number;
  /** See {@link Chan.name}. */
  readonly name: string | undefined;
}

/**
 * The sending side of a channel: Go's `chan<- T`. Every {@link Chan} is one.
 *
 * `Sender` is nominal, like {@link Receiver}: only `new Chan` (or a subclass) makes one.
 */
export interface Sender<T> {
  /** The brand: only a {@link Chan} is a `Sender` (a type-only member, see {@link Receiver}). */
  readonly [chanBrand]: { readonly send: (value: T) => void };
  /** See {@link Chan.send}. */
  send(value: T, options?: BlockingOptions): Promise<void>;
  /** See {@link Chan.trySend}. */
  trySend(value: T): boolean;
  /** See {@link Chan.close}. */
  close(): void;
  /** See {@link Chan.length}. */
  readonly length: number;
  /** See {@link Chan.capacity}. */
  readonly capacity: number;
  /** See {@link Chan.name}. */
  readonly name: string | undefined;
}

/** What a parked channel operation is, and so what it resolves with. Channel protocol (unstable): */
export const WaitKind = {
  /** `recv()`: resolves with the value. */
  Recv: 0,
  /** `recvOk()`: resolves with `[value, ok]`. */
  RecvOk: 1,
  /** The async iterator: resolves with an `IteratorResult`. */
  Iterate: 2,
  /** `send()`: resolves with `undefined`. */
  Send: 3,
  /** A receive case of a parked `select` (a {@link SelectCaseWaiter}). */
  SelectRecv: 4,
  /** A send case of a parked `select` (a {@link SelectCaseWaiter}). */
  SelectSend: 5,
} as const;
/** Channel protocol: unstable, for `Chan` subclasses such as `SharedChan`; not covered by semver. */
export type WaitKind = (typeof WaitKind)[keyof typeof WaitKind];

/**
 * The part of a `select` that the channel code needs: a parked select has one
 * {@link SelectCaseWaiter} per case, all pointing at the same group, and the first to be
 * completed wins.
 * Channel protocol: unstable, for `Chan` subclasses such as `SharedChan`; not covered by semver.
 */
export interface SelectGroup {
  /** The case `waiter` received `value` (`ok` false once closed) or sent: commit it. */
  commit(waiter: SelectCaseWaiter<any>, value: unknown, ok: boolean): void;
  /** The send case `waiter` found its channel closed: the select throws. */
  fail(waiter: SelectCaseWaiter<any>, error: Error): void;
}

/**
 * A parked send or receive on one channel.
 * Channel protocol: unstable, for `Chan` subclasses such as `SharedChan`; not covered by semver.
 */
export class ChanWaiter<T> extends Waiter<any> {
  constructor(
    /** Which operation, and so what the promise resolves with. */
    readonly kind: WaitKind,
    /** A send's value; a receive's is delivered when it completes. */
    readonly value: T | undefined,
    /** The channel it waits on. */
    readonly chan: Chan<T>,
  ) {
    super();
  }
}

/**
 * One case of a parked `select`: it has no promise of its own; completing it commits the group.
 * Channel protocol: unstable, for `Chan` subclasses such as `SharedChan`; not covered by semver.
 */
export class SelectCaseWaiter<T> extends ChanWaiter<T> {
  constructor(
    kind: typeof WaitKind.SelectRecv | typeof WaitKind.SelectSend,
    value: T | undefined,
    chan: Chan<T>,
    /** The select this waiter is a case of. */
    readonly group: SelectGroup,
    /** The index of its case in the select. */
    readonly index: number,
  ) {
    super(kind, value, chan);
  }
}

const iteratorDone: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** Settles a parked receiver with `value` (`ok` false when the channel was closed). */
function completeReceiver<T>(waiter: ChanWaiter<T>, value: T | undefined, ok: boolean): void {
  switch (waiter.kind) {
    case WaitKind.Recv:
      return waiter.resolve(value);
    case WaitKind.RecvOk:
      return waiter.resolve([value, ok]);
    case WaitKind.Iterate:
      return waiter.resolve(ok ? { value, done: false } : iteratorDone);
    default:
      return (waiter as SelectCaseWaiter<T>).group.commit(waiter as SelectCaseWaiter<T>, value, ok);
  }
}

/** Settles a parked sender: its value was taken, or (`closed`) the channel was closed. */
function completeSender<T>(waiter: ChanWaiter<T>, closed: boolean): void {
  if (waiter.kind === WaitKind.Send) {
    if (closed) waiter.reject(new SendOnClosedChannelError());
    else waiter.resolve(undefined);
    return;
  }
  const selectCase = waiter as SelectCaseWaiter<T>;
  if (closed) selectCase.group.fail(selectCase, new SendOnClosedChannelError());
  else selectCase.group.commit(selectCase, undefined, true);
}

/** Whether `waiter` waits to send (else to receive). */
function isSender(waiter: ChanWaiter<any>): boolean {
  return waiter.kind === WaitKind.Send || waiter.kind === WaitKind.SelectSend;
}

/** The queue of a channel that has none yet: always empty, never pushed to. */
const noWaiters: WaitQueue<ChanWaiter<any>> = new WaitQueue();

/** Removes an aborted waiter from its channel. */
const undoPark = (waiter: ChanWaiter<any>): void => waiter.chan.unpark(waiter);

/**
 * A lazily armed time source behind a timer or ticker channel (see `time.ts`).
 * Channel protocol: unstable, for `Chan` subclasses such as `SharedChan`; not covered by semver.
 */
export interface TimeSource<T> {
  /** Whether a value is due now. */
  due(): boolean;
  /** Takes the due value. */
  take(): T;
  /** The first receiver parked: start the clock. */
  arm(): void;
  /** The last receiver left without a value: stop the clock. */
  disarm(): void;
}

/**
 * What {@link Chan.receiveNow} returns when the channel is closed and drained (Go's `ok` false):
 * a sentinel no sent value can equal, so the hot path returns one value and allocates nothing.
 * Channel protocol: unstable, for `Chan` subclasses such as `SharedChan`; not covered by semver.
 */
export const closedAndDrained: unique symbol = Symbol('closed and drained');

/**
 * What {@link Chan.receiveNow} and {@link Chan.sendNow} return when a channel shared with other
 * threads (`SharedChan`) reported itself ready but another thread took the value or the room
 * first: nothing happened, and the caller looks again. A `Chan` never returns it. Channel
 * protocol: unstable, not covered by semver.
 */
export const raced: unique symbol = Symbol('raced');

/**
 * The run-time brand of channels, on `Chan.prototype` (so subclasses have it, and no instance
 * pays a slot for it): `recv`, `send`, `select` and the built-ins check it to refuse hand-made
 * objects. A property load is cheaper than `instanceof` on the `select` path.
 */
const isChan: unique symbol = Symbol('Chan');

/** Refuses synchronous iteration: see the static block of {@link Chan}. */
function notIterable(): never {
  throw new TypeError(
    'a Chan is not iterable: receive with `for await (const v of ch)`, or collect with `await Array.fromAsync(ch)`' +
      " (its numeric length is Go's len, not a count of items to read)",
  );
}

/**
 * A channel: Go's `chan T`, created by `make(chan T)` (`new Chan<T>()`, unbuffered: every send
 * waits for its receiver) or `make(chan T, n)` (`new Chan<T>(n)`, buffered: sends wait only when
 * `n` values are buffered). `null` stands for Go's nil channel wherever a channel is taken.
 *
 * Parked senders and receivers are served first come, first served; every operation is O(1).
 *
 * A channel is an async iterable (`for await`), not an iterable: `Array.from(ch)`, `[...ch]` and
 * `for (const v of ch)` throw a `TypeError` (use `for await`, or `Array.fromAsync(ch)`). Libraries
 * that test for an array-like `length` before an async iterator read a channel as an empty
 * array: for RxJS, write `from(ch[Symbol.asyncIterator]())`, not `from(ch)`.
 *
 * `Sender` and `Receiver` are nominal: subclass `Chan` to add behaviour; subclasses work
 * everywhere a `Chan` does, `select` included.
 *
 * Invariants (checked after every step by the model tests, `test/invariants.ts`):
 *  - At least one of sendq and recvq is empty, except for an unbuffered channel on which one
 *    parked select waits both to send and to receive: then both hold only that select's cases.
 *  - The buffer holds at most `capacity` values; an unbuffered channel has no buffer.
 *  - For buffered channels, also: a value in the buffer implies recvq is empty, and room in the
 *    buffer implies sendq is empty.
 *  - A closed channel has no parked senders and no parked receivers: `close` completes them all,
 *    and every later operation completes at once.
 *  - Every parked waiter is unsettled, waits on this channel, and sits in the queue of its
 *    direction (senders in sendq, receivers in recvq).
 *
 * A channel made inside a test bubble (`@csp/testing`'s `synctest.test`) belongs to it, as in Go:
 * `send`, `recv`, `recvOk`, `for await` and `select` called from outside that bubble (after it
 * ended, or from another bubble) reject with `ChanOutsideBubbleError`, and `trySend`,
 * `tryRecv`, `trySelect` and `close` throw it, before anything happens.
 *
 * @example
 * ```ts
 * const jobs = new Chan<number>(100, { name: 'jobs' });
 * await jobs.send(1);
 * jobs.close();
 * for await (const job of jobs) console.log(job); // 1
 * ```
 */
export class Chan<T> implements Sender<T>, Receiver<T> {
  /** The brand of {@link Sender} and {@link Receiver}: a type-only member, nothing is stored. */
  declare readonly [chanBrand]: { readonly send: (value: T) => void; readonly recv: () => T };
  /** The buffered values; `null` for an unbuffered channel. */
  private readonly buffer: RingBuffer<T> | null;
  private closed = false;
  /** Parked receivers, made at the first one (most channels never have a parked sender). */
  private recvq: WaitQueue<ChanWaiter<T>> | null = null;
  /** Parked senders, made at the first one. */
  private sendq: WaitQueue<ChanWaiter<T>> | null = null;
  /** Channel protocol (unstable): A timer's time source; never set on an ordinary channel (no slot, one check). */
  declare timeSource: TimeSource<T> | undefined;
  /** The name given at creation (`{ name: 'jobs' }`), shown by the deadlock report. */
  declare readonly name: string | undefined;
  /**
   * Channel protocol (unstable): the test bubble the channel was made in (`@csp/testing`), known
   * by its clock; never set outside a bubble (no slot, one check per operation).
   */
  declare readonly bubble: Clock | undefined;

  /**
   * Go's `make(chan T, capacity)`. Does not block.
   *
   * @param capacity How many values the buffer holds; 0 (the default) makes an unbuffered channel.
   * @throws RangeError when `capacity` is negative, fractional, NaN or infinite (Go's
   *   `makechan: size out of range`); TypeError when it is not a number, when `options` is not
   *   an object, or when `name` is not a string.
   */
  constructor(capacity = 0, options?: ChanOptions) {
    if (typeof capacity !== 'number') {
      throw new TypeError(`new Chan: the capacity must be a number, got ${describeValue(capacity)}`);
    }
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(
        `makechan: size out of range: ${String(capacity)} (a channel's capacity must be a non-negative integer; use 0 for an unbuffered channel)`,
      );
    }
    const name = nameOf(options);
    this.buffer = capacity > 0 ? new RingBuffer<T>(capacity) : null;
    // Set only when given, like `timeSource`, so that an unnamed channel has no slot for it.
    if (name !== undefined) this.name = name;
    const bubble = currentBubble();
    if (bubble !== undefined) this.bubble = bubble;
  }

  static {
    // A channel has a numeric `length` (Go's `len`, required by the contract), so it looks
    // array-like: without an iterator of its own, `Array.from(ch)` and `[...ch]` would read
    // `length` slots of `undefined` and consume nothing. A throwing iterator makes the mistake
    // loud. It is not declared in the type, so the compiler refuses `[...ch]` too.
    Object.defineProperty(this.prototype, Symbol.iterator, { value: notIterable, writable: true, configurable: true });
    Object.defineProperty(this.prototype, isChan, { value: true });
  }

  /** Go's `len(ch)`: how many values are buffered now. Does not block. */
  get length(): number {
    return this.buffer === null ? 0 : this.buffer.length;
  }

  /** Go's `cap(ch)`: the buffer's capacity (0 when unbuffered). Does not block. */
  get capacity(): number {
    return this.buffer === null ? 0 : this.buffer.capacity;
  }

  /** Channel protocol (unstable): The parked receivers (a plain receive, an iterator step or a select case). */
  get receivers(): WaitQueue<ChanWaiter<T>> {
    return this.recvq ?? noWaiters;
  }

  /** Channel protocol (unstable): The parked senders (a plain send or a select case). */
  get senders(): WaitQueue<ChanWaiter<T>> {
    return this.sendq ?? noWaiters;
  }

  /**
   * Go's `ch <- value`. Blocks until a receiver took the value (unbuffered) or the buffer took it.
   * Parked senders are served first come, first served.
   *
   * The promise resolves once the value is delivered. It rejects with
   * {@link SendOnClosedChannelError} when the channel is closed, now or while the send is parked,
   * and with `signal.reason` when `signal` aborts first, in which case nothing was delivered.
   *
   * @throws TypeError, before anything happens, when `options` is not an object or its `signal`
   *   is not an `AbortSignal` (e.g. a context: pass `ctx.signal`).
   *
   * @example
   * ```ts
   * await jobs.send(job); // jobs <- job
   * await jobs.send(job, { signal: AbortSignal.timeout(100) }); // or give up after 100 ms
   * ```
   */
  send(value: T, options?: BlockingOptions): Promise<void> {
    const signal = options === undefined ? undefined : signalOf(options, 'Chan.send');
    if (this.bubble !== undefined && outsideBubble(this.bubble)) return Promise.reject(new ChanOutsideBubbleError('send on'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return failed(new SendOnClosedChannelError());
    if (this.sendReady() && this.sendNow(value) !== raced) return completed(undefined);
    const waiter = new ChanWaiter<T>(WaitKind.Send, value, this);
    this.parkSender(waiter);
    return waiter.park('chan send', this.name, signal, undoPark);
  }

  /**
   * Go's `v := <-ch`. Blocks until a value is available or the channel is closed. Parked
   * receivers are served first come, first served.
   *
   * The promise resolves with the next value, or with `undefined` once the channel is closed and
   * drained (use {@link Chan.recvOk} to tell a sent `undefined` from a closed channel). It rejects
   * with `signal.reason` when `signal` aborts first, in which case nothing was consumed. Never
   * rejects otherwise.
   *
   * @throws TypeError, before anything happens, when `options` is not an object or its `signal`
   *   is not an `AbortSignal` (e.g. a context: pass `ctx.signal`).
   * @example
   * ```ts
   * const job = await jobs.recv(); // job := <-jobs
   * ```
   */
  recv(options?: BlockingOptions): Promise<T | undefined> {
    return this.receive(WaitKind.Recv, options === undefined ? undefined : signalOf(options, 'Chan.recv'));
  }

  /**
   * Go's `v, ok := <-ch`. Blocks like {@link Chan.recv}; resolves with `[value, true]` for a value
   * that was sent, `[undefined, false]` once the channel is closed and drained. Rejects only with
   * `signal.reason` when `signal` aborts first, in which case nothing was consumed.
   *
   * @throws TypeError, before anything happens, like {@link Chan.recv}.
   * @example
   * ```ts
   * const [job, ok] = await jobs.recvOk(); // job, ok := <-jobs
   * if (!ok) return; // closed and drained
   * ```
   */
  recvOk(options?: BlockingOptions): Promise<[value: T | undefined, ok: boolean]> {
    return this.receive(WaitKind.RecvOk, options === undefined ? undefined : signalOf(options, 'Chan.recvOk'));
  }

  /**
   * Go's `select { case ch <- value: ...; default: }`. Never blocks: sends and returns `true` when
   * a receiver is parked or the buffer has room, else returns `false` and sends nothing.
   *
   * @throws {@link SendOnClosedChannelError} when the channel is closed.
   * @example
   * ```ts
   * if (!results.trySend(r)) console.log('dropped', r); // nobody ready: Go's default case
   * ```
   */
  trySend(value: T): boolean {
    if (this.bubble !== undefined && outsideBubble(this.bubble)) throw new ChanOutsideBubbleError('send on');
    if (this.closed) throw new SendOnClosedChannelError();
    return this.sendReady() && this.sendNow(value) !== raced;
  }

  /**
   * Go's `select { case v, ok := <-ch: ...; default: }`. Never blocks: returns `[value, true]` when
   * a value is available, `[undefined, false]` when the channel is closed and drained, and
   * `undefined` (Go's `default`) when a receive would block.
   *
   * @example
   * ```ts
   * const got = jobs.tryRecv();
   * if (got === undefined) console.log('no job ready');
   * else if (got[1]) console.log('job', got[0]);
   * else console.log('closed');
   * ```
   */
  tryRecv(): [value: T | undefined, ok: boolean] | undefined {
    if (this.bubble !== undefined && outsideBubble(this.bubble)) throw new ChanOutsideBubbleError('receive on');
    if (!this.recvReady()) return undefined;
    const value = this.receiveNow();
    if (value === raced) return undefined;
    return value === closedAndDrained ? [undefined, false] : [value, true];
  }

  /**
   * Go's `close(ch)`. Never blocks. Receivers drain the buffer, then get `undefined` (`ok` false)
   * at once, forever; every parked receiver is woken that way now. Every parked sender rejects
   * with {@link SendOnClosedChannelError}, and so does every later send.
   *
   * @throws {@link CloseOfClosedChannelError} when the channel is already closed.
   * @example
   * ```ts
   * for (const job of batch) await jobs.send(job);
   * jobs.close(); // the workers' `for await` loops end once they drained the buffer
   * ```
   */
  close(): void {
    if (this.bubble !== undefined && outsideBubble(this.bubble)) throw new ChanOutsideBubbleError('close of');
    if (this.closed) throw new CloseOfClosedChannelError();
    this.closed = true;
    if (tracer !== null) tracer.close(this);
    const { recvq, sendq } = this;
    for (let waiter = recvq && recvq.dequeue(); waiter; waiter = recvq!.dequeue()) {
      completeReceiver(waiter, undefined, false);
    }
    for (let waiter = sendq && sendq.dequeue(); waiter; waiter = sendq!.dequeue()) {
      completeSender(waiter, true);
    }
  }

  /**
   * Go's `for v := range ch`: `for await (const v of ch)` receives until the channel is closed and
   * drained. Each step blocks like {@link Chan.recv}; a sent `undefined` is yielded as a value.
   * Leaving the loop early (`break`, `return`, a throw) neither closes the channel nor consumes a
   * value. The loop takes no signal: to stop waiting, close the channel or use `select`.
   *
   * @example
   * ```ts
   * for await (const job of jobs) results.trySend(job * 2); // for job := range jobs
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return new ChanIterator(this);
  }

  /** `Object.prototype.toString.call(ch)` is `[object Chan]`. */
  get [Symbol.toStringTag](): string {
    return 'Chan';
  }

  /**
   * How `console.log` and `util.inspect` show a channel: its name and public state, e.g.
   * `Chan<jobs> { len: 3, cap: 10, closed: false, recvWaiting: 0, sendWaiting: 0 }`.
   */
  [inspectCustom](): string {
    return formatState('Chan', this.name, {
      len: this.length,
      cap: this.capacity,
      closed: this.closed,
      recvWaiting: this.receivers.size,
      sendWaiting: this.senders.size,
    });
  }

  /** Channel protocol (unstable): Whether a receive would complete now (a value, a parked sender, or closed). */
  recvReady(): boolean {
    return (
      (this.sendq !== null && this.sendq.size > 0) ||
      (this.buffer !== null && this.buffer.length > 0) ||
      this.closed ||
      (this.timeSource !== undefined && this.timeSource.due())
    );
  }

  /** Channel protocol (unstable): Whether a send would complete now, or throw because the channel is closed. */
  sendReady(): boolean {
    return this.closed || (this.recvq !== null && this.recvq.size > 0) || (this.buffer !== null && this.buffer.hasRoom());
  }

  /** Channel protocol (unstable): Whether the channel is closed. */
  isClosed(): boolean {
    return this.closed;
  }

  /**
   * Channel protocol (unstable): Receives now; the caller checked {@link Chan.recvReady}. Returns the value, or
   * {@link closedAndDrained} when the channel is closed and drained (Go's `ok` false), or (only a channel shared
   * with other threads) {@link raced}.
   */
  receiveNow(): T | typeof closedAndDrained | typeof raced {
    const sender = this.sendq === null ? null : this.sendq.dequeue();
    if (tracer !== null) tracer.receive(this, sender);
    if (sender !== null) {
      let value = sender.value as T;
      if (this.buffer !== null) {
        // A parked sender means a full buffer: take its head, move the sender's value in (in
        // this order, so the ring never holds more than `capacity` values and never outgrows it).
        const head = this.buffer.dequeue();
        this.buffer.push(value);
        value = head;
      }
      completeSender(sender, false);
      return value;
    }
    if (this.buffer !== null && this.buffer.length > 0) return this.buffer.dequeue();
    if (this.timeSource !== undefined && this.timeSource.due()) return this.timeSource.take();
    return closedAndDrained;
  }

  /**
   * Channel protocol (unstable): Sends now; the caller checked {@link Chan.sendReady} and that it is open. Returns
   * `undefined`, or (only a channel shared with other threads) {@link raced}.
   */
  sendNow(value: T): typeof raced | undefined {
    const receiver = this.recvq === null ? null : this.recvq.dequeue();
    if (tracer !== null) tracer.send(this, value, receiver);
    if (receiver !== null) completeReceiver(receiver, value, true);
    else this.buffer!.push(value);
    return undefined;
  }

  /** Channel protocol (unstable): Parks a receiving waiter (a plain receive or a select case). */
  parkReceiver(waiter: ChanWaiter<T>): void {
    const recvq = (this.recvq ??= new WaitQueue());
    recvq.push(waiter);
    if (this.timeSource !== undefined && recvq.size === 1) this.timeSource.arm();
  }

  /** Channel protocol (unstable): Parks a sending waiter (a plain send or a select case). */
  parkSender(waiter: ChanWaiter<T>): void {
    (this.sendq ??= new WaitQueue()).push(waiter);
  }

  /** Channel protocol (unstable): Removes a waiter that gave up (aborted, or its select chose another case). */
  unpark(waiter: ChanWaiter<T>): void {
    if (isSender(waiter)) {
      this.sendq?.remove(waiter);
    } else if (this.recvq !== null && this.recvq.remove(waiter) && this.timeSource !== undefined && this.recvq.size === 0) {
      this.timeSource.disarm();
    }
  }

  /** Channel protocol (unstable): The receive behind `recv`, `recvOk` and the iterator; `signal` is checked. */
  receive(kind: WaitKind, signal: AbortSignal | undefined): Promise<any> {
    if (this.bubble !== undefined && outsideBubble(this.bubble)) return Promise.reject(new ChanOutsideBubbleError('receive on'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    const value = this.recvReady() ? this.receiveNow() : raced;
    if (value !== raced) {
      const ok = value !== closedAndDrained;
      if (kind === WaitKind.Recv) return completed(ok ? value : undefined);
      if (kind === WaitKind.RecvOk) return completed(ok ? [value, true] : [undefined, false]);
      return completed(ok ? { value, done: false } : iteratorDone);
    }
    const waiter = new ChanWaiter<T>(kind, undefined, this);
    this.parkReceiver(waiter);
    return waiter.park('chan receive', this.name, signal, undoPark);
  }
}

/** The `name` of `new Chan`'s options. @throws TypeError for options that are not an object, or a name that is not a string. */
function nameOf(options: ChanOptions | null | undefined): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') {
    throw new TypeError(`new Chan: options must be an object such as { name }, got ${describeValue(options)}`);
  }
  const name: unknown = options.name;
  if (name !== undefined && typeof name !== 'string') {
    throw new TypeError(`new Chan: { name } must be a string, got ${describeValue(name)}`);
  }
  return name;
}

/**
 * Returns `value` when it is a channel (a {@link Chan}, or a subclass) or `null` (Go's nil
 * channel), for the functions that take one.
 * @throws TypeError naming `call` otherwise, explaining that a hand-made `Sender` / `Receiver`
 *   is not a channel.
 * Channel protocol: unstable, for `Chan` subclasses such as `SharedChan`; not covered by semver.
 */
export function chanArgument<T>(value: Sender<T> | Receiver<T> | null, call: string): Chan<T> | null {
  if (value === null || (value !== undefined && (value as { [isChan]?: true })[isChan] === true)) return value as Chan<T> | null;
  throw notAChannel(value, call);
}

/** The error for {@link chanArgument} (kept apart so that the check stays small enough to inline). */
function notAChannel(value: unknown, call: string): TypeError {
  const handMade =
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as { recv?: unknown }).recv === 'function' || typeof (value as { send?: unknown }).send === 'function');
  return new TypeError(
    `${call}: the channel must be a Chan, or null for Go's nil channel, got ${describeValue(value)}` +
      (handMade
        ? ': Sender and Receiver are only made by new Chan (or a subclass of Chan); an object with the same methods is not a channel'
        : ''),
  );
}

/** The iterator behind `for await (const v of ch)`. */
class ChanIterator<T> implements AsyncIterableIterator<T> {
  constructor(private readonly chan: Chan<T>) {}

  next(): Promise<IteratorResult<T>> {
    return this.chan.receive(WaitKind.Iterate, undefined);
  }

  return(): Promise<IteratorResult<T>> {
    return Promise.resolve(iteratorDone);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
