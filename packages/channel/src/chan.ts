/**
 * `Chan<T>`: Go's `chan T`. The algorithms follow Go's `runtime/chan.go`: a send hands its value
 * straight to the first parked receiver, else buffers it, else parks; a receive takes from the
 * first parked sender (through the buffer when there is one), else from the buffer, else parks.
 *
 * @module
 */
import { CloseOfClosedChannelError, SendOnClosedChannelError } from './errors.js';
import { RingBuffer } from './ring-buffer.js';
import { completed, failed } from './scheduler.js';
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
 * The receiving side of a channel: Go's `<-chan T`. Every {@link Chan} is one; so are timer
 * channels (`time.after`) and `ctx.done()`.
 */
export interface Receiver<T> extends AsyncIterable<T> {
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

/** The sending side of a channel: Go's `chan<- T`. Every {@link Chan} is one. */
export interface Sender<T> {
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

/** What a parked channel operation is, and so what it resolves with. @internal */
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
/** @internal */
export type WaitKind = (typeof WaitKind)[keyof typeof WaitKind];

/**
 * The part of a `select` that the channel code needs: a parked select has one
 * {@link SelectCaseWaiter} per case, all pointing at the same group, and the first to be
 * completed wins.
 * @internal
 */
export interface SelectGroup {
  /** The case `waiter` received `value` (`ok` false once closed) or sent: commit it. */
  commit(waiter: SelectCaseWaiter<any>, value: unknown, ok: boolean): void;
  /** The send case `waiter` found its channel closed: the select throws. */
  fail(waiter: SelectCaseWaiter<any>, error: Error): void;
}

/**
 * A parked send or receive on one channel.
 * @internal
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
 * @internal
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
function isSender(waiter: ChanWaiter<unknown>): boolean {
  return waiter.kind === WaitKind.Send || waiter.kind === WaitKind.SelectSend;
}

/** The queue of a channel that has none yet: always empty, never pushed to. */
const noWaiters: WaitQueue<ChanWaiter<any>> = new WaitQueue();

/** Removes an aborted waiter from its channel. */
const undoPark = (waiter: ChanWaiter<any>): void => waiter.chan.unpark(waiter);

/**
 * A lazily armed time source behind a timer or ticker channel (see `time.ts`).
 * @internal
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

let lastOk = true;

/**
 * A channel: Go's `chan T`, created by `make(chan T)` (`new Chan<T>()`, unbuffered: every send
 * waits for its receiver) or `make(chan T, n)` (`new Chan<T>(n)`, buffered: sends wait only when
 * `n` values are buffered). `null` stands for Go's nil channel wherever a channel is taken.
 *
 * Parked senders and receivers are served first come, first served; every operation is O(1).
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
  /** The buffered values; `null` for an unbuffered channel. */
  private readonly buffer: RingBuffer<T> | null;
  private closed = false;
  /** Parked receivers, made at the first one (most channels never have a parked sender). */
  private recvq: WaitQueue<ChanWaiter<T>> | null = null;
  /** Parked senders, made at the first one. */
  private sendq: WaitQueue<ChanWaiter<T>> | null = null;
  /** @internal A timer's time source; never set on an ordinary channel (no slot, one check). */
  declare timeSource: TimeSource<T> | undefined;
  /** The name given at creation (`{ name: 'jobs' }`), shown by the deadlock report. */
  declare readonly name: string | undefined;

