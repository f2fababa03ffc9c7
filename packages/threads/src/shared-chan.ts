/**
 * `SharedChan<T>`: Go's `chan T` across threads. Its buffer, its parked senders' values and its
 * parked receivers live in a `SharedArrayBuffer` (see `chan-memory.ts`), so the channel passed
 * to a worker thread is the same channel there. The algorithms are Go's (`runtime/chan.go`, see
 * `chan-steps.ts`): a buffered send or receive with nobody parked goes through a lock-free ring
 * (`ring.ts`), everything else under a lock in shared memory that guards bookkeeping only.
 * This module is the API: checking arguments, parking (asynchronously, or blocking a worker
 * thread), abort, and the channel protocol that `select` uses (`select-offers.ts`).
 *
 * @module
 */
import { Chan, CloseOfClosedChannelError, SendOnClosedChannelError, type BlockingOptions, type ChanOptions } from '@csp/channel';
import {
  closedAndDrained,
  completed,
  describeValue,
  failed,
  nonNegativeInteger,
  parkedOperations,
  raced,
  signalOf,
  watchAbort,
} from '@csp/channel/internal';
import { ChanMemory, H, MAX_CAPACITY, Slot, type ElementType } from './chan-memory.js';
import { CLOSED, ChanSteps, NO_ROOM, RECEIVED, SENT } from './chan-steps.js';
import { codecNamed, structuredCodec } from './codec.js';
import { EMPTY } from './ring.js';
import { SelectOffers, type SelectCaseLike } from './select-offers.js';
import { ValueSlots } from './value-slots.js';
import { waitAsync, waitSync } from './wait-word.js';

/** Options of `new SharedChan`. */
export interface SharedChanOptions extends ChanOptions {
  /**
   * What the channel carries. `'number'`, `'bigint'` (64-bit signed) and `'boolean'` are stored
   * in typed slots, with no serialization (the fast path); `'value'` (the default) carries any
   * copyable value through the codec.
   */
  type?: ElementType | undefined;
  /**
   * With `type: 'value'`: the name of a codec registered with `registerCodec` in every thread
   * that uses the channel; default `'structured'` ({@link structuredCodec}).
   */
  codec?: string | undefined;
  /** With `type: 'value'`: the most bytes an encoded value may take; default 1024. */
  maxValueBytes?: number | undefined;
  /**
   * How many senders may be parked at once (beyond the buffer), in all threads; default 64. One
   * more waits for room first, still correct but not first come, first served.
   */
  maxParkedSenders?: number | undefined;
  /** How many receivers may be parked at once, in all threads; default 64 (as for senders). */
  maxParkedReceivers?: number | undefined;
}

/**
 * What `chan.handle()` returns: a plain, structured-cloneable object to post to another thread,
 * where `SharedChan.from(handle)` opens the same channel. `goThread` and the thread pool convert
 * channels in arguments and results to and from handles themselves.
 */
export interface SharedChanHandle {
  readonly cspSharedChan: 1;
  readonly buffer: SharedArrayBuffer;
  readonly codec: string;
  readonly name: string | undefined;
}

/** Whether `value` is a {@link SharedChanHandle}. */
export function isSharedChanHandle(value: unknown): value is SharedChanHandle {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SharedChanHandle).cspSharedChan === 1 &&
    (value as SharedChanHandle).buffer instanceof SharedArrayBuffer
  );
}

const iteratorDone: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * Loads of the ring before a blocking operation parks (a few µs): a parked receiver costs its
 * sender a lock and a wake-up (tens of µs), and a short spin usually sees the value first.
 */
const RING_SPINS = 512;

let opening: { memory: ChanMemory; codec: string } | null = null;

/**
 * A channel shared by threads: Go's `chan T` when goroutines run on several cores. Create it in
 * one thread, pass it to others (as an argument of `goThread` or a pool job, or post
 * `chan.handle()`), and every thread sends and receives on the same channel, with Go's
 * semantics: FIFO, exactly-once delivery, unbuffered hand-off, `close` rules, and `{ signal }`
 * on every blocking call.
 *
 * Values are copied between threads (threads share no heap): numbers, booleans and bigints in
 * typed slots with `{ type }`, anything `structuredClone` copies through a codec otherwise.
 * Functions and other uncopyable values throw {@link UncopyableValueError} at the send.
 *
 * Blocking calls return promises and never block the thread (`Atomics.waitAsync`); in a worker,
 * `sendSync`/`recvSync` block the thread instead, for CPU loops. A buffered channel on which
 * nobody is parked sends and receives without a lock.
 *
 * @example
 * ```ts
 * const jobs = new SharedChan<number>(64, { type: 'number' });
 * const done = goThread(new URL('./worker.js', import.meta.url), 'sum', jobs);
 * for (let i = 0; i < 1000; i++) await jobs.send(i);
 * jobs.close();
 * console.log(await done);
 * ```
 */
export class SharedChan<T> extends Chan<T> {
  /** @internal */
  readonly memory: ChanMemory;
  private readonly codecName: string;
  private readonly values: ValueSlots<T>;
  private readonly steps: ChanSteps;
  /** The parked `select` cases of this thread on this channel. */
  private readonly offers: SelectOffers<T>;

  /**
   * Go's `make(chan T, capacity)` in shared memory. Does not block.
   *
   * @throws RangeError for a bad `capacity` (at most 2^28) or option; TypeError for an unknown
   *   `type` or an unregistered `codec`; `SharedMemoryUnavailableError` where there is no
   *   `SharedArrayBuffer`.
   */
  constructor(capacity = 0, options?: SharedChanOptions) {
    super(0, options?.name === undefined ? undefined : { name: options.name });
    if (opening !== null) {
      this.memory = opening.memory;
      this.codecName = opening.codec;
      opening = null;
    } else {
      nonNegativeInteger(capacity, 'SharedChan capacity');
      if (capacity > MAX_CAPACITY) throw new RangeError(`SharedChan capacity must be at most ${MAX_CAPACITY}, got ${capacity}`);
      const type = options?.type ?? 'value';
      if (!['number', 'bigint', 'boolean', 'value'].includes(type)) {
        throw new TypeError(`SharedChan: type must be 'number', 'bigint', 'boolean' or 'value', got ${describeValue(type)}`);
      }
      if (type !== 'value' && (options?.codec !== undefined || options?.maxValueBytes !== undefined)) {
        throw new TypeError(`SharedChan: codec and maxValueBytes apply to type 'value' only, got type '${type}'`);
      }
      const maxValueBytes = nonNegativeInteger(options?.maxValueBytes ?? 1024, 'SharedChan maxValueBytes');
      this.codecName = options?.codec ?? 'structured';
      this.memory = ChanMemory.create({
        capacity,
        type,
        slotBytes: type === 'value' ? Math.ceil((maxValueBytes + 4) / 8) * 8 : 8,
        parkedSenders: Math.max(1, nonNegativeInteger(options?.maxParkedSenders ?? 64, 'SharedChan maxParkedSenders')),
        parkedReceivers: Math.max(1, nonNegativeInteger(options?.maxParkedReceivers ?? 64, 'SharedChan maxParkedReceivers')),
      });
    }
    this.values = new ValueSlots<T>(this.memory, this.memory.type === 'value' ? codecNamed(this.codecName) : structuredCodec);
    this.steps = new ChanSteps(this.memory, this.values as ValueSlots<unknown>);
    this.offers = new SelectOffers<T>(this.steps, this.values);
  }

  /**
   * Opens, in this thread, the channel of `handle` (from {@link SharedChan.handle}, posted from
   * another thread). Does not block.
   * @throws TypeError when `handle` is not a channel handle, or its codec is not registered here.
   */
  static from<T>(handle: SharedChanHandle): SharedChan<T> {
    if (!isSharedChanHandle(handle)) {
      throw new TypeError(`SharedChan.from: expected the handle of a SharedChan (chan.handle()), got ${describeValue(handle)}`);
    }
    opening = { memory: new ChanMemory(handle.buffer), codec: handle.codec };
    try {
      return new SharedChan<T>(0, handle.name === undefined ? undefined : { name: handle.name });
    } finally {
      opening = null;
    }
  }

  /** A structured-cloneable handle to post to another thread (see {@link SharedChan.from}). */
  handle(): SharedChanHandle {
    return { cspSharedChan: 1, buffer: this.memory.buffer, codec: this.codecName, name: this.name };
  }

  /** Go's `len(ch)`: how many values are buffered now, in all threads. Does not block. */
  override get length(): number {
    return this.steps.length();
  }

  /** Go's `cap(ch)`: the buffer's capacity (0 when unbuffered). Does not block. */
  override get capacity(): number {
    return this.memory.capacity;
  }