  /**
   * Go's `make(chan T, capacity)`. Does not block.
   *
   * @param capacity How many values the buffer holds; 0 (the default) makes an unbuffered channel.
   * @throws RangeError when `capacity` is negative, fractional, NaN or infinite (Go's
   *   `makechan: size out of range`).
   */
  constructor(capacity = 0, options?: ChanOptions) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(
        `makechan: size out of range: ${String(capacity)} (a channel's capacity must be a non-negative integer; use 0 for an unbuffered channel)`,
      );
    }
    this.buffer = capacity > 0 ? new RingBuffer<T>(capacity) : null;
    // Set only when given, like `timeSource`, so that an unnamed channel has no slot for it.
    if (options?.name !== undefined) this.name = options.name;
  }

  /** Go's `len(ch)`: how many values are buffered now. Does not block. */
  get length(): number {
    return this.buffer === null ? 0 : this.buffer.length;
  }

  /** Go's `cap(ch)`: the buffer's capacity (0 when unbuffered). Does not block. */
  get capacity(): number {
    return this.buffer === null ? 0 : this.buffer.capacity;
  }

  /** @internal The parked receivers (a plain receive, an iterator step or a select case). */
  get receivers(): WaitQueue<ChanWaiter<T>> {
    return this.recvq ?? noWaiters;
  }

  /** @internal The parked senders (a plain send or a select case). */
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
   * @example
   * ```ts
   * await jobs.send(job); // jobs <- job
   * await jobs.send(job, { signal: AbortSignal.timeout(100) }); // or give up after 100 ms
   * ```
   */
  send(value: T, options?: BlockingOptions): Promise<void> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return failed(new SendOnClosedChannelError());
    if (this.sendReady()) {
      this.sendNow(value);
      return completed(undefined);
    }
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
   * @example
   * ```ts
   * const job = await jobs.recv(); // job := <-jobs
   * ```
   */
  recv(options?: BlockingOptions): Promise<T | undefined> {
    return this.receive(WaitKind.Recv, options);
  }

  /**
   * Go's `v, ok := <-ch`. Blocks like {@link Chan.recv}; resolves with `[value, true]` for a value
   * that was sent, `[undefined, false]` once the channel is closed and drained. Rejects only with
   * `signal.reason` when `signal` aborts first, in which case nothing was consumed.
   *
   * @example
   * ```ts
   * const [job, ok] = await jobs.recvOk(); // job, ok := <-jobs
   * if (!ok) return; // closed and drained
   * ```
   */
  recvOk(options?: BlockingOptions): Promise<[value: T | undefined, ok: boolean]> {
    return this.receive(WaitKind.RecvOk, options);
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
    if (this.closed) throw new SendOnClosedChannelError();
    if (!this.sendReady()) return false;
    this.sendNow(value);
    return true;
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
    if (!this.recvReady()) return undefined;
    const value = this.receiveNow();
    return [value, lastOk];
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

  /** @internal Whether a receive would complete now (a value, a parked sender, or closed). */
  recvReady(): boolean {
    return (
      (this.sendq !== null && this.sendq.size > 0) ||
      (this.buffer !== null && this.buffer.length > 0) ||
      this.closed ||
      (this.timeSource !== undefined && this.timeSource.due())
    );
  }

  /** @internal Whether a send would complete now, or throw because the channel is closed. */
  sendReady(): boolean {
    return this.closed || (this.recvq !== null && this.recvq.size > 0) || (this.buffer !== null && this.buffer.hasRoom());
  }

  /** @internal Whether the channel is closed. */
  isClosed(): boolean {
    return this.closed;
  }

  /**
   * @internal Receives now; the caller checked {@link Chan.recvReady}. Sets {@link receivedOk}.
   */
  receiveNow(): T | undefined {
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
      lastOk = true;
      return value;
    }
    if (this.buffer !== null && this.buffer.length > 0) {
      lastOk = true;
      return this.buffer.dequeue();
    }
    if (this.timeSource !== undefined && this.timeSource.due()) {
      lastOk = true;
      return this.timeSource.take();
    }
    lastOk = false;
    return undefined;
  }

  /** @internal Sends now; the caller checked {@link Chan.sendReady} and that it is open. */
  sendNow(value: T): void {
    const receiver = this.recvq === null ? null : this.recvq.dequeue();
    if (tracer !== null) tracer.send(this, value, receiver);
    if (receiver !== null) completeReceiver(receiver, value, true);
    else this.buffer!.push(value);
  }

  /** @internal Parks a receiving waiter (a plain receive or a select case). */
  parkReceiver(waiter: ChanWaiter<T>): void {
    const recvq = (this.recvq ??= new WaitQueue());
    recvq.push(waiter);
    if (this.timeSource !== undefined && recvq.size === 1) this.timeSource.arm();
  }

  /** @internal Parks a sending waiter (a plain send or a select case). */
  parkSender(waiter: ChanWaiter<T>): void {
    (this.sendq ??= new WaitQueue()).push(waiter);
  }

  /** @internal Removes a waiter that gave up (aborted, or its select chose another case). */
  unpark(waiter: ChanWaiter<T>): void {
    if (isSender(waiter)) {
      this.sendq?.remove(waiter);
    } else if (this.recvq !== null && this.recvq.remove(waiter) && this.timeSource !== undefined && this.recvq.size === 0) {
      this.timeSource.disarm();
    }
  }

  /** @internal The receive behind `recv`, `recvOk` and the iterator. */
  receive(kind: WaitKind, options: BlockingOptions | undefined): Promise<any> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.recvReady()) {
      const value = this.receiveNow();
      if (kind === WaitKind.Recv) return completed(value);
      if (kind === WaitKind.RecvOk) return completed([value, lastOk]);
      return completed(lastOk ? { value, done: false } : iteratorDone);
    }
    const waiter = new ChanWaiter<T>(kind, undefined, this);
    this.parkReceiver(waiter);
    return waiter.park('chan receive', this.name, signal, undoPark);
  }
}

/** Whether the last {@link Chan.receiveNow} received a sent value (`false`: closed). @internal */
export function receivedOk(): boolean {
  return lastOk;
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