  /**
   * Go's `ch <- value`, from any thread. Blocks (asynchronously) until a receiver in any thread
   * took the value (unbuffered) or the buffer took it; parked senders are served first come,
   * first served. The value is copied now, so later changes to it are not seen by the receiver.
   *
   * The promise resolves once the value is delivered. It rejects with
   * `SendOnClosedChannelError` when the channel is closed, now or while parked, and with
   * `signal.reason` when `signal` aborts first, in which case nothing was delivered.
   *
   * @throws {@link UncopyableValueError} (at the call, nothing sent) for a value that cannot be
   *   copied or does not match `type`; {@link ValueTooLargeError} when it encodes to more than
   *   `maxValueBytes`; TypeError for bad options.
   */
  override send(value: T, options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, 'SharedChan.send');
    const encoded = this.values.encode(value, 'SharedChan.send');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.steps.sendFast(encoded)) return completed(undefined);
    this.steps.spinForRoom(RING_SPINS);
    const step = this.steps.send(encoded, true);
    if (step === SENT) return completed(undefined);
    if (step === CLOSED) return failed(new SendOnClosedChannelError());
    return this.sendParked(encoded, step, signal);
  }

  /**
   * Go's `ch <- value` for a CPU loop in a worker: like {@link SharedChan.send}, but blocks the
   * thread (`Atomics.wait`) instead of returning a promise. Takes no signal (nothing can run
   * while the thread is blocked).
   *
   * @throws `SendOnClosedChannelError` when the channel is or gets closed; the errors of `send`
   *   for bad values; `SharedMemoryUnavailableError` on a thread that may not block.
   */
  sendSync(value: T): void {
    const encoded = this.values.encode(value, 'SharedChan.sendSync');
    const steps = this.steps;
    if (steps.sendFast(encoded)) return;
    this.steps.spinForRoom(RING_SPINS);
    const step = steps.send(encoded, true);
    if (step === SENT) return;
    if (step === CLOSED) throw new SendOnClosedChannelError();
    const key = {};
    parkedOperations.add(key, 'chan send', this.name);
    try {
      this.sendBlocked(encoded, step);
    } finally {
      parkedOperations.delete(key);
    }
  }

  /** The blocked part of {@link SharedChan.sendSync}: the send was parked at `step` (or found no room). */
  private sendBlocked(encoded: unknown, step: number): void {
    const steps = this.steps;
    const words = this.memory.words;
    while (step === NO_ROOM) {
      waitSync(words, H.Room, steps.roomSeq);
      steps.leaveRoomWait();
      step = steps.send(encoded, true);
      if (step === SENT) return;
      if (step === CLOSED) throw new SendOnClosedChannelError();
    }
    const { index, parked, failed } = steps.parkedState(step);
    for (let state = Atomics.load(words, index); state === parked; state = Atomics.load(words, index)) {
      waitSync(words, index, state);
    }
    if (Atomics.load(words, index) === failed) throw new SendOnClosedChannelError();
  }

  /**
   * Go's `select { case ch <- value: ...; default: }`. Never blocks: sends and returns `true`
   * when a receiver (in any thread) is parked or the buffer has room, else returns `false`.
   *
   * @throws `SendOnClosedChannelError` when the channel is closed; the errors of `send` for bad
   *   values.
   */
  override trySend(value: T): boolean {
    const step = this.steps.send(this.values.encode(value, 'SharedChan.trySend'), false);
    if (step === CLOSED) throw new SendOnClosedChannelError();
    return step === SENT;
  }

  /**
   * Go's `v := <-ch`, from any thread. Blocks (asynchronously) until a value is available or
   * the channel is closed; parked receivers are served first come, first served. Resolves with
   * the value, or `undefined` once closed and drained; rejects only with `signal.reason` when
   * `signal` aborts first, in which case nothing was consumed.
   *
   * @throws TypeError (at the call) for bad options.
   */
  override recv(options?: BlockingOptions): Promise<T | undefined> {
    return this.receiveAsync(signalOf(options, 'SharedChan.recv')).then(valueOf);
  }

  /**
   * Go's `v, ok := <-ch`: like {@link SharedChan.recv}, resolving with `[value, true]` for a
   * value sent, `[undefined, false]` once closed and drained.
   */
  override recvOk(options?: BlockingOptions): Promise<[value: T | undefined, ok: boolean]> {
    return this.receiveAsync(signalOf(options, 'SharedChan.recvOk'));
  }

  /**
   * Go's `v, ok := <-ch` for a CPU loop in a worker: blocks the thread (`Atomics.wait`) until a
   * value is available (`[value, true]`) or the channel is closed and drained
   * (`[undefined, false]`). Takes no signal.
   *
   * @throws `SharedMemoryUnavailableError` on a thread that may not block.
   */
  recvSync(): [value: T | undefined, ok: boolean] {
    const steps = this.steps;
    if (steps.receiveFast()) return [this.values.decode(steps.taken), true];
    this.steps.spinForValue(RING_SPINS, true);
    const step = steps.recv(true);
    if (step === RECEIVED) return [this.values.decode(steps.taken), true];
    if (step === CLOSED) return [undefined, false];
    const key = {};
    parkedOperations.add(key, 'chan receive', this.name);
    try {
      return this.receiveBlocked(step);
    } finally {
      parkedOperations.delete(key);
    }
  }

  /** The blocked part of {@link SharedChan.recvSync}: the receive was parked in slot `step` (or found no room). */
  private receiveBlocked(step: number): [value: T | undefined, ok: boolean] {
    const steps = this.steps;
    const words = this.memory.words;
    while (step === NO_ROOM) {
      waitSync(words, H.Room, steps.roomSeq);
      steps.leaveRoomWait();
      step = steps.recv(true);
      if (step === RECEIVED) return [this.values.decode(steps.taken), true];
      if (step === CLOSED) return [undefined, false];
    }
    const word = this.memory.slots + step;
    for (let state = Atomics.load(words, word); state === Slot.Waiting; state = Atomics.load(words, word)) {
      waitSync(words, word, state);
    }
    return this.finishReceive(step);
  }

  /**
   * Go's `select { case v, ok := <-ch: ...; default: }`. Never blocks: `[value, true]` when a
   * value is available, `[undefined, false]` when closed and drained, `undefined` otherwise.
   */
  override tryRecv(): [value: T | undefined, ok: boolean] | undefined {
    const step = this.steps.recv(false);
    if (step === RECEIVED) return [this.values.decode(this.steps.taken), true];
    if (step === CLOSED) return [undefined, false];
    return undefined;
  }

  /**
   * Go's `close(ch)`, from any thread. Never blocks. Receivers in every thread drain the buffer,
   * then get `undefined` (`ok` false); parked receivers wake that way now. Parked senders reject
   * with `SendOnClosedChannelError`, and so does every later send.
   *
   * @throws `CloseOfClosedChannelError` when the channel is already closed (by any thread).
   */
  override close(): void {
    if (!this.steps.close()) throw new CloseOfClosedChannelError();
  }

  /**
   * Go's `for v := range ch`, from any thread: receives until the channel is closed and drained.
   * Leaving the loop early neither closes the channel nor consumes a value.
   */
  override [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return new SharedChanIterator(this);
  }

  /** @internal Whether the channel is closed (by any thread). */
  override isClosed(): boolean {
    return this.steps.isClosed();
  }

  /**
   * @internal Whether a receive completes now, for `select`: a value is ready (in any thread's
   * view) or the channel is closed and drained. Another thread may take the value before
   * {@link SharedChan.receiveNow}, which then says so and `select` looks again.
   */
  override recvReady(): boolean {
    return this.steps.receiveReady();
  }

  /** @internal Whether a send completes now (or throws: closed), for `select`; see {@link SharedChan.recvReady}. */
  override sendReady(): boolean {
    return this.steps.sendReady();
  }

  /** @internal A `select` receive case chosen now; `raced` when another thread took the value first. */
  override receiveNow(): T | typeof closedAndDrained | typeof raced {
    const step = this.steps.recv(false);
    if (step === RECEIVED) return this.values.decode(this.steps.taken);
    return step === CLOSED ? closedAndDrained : raced;
  }

  /**
   * @internal A `select` send case chosen now; `raced` when another thread took the room first.
   * @throws `SendOnClosedChannelError` when another thread closed the channel meanwhile.
   */
  override sendNow(value: T): typeof raced | undefined {
    const step = this.steps.send(this.values.encode(value, 'select'), false);
    if (step === CLOSED) throw new SendOnClosedChannelError();
    return step === SENT ? undefined : raced;
  }

  /** @internal Parks a `select` receive case (see `select-offers.ts`). */
  override parkReceiver(waiter: CaseWaiter<T>): void {
    this.offers.parkReceive(waiter as unknown as SelectCaseLike<T>);
  }

  /** @internal Parks a `select` send case (see `select-offers.ts`). */
  override parkSender(waiter: CaseWaiter<T>): void {
    this.offers.parkSend(waiter as unknown as SelectCaseLike<T>);
  }

  /** @internal Withdraws a `select` case that lost or was aborted. */
  override unpark(waiter: CaseWaiter<T>): void {
    this.offers.withdraw(waiter);
  }

  /** @internal The receive behind `recvOk` and the iterator. */
  receiveAsync(signal: AbortSignal | undefined): Promise<[T | undefined, boolean]> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.steps.receiveFast()) return completed([this.values.decode(this.steps.taken), true]);
    this.steps.spinForValue(RING_SPINS);
    const step = this.steps.recv(true);
    if (step === RECEIVED) return completed([this.values.decode(this.steps.taken), true]);
    if (step === CLOSED) return completed([undefined, false]);
    return this.receiveParked(step, signal);
  }

  // ---- Parking ---------------------------------------------------------------------------

  private async sendParked(encoded: unknown, step: number, signal: AbortSignal | undefined): Promise<void> {
    const steps = this.steps;
    const words = this.memory.words;
    const key = {};
    parkedOperations.add(key, 'chan send', this.name);
    try {
      for (;;) {
        if (step === SENT) return;
        if (step === CLOSED) throw new SendOnClosedChannelError();
        if (step === NO_ROOM) {
          await this.waitForRoom(signal);
          step = steps.send(encoded, true);
          continue;
        }
        const position = step;
        const { index, parked, failed } = steps.parkedState(position);
        let abortReason: { reason: unknown } | undefined;
        const link =
          signal &&
          watchAbort(signal, (reason) => {
            if (steps.cancelSender(position)) abortReason = { reason };
          });
        try {
          for (let state = Atomics.load(words, index); state === parked; state = Atomics.load(words, index)) {
            await waitAsync(words, index, state);
          }
        } finally {
          link?.unlink();
        }
        if (abortReason !== undefined) throw abortReason.reason;
        if (Atomics.load(words, index) === failed) throw new SendOnClosedChannelError();
        return;
      }
    } finally {
      parkedOperations.delete(key);
    }
  }

  private async receiveParked(step: number, signal: AbortSignal | undefined): Promise<[T | undefined, boolean]> {
    const steps = this.steps;
    const words = this.memory.words;
    const key = {};
    parkedOperations.add(key, 'chan receive', this.name);
    try {
      for (;;) {
        if (step === RECEIVED) return [this.values.decode(steps.taken), true];
        if (step === CLOSED) return [undefined, false];
        if (step === NO_ROOM) {
          await this.waitForRoom(signal);
          step = steps.recv(true);
          continue;
        }
        const slot = step;
        const word = this.memory.slots + slot;
        let abortReason: { reason: unknown } | undefined;
        const link =
          signal &&
          watchAbort(signal, (reason) => {
            if (steps.cancelReceiver(slot)) abortReason = { reason };
          });
        try {
          for (let state = Atomics.load(words, word); state === Slot.Waiting; state = Atomics.load(words, word)) {
            await waitAsync(words, word, state);
          }
        } finally {
          link?.unlink();
        }
        if (abortReason !== undefined) throw abortReason.reason;
        return this.finishReceive(slot);
      }
    } finally {
      parkedOperations.delete(key);
    }
  }

  /** A parked receive's slot was filled or closed: takes the value and frees the slot. */
  private finishReceive(slot: number): [T | undefined, boolean] {
    const raw = this.steps.finishReceive(slot);
    return raw === EMPTY ? [undefined, false] : [this.values.decode(raw), true];
  }

  /** Waits until a parking place is free (or `signal` aborts: throws). */
  private async waitForRoom(signal: AbortSignal | undefined): Promise<void> {
    const steps = this.steps;
    let abortReason: { reason: unknown } | undefined;
    const link =
      signal &&
      watchAbort(signal, (reason) => {
        abortReason = { reason };
        steps.wakeRoomWaiters();
      });
    try {
      await waitAsync(this.memory.words, H.Room, steps.roomSeq);
    } finally {
      link?.unlink();
      steps.leaveRoomWait();
    }
    if (abortReason !== undefined) throw abortReason.reason;
  }
}

function valueOf<T>(result: [T | undefined, boolean]): T | undefined {
  return result[0];
}

/** The waiter `select` parks on a channel (the @internal type of `Chan.parkReceiver`). */
type CaseWaiter<T> = Parameters<Chan<T>['parkReceiver']>[0];

/** The iterator behind `for await (const v of sharedChan)`. */
class SharedChanIterator<T> implements AsyncIterableIterator<T> {
  constructor(private readonly chan: SharedChan<T>) {}

  next(): Promise<IteratorResult<T>> {
    return this.chan.receiveAsync(undefined).then(([value, ok]) => (ok ? { value: value as T, done: false } : iteratorDone));
  }

  return(): Promise<IteratorResult<T>> {
    return Promise.resolve(iteratorDone);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
