/**
 * `SharedChan<T>`: Go's `chan T` across threads. Its buffer, its parked senders' values and its
 * parked receivers live in a `SharedArrayBuffer` (see `chan-memory.ts`), so the channel passed
 * to a worker thread is the same channel there. The algorithms are those of `Chan` (Go's
 * `runtime/chan.go`), run under a lock in shared memory that guards bookkeeping only.
 *
 * @module
 */
import { Chan, CloseOfClosedChannelError, SendOnClosedChannelError, type BlockingOptions, type ChanOptions } from '@csp/channel';
import {
  completed,
  describeValue,
  failed,
  nonNegativeInteger,
  parkedOperations,
  signalOf,
  watchAbort,
} from '@csp/channel/internal';
import { ChanMemory, Entry, H, Slot, type ElementType } from './chan-memory.js';
import { codecNamed, structuredCodec, type Codec } from './codec.js';
import { UncopyableValueError, ValueTooLargeError } from './errors.js';
import { lock, unlock } from './shared-lock.js';
import { currentThread, isDead } from './thread-registry.js';
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

// Results of the steps taken under the lock; a position or slot (>= 0) means "parked there".
const SENT = -1;
const CLOSED = -2;
const NO_ROOM = -3;
const RECEIVED = -1;
const NOT_READY = -4;

const iteratorDone: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

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
 * `sendSync`/`recvSync` block the thread instead, for CPU loops.
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
  private readonly codec: Codec<any>;
  /** The raw value of the last receive under the lock. */
  private taken: unknown = undefined;
  /** The room counter read by the last step that found no room. */
  private roomSeq = 0;
  /** The parked `select` cases of this thread on this channel. */
  private readonly offers = new Map<object, Offer>();

  /**
   * Go's `make(chan T, capacity)` in shared memory. Does not block.
   *
   * @throws RangeError for a bad `capacity` or option; TypeError for an unknown `type` or an
   *   unregistered `codec`; `SharedMemoryUnavailableError` where there is no `SharedArrayBuffer`.
   */
  constructor(capacity = 0, options?: SharedChanOptions) {
    super(0, options?.name === undefined ? undefined : { name: options.name });
    if (opening !== null) {
      this.memory = opening.memory;
      this.codecName = opening.codec;
      opening = null;
    } else {
      nonNegativeInteger(capacity, 'SharedChan capacity');
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
    this.codec = this.memory.type === 'value' ? codecNamed(this.codecName) : structuredCodec;
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
    return Atomics.load(this.memory.words, H.Buffered);
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
    const encoded = this.encode(value, 'SharedChan.send');
    if (signal?.aborted) return Promise.reject(signal.reason);
    const step = this.sendStep(encoded, true);
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
    const encoded = this.encode(value, 'SharedChan.sendSync');
    const { words, entries, ring } = this.memory;
    for (;;) {
      const step = this.sendStep(encoded, true);
      if (step === SENT) return;
      if (step === CLOSED) throw new SendOnClosedChannelError();
      if (step === NO_ROOM) {
        waitSync(words, H.Room, this.roomSeq);
        this.leaveRoomWait();
        continue;
      }
      const parked = (step << 2) | Entry.Parked;
      const index = entries + (step & (ring - 1));
      for (let state = Atomics.load(words, index); state === parked; state = Atomics.load(words, index)) {
        waitSync(words, index, state);
      }
      if (Atomics.load(words, index) === ((step << 2) | Entry.Failed)) throw new SendOnClosedChannelError();
      return;
    }
  }

  /**
   * Go's `select { case ch <- value: ...; default: }`. Never blocks: sends and returns `true`
   * when a receiver (in any thread) is parked or the buffer has room, else returns `false`.
   *
   * @throws `SendOnClosedChannelError` when the channel is closed; the errors of `send` for bad
   *   values.
   */
  override trySend(value: T): boolean {
    const step = this.sendStep(this.encode(value, 'SharedChan.trySend'), false);
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
    const { words, slots } = this.memory;
    for (;;) {
      const step = this.recvStep(true);
      if (step === RECEIVED) return [this.decode(this.taken), true];
      if (step === CLOSED) return [undefined, false];
      if (step === NO_ROOM) {
        waitSync(words, H.Room, this.roomSeq);
        this.leaveRoomWait();
        continue;
      }
      for (let state = Atomics.load(words, slots + step); state === Slot.Waiting; state = Atomics.load(words, slots + step)) {
        waitSync(words, slots + step, state);
      }
      return this.finishReceive(step);
    }
  }

  /**
   * Go's `select { case v, ok := <-ch: ...; default: }`. Never blocks: `[value, true]` when a
   * value is available, `[undefined, false]` when closed and drained, `undefined` otherwise.
   */
  override tryRecv(): [value: T | undefined, ok: boolean] | undefined {
    const step = this.recvStep(false);
    if (step === RECEIVED) return [this.decode(this.taken), true];
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
    const { words, slots, entries, rq, rqRing, ring } = this.memory;
    lock(words, H.Lock);
    if (words[H.Closed] !== 0) {
      unlock(words, H.Lock);
      throw new CloseOfClosedChannelError();
    }
    words[H.Closed] = 1;
    for (let head = words[H.RqHead]!; head !== words[H.RqTail]; head = (head + 1) | 0) {
      const slot = words[rq + (head & (rqRing - 1))]!;
      if (words[slots + slot] === Slot.Waiting) {
        Atomics.store(words, slots + slot, Slot.Closed);
        Atomics.notify(words, slots + slot);
      } else {
        this.freeSlot(slot);
      }
    }
    words[H.RqHead] = words[H.RqTail]!;
    const park = words[H.Park]!;
    for (let position = park; position !== words[H.Tail]; position = (position + 1) | 0) {
      const index = entries + (position & (ring - 1));
      const state = words[index]!;
      if ((state & 3) === Entry.Parked) {
        Atomics.store(words, index, (state & ~3) | Entry.Failed);
        Atomics.notify(words, index);
      }
    }
    words[H.Tail] = park;
    this.signalOffers(H.RecvOffers, Slot.RecvOffer);
    this.signalOffers(H.SendOffers, Slot.SendOffer);
    Atomics.add(words, H.Room, 1);
    unlock(words, H.Lock);
    Atomics.notify(words, H.Room);
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
    return Atomics.load(this.memory.words, H.Closed) !== 0;
  }

  /**
   * @internal Whether a receive completes now for `select`: only once closed and drained, which
   * stays true. Values from other threads are taken by the parked path (see `parkReceiver`),
   * where claiming and committing happen in one synchronous step of this thread.
   */
  override recvReady(): boolean {
    const words = this.memory.words;
    return Atomics.load(words, H.Closed) !== 0 && Atomics.load(words, H.Buffered) === 0;
  }

  /** @internal Whether a send completes (by throwing) now for `select`: only once closed. */
  override sendReady(): boolean {
    return this.isClosed();
  }

  /** @internal A `select` send case chosen now. */
  override sendNow(value: T): void {
    this.trySend(value);
  }

  /** @internal Parks a `select` receive case: an offer, tried in this thread when signaled. */
  override parkReceiver(waiter: CaseWaiter<T>): void {
    this.parkCase(waiter as unknown as SelectCaseLike<T>, Slot.RecvOffer);
  }

  /** @internal Parks a `select` send case (see {@link SharedChan.parkReceiver}). */
  override parkSender(waiter: CaseWaiter<T>): void {
    this.parkCase(waiter as unknown as SelectCaseLike<T>, Slot.SendOffer);
  }

  /** @internal Withdraws a `select` case that lost or was aborted. */
  override unpark(waiter: CaseWaiter<T>): void {
    const offer = this.offers.get(waiter);
    if (offer === undefined) return;
    this.offers.delete(waiter);
    offer.done = true;
    this.withdraw(offer);
  }

  /** @internal The receive behind `recvOk` and the iterator. */
  receiveAsync(signal: AbortSignal | undefined): Promise<[T | undefined, boolean]> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const step = this.recvStep(true);
    if (step === RECEIVED) return completed([this.decode(this.taken), true]);
    if (step === CLOSED) return completed([undefined, false]);
    return this.receiveParked(step, signal);
  }

  // ---- Steps under the lock -------------------------------------------------------------

  /** Sends now if it can; else parks the value (`park`) at a position it returns, or finds no room. */
  private sendStep(encoded: unknown, park: boolean): number {
    const memory = this.memory;
    const { words, slots, rq, rqRing, entries, ring } = memory;
    lock(words, H.Lock);
    try {
      if (words[H.Closed] !== 0) return CLOSED;
      // Go's `send`: hand the value to the oldest waiting receiver.
      while (words[H.RqHead] !== words[H.RqTail]) {
        const head = words[H.RqHead]!;
        const slot = words[rq + (head & (rqRing - 1))]!;
        words[H.RqHead] = (head + 1) | 0;
        if (words[slots + slot] !== Slot.Waiting || isDead(words[memory.owners + slot]!)) {
          // Given up, or its thread was terminated: nobody would take the value.
          this.freeSlot(slot);
          continue;
        }
        this.store(memory.receiverSlot(slot), encoded);
        Atomics.store(words, slots + slot, Slot.Filled);
        Atomics.notify(words, slots + slot);
        return SENT;
      }
      const tail = words[H.Tail]!;
      // Go's buffered send. (A parked sender implies a full buffer, so it is never overtaken.)
      if (words[H.Buffered]! < words[H.Cap]!) {
        this.store(tail & (ring - 1), encoded);
        words[entries + (tail & (ring - 1))] = (tail << 2) | Entry.Done;
        words[H.Tail] = words[H.Park] = (tail + 1) | 0;
        Atomics.add(words, H.Buffered, 1);
        this.signalOffers(H.RecvOffers, Slot.RecvOffer);
        return SENT;
      }
      if (!park) return NOT_READY;
      if (((tail - words[H.Head]!) | 0) === ring) return this.enterRoomWait();
      this.store(tail & (ring - 1), encoded);
      Atomics.store(words, entries + (tail & (ring - 1)), (tail << 2) | Entry.Parked);
      words[H.Tail] = (tail + 1) | 0;
      this.signalOffers(H.RecvOffers, Slot.RecvOffer);
      return tail >>> 0;
    } finally {
      unlock(words, H.Lock);
    }
  }

  /** Receives now if it can (into {@link taken}); else parks a receiver slot it returns. */
  private recvStep(park: boolean): number {
    const memory = this.memory;
    const { words, slots, rq, rqRing, entries, ring } = memory;
    lock(words, H.Lock);
    try {
      let head = words[H.Head]!;
      const tail = words[H.Tail]!;
      let got = false;
      while (head !== tail && !got) {
        const index = entries + (head & (ring - 1));
        const state = words[index]!;
        const slot = head & (ring - 1);
        head = (head + 1) | 0;
        if ((state & 3) === Entry.Cancelled) continue;
        this.taken = this.load(slot);
        got = true;
        if ((state & 3) === Entry.Done) {
          Atomics.sub(words, H.Buffered, 1);
        } else {
          // Unbuffered: the parked sender's value was taken directly; it completes.
          Atomics.store(words, index, (state & ~3) | Entry.Done);
          Atomics.notify(words, index);
        }
      }
      if (head !== words[H.Head]) {
        words[H.Head] = head;
        if (((words[H.Park]! - head) | 0) < 0) words[H.Park] = head;
        this.promote();
        this.roomGained();
        this.signalOffers(H.SendOffers, Slot.SendOffer);
      }
      if (got) return RECEIVED;
      if (words[H.Closed] !== 0) return CLOSED;
      if (!park) return NOT_READY;
      if (words[H.Free] === 0) this.compactReceivers();
      if (words[H.Free] === 0) return this.enterRoomWait();
      const slot = words[memory.free + --words[H.Free]!]!;
      words[memory.owners + slot] = currentThread();
      Atomics.store(words, slots + slot, Slot.Waiting);
      const rqTail = words[H.RqTail]!;
      words[rq + (rqTail & (rqRing - 1))] = slot;
      words[H.RqTail] = (rqTail + 1) | 0;
      this.signalOffers(H.SendOffers, Slot.SendOffer);
      return slot;
    } finally {
      unlock(words, H.Lock);
    }
  }

  /** Under the lock: parked senders' values move into the buffer while it has room (Go's `recv`). */
  private promote(): void {
    const { words, entries, ring } = this.memory;
    const capacity = words[H.Cap]!;
    let park = words[H.Park]!;
    const tail = words[H.Tail]!;
    while (words[H.Buffered]! < capacity && park !== tail) {
      const index = entries + (park & (ring - 1));
      const state = words[index]!;
      park = (park + 1) | 0;
      if ((state & 3) !== Entry.Parked) continue;
      Atomics.store(words, index, (state & ~3) | Entry.Done);
      Atomics.notify(words, index);
      Atomics.add(words, H.Buffered, 1);
    }
    words[H.Park] = park;
  }

  /** Under the lock: returns a receiver slot to the free stack. */
  private freeSlot(slot: number): void {
    const { words, slots, free } = this.memory;
    Atomics.store(words, slots + slot, Slot.Free);
    words[free + words[H.Free]!] = slot;
    words[H.Free]!++;
    this.roomGained();
  }

  /** Under the lock, with no free receiver slot: frees the slots of receivers that gave up. */
  private compactReceivers(): void {
    const { words, slots, rq, rqRing, owners } = this.memory;
    const mask = rqRing - 1;
    const head = words[H.RqHead]!;
    let kept = head;
    for (let at = head; at !== words[H.RqTail]; at = (at + 1) | 0) {
      const slot = words[rq + (at & mask)]!;
      if (words[slots + slot] === Slot.Waiting && !isDead(words[owners + slot]!)) {
        words[rq + (kept & mask)] = slot;
        kept = (kept + 1) | 0;
      } else {
        this.freeSlot(slot);
      }
    }
    words[H.RqTail] = kept;
  }

  /** Under the lock: registers a wait for room; returns {@link NO_ROOM}. */
  private enterRoomWait(): number {
    const words = this.memory.words;
    words[H.RoomSleepers]!++;
    this.roomSeq = Atomics.load(words, H.Room);
    return NO_ROOM;
  }

  private leaveRoomWait(): void {
    const words = this.memory.words;
    lock(words, H.Lock);
    words[H.RoomSleepers]!--;
    unlock(words, H.Lock);
  }

  /** Under the lock: wakes operations waiting for room, if any sleeps. */
  private roomGained(): void {
    const words = this.memory.words;
    if (words[H.RoomSleepers] === 0) return;
    Atomics.add(words, H.Room, 1);
    Atomics.notify(words, H.Room);
  }

  /** Under the lock: wakes every offer of `kind` (there are `words[count]`). */
  private signalOffers(count: number, kind: number): void {
    const { words, slots, receivers, owners } = this.memory;
    if (words[count] === 0) return;
    for (let slot = 0; slot < receivers; slot++) {
      if (words[slots + slot] !== kind) continue;
      if (isDead(words[owners + slot]!)) {
        // The select of a terminated thread: nobody will withdraw its offer.
        words[count]!--;
        this.freeSlot(slot);
        continue;
      }
      Atomics.store(words, slots + slot, Slot.Signaled);
      Atomics.notify(words, slots + slot);
    }
  }

  /** Whether the case of an offer of `kind` may proceed now. Under the lock. */
  private offerReady(kind: number): boolean {
    const words = this.memory.words;
    if (words[H.Closed] !== 0) return true;
    if (kind === Slot.RecvOffer) return words[H.Head] !== words[H.Tail];
    return words[H.RqHead] !== words[H.RqTail] || words[H.Buffered]! < words[H.Cap]!;
  }

  /** Registers a parked `select` case; its offer slot is taken by {@link SharedChan.tryOffer}. */
  private parkCase(waiter: SelectCaseLike<T>, kind: number): void {
    const offer: Offer = { slot: -1, kind, done: false };
    this.offers.set(waiter, offer);
    void this.tryOffer(waiter, offer);
  }

  /** Takes an offer slot, signaled at once when the case may proceed; `false` when none is free. */
  private takeOfferSlot(offer: Offer): boolean {
    const memory = this.memory;
    const { words, slots } = memory;
    lock(words, H.Lock);
    if (words[H.Free] === 0) this.compactReceivers();
    if (words[H.Free] === 0) {
      this.enterRoomWait();
      unlock(words, H.Lock);
      return false;
    }
    const slot = words[memory.free + --words[H.Free]!]!;
    words[memory.owners + slot] = currentThread();
    words[offer.kind === Slot.RecvOffer ? H.RecvOffers : H.SendOffers]!++;
    Atomics.store(words, slots + slot, this.offerReady(offer.kind) ? Slot.Signaled : offer.kind);
    unlock(words, H.Lock);
    offer.slot = slot;
    return true;
  }

  /** Waits for an offer's signal, then tries its case; commits the select when it succeeds. */
  private async tryOffer(waiter: SelectCaseLike<T>, offer: Offer): Promise<void> {
    const { words, slots } = this.memory;
    // Never commit inside `select` itself: it parks every case before it waits for the winner.
    await Promise.resolve();
    while (!offer.done && !this.takeOfferSlot(offer)) {
      // Every slot is taken: wait until one is freed (or the select ends: see `withdraw`).
      try {
        await waitAsync(words, H.Room, this.roomSeq);
      } finally {
        this.leaveRoomWait();
      }
    }
    const word = slots + offer.slot;
    for (;;) {
      if (offer.done) return;
      const state = Atomics.load(words, word);
      if (state !== Slot.Signaled) {
        await waitAsync(words, word, state);
        continue;
      }
      if (offer.kind === Slot.RecvOffer) {
        const step = this.recvStep(false);
        if (step !== NOT_READY) {
          this.unpark(waiter as unknown as CaseWaiter<T>);
          waiter.group.commit(waiter, step === RECEIVED ? this.decode(this.taken) : undefined, step === RECEIVED);
          return;
        }
      } else {
        let step: number;
        try {
          step = this.sendStep(this.encode(waiter.value as T, 'select'), false);
        } catch (error) {
          this.unpark(waiter as unknown as CaseWaiter<T>);
          waiter.group.fail(waiter, error as Error);
          return;
        }
        if (step !== NOT_READY) {
          this.unpark(waiter as unknown as CaseWaiter<T>);
          if (step === CLOSED) waiter.group.fail(waiter, new SendOnClosedChannelError());
          else waiter.group.commit(waiter, undefined, true);
          return;
        }
      }
      // Another thread was faster: offer again, unless the case became ready meanwhile.
      lock(words, H.Lock);
      if (!this.offerReady(offer.kind)) Atomics.store(words, word, offer.kind);
      unlock(words, H.Lock);
    }
  }

  /** Frees an offer's slot and ends its wait. */
  private withdraw(offer: Offer): void {
    const words = this.memory.words;
    if (offer.slot < 0) {
      // Still waiting for a slot: end that wait (the others waiting for room wake and re-check).
      Atomics.add(words, H.Room, 1);
      Atomics.notify(words, H.Room);
      return;
    }
    lock(words, H.Lock);
    words[offer.kind === Slot.RecvOffer ? H.RecvOffers : H.SendOffers]!--;
    this.freeSlot(offer.slot);
    unlock(words, H.Lock);
    Atomics.notify(words, this.memory.slots + offer.slot);
  }

  // ---- Parked operations ----------------------------------------------------------------

  private async sendParked(encoded: unknown, step: number, signal: AbortSignal | undefined): Promise<void> {
    const { words, entries, ring } = this.memory;
    const key = {};
    parkedOperations.add(key, 'chan send', this.name);
    try {
      for (;;) {
        if (step === SENT) return;
        if (step === CLOSED) throw new SendOnClosedChannelError();
        if (step === NO_ROOM) {
          await this.waitForRoom(signal);
          step = this.sendStep(encoded, true);
          continue;
        }
        const position = step;
        const index = entries + (position & (ring - 1));
        let abortReason: { reason: unknown } | undefined;
        const link =
          signal &&
          watchAbort(signal, (reason) => {
            if (this.cancelSender(position)) abortReason = { reason };
          });
        const parked = (position << 2) | Entry.Parked;
        try {
          for (let state = Atomics.load(words, index); state === parked; state = Atomics.load(words, index)) {
            await waitAsync(words, index, state);
          }
        } finally {
          link?.unlink();
        }
        if (abortReason !== undefined) throw abortReason.reason;
        if (Atomics.load(words, index) === ((position << 2) | Entry.Failed)) throw new SendOnClosedChannelError();
        return;
      }
    } finally {
      parkedOperations.delete(key);
    }
  }

  /** Cancels a parked send that has not completed; returns whether it did. */
  private cancelSender(position: number): boolean {
    const { words, entries, ring } = this.memory;
    const index = entries + (position & (ring - 1));
    lock(words, H.Lock);
    const cancelled = words[index] === ((position << 2) | Entry.Parked);
    if (cancelled) {
      Atomics.store(words, index, (position << 2) | Entry.Cancelled);
      // Drop cancelled entries at the tail, so that an idle channel holds none.
      let tail = words[H.Tail]!;
      while (tail !== words[H.Park] && (words[entries + ((tail - 1) & (ring - 1))]! & 3) === Entry.Cancelled) {
        tail = (tail - 1) | 0;
      }
      words[H.Tail] = tail;
    }
    unlock(words, H.Lock);
    if (cancelled) Atomics.notify(words, index);
    return cancelled;
  }

  private async receiveParked(step: number, signal: AbortSignal | undefined): Promise<[T | undefined, boolean]> {
    const { words, slots } = this.memory;
    const key = {};
    parkedOperations.add(key, 'chan receive', this.name);
    try {
      for (;;) {
        if (step === RECEIVED) return [this.decode(this.taken), true];
        if (step === CLOSED) return [undefined, false];
        if (step === NO_ROOM) {
          await this.waitForRoom(signal);
          step = this.recvStep(true);
          continue;
        }
        const slot = step;
        let abortReason: { reason: unknown } | undefined;
        const link =
          signal &&
          watchAbort(signal, (reason) => {
            if (this.cancelReceiver(slot)) abortReason = { reason };
          });
        try {
          for (let state = Atomics.load(words, slots + slot); state === Slot.Waiting; state = Atomics.load(words, slots + slot)) {
            await waitAsync(words, slots + slot, state);
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

  /** Cancels a parked receive that got nothing yet; returns whether it did. */
  private cancelReceiver(slot: number): boolean {
    const { words, slots } = this.memory;
    lock(words, H.Lock);
    const cancelled = words[slots + slot] === Slot.Waiting;
    if (cancelled) Atomics.store(words, slots + slot, Slot.Cancelled);
    unlock(words, H.Lock);
    if (cancelled) Atomics.notify(words, slots + slot);
    return cancelled;
  }

  /** A parked receive's slot was filled or closed: takes the value and frees the slot. */
  private finishReceive(slot: number): [T | undefined, boolean] {
    const memory = this.memory;
    const { words, slots } = memory;
    const filled = Atomics.load(words, slots + slot) === Slot.Filled;
    const raw = filled ? this.load(memory.receiverSlot(slot)) : undefined;
    lock(words, H.Lock);
    this.freeSlot(slot);
    unlock(words, H.Lock);
    return filled ? [this.decode(raw), true] : [undefined, false];
  }

  /** Waits until the ring or the receiver slots gained room (or `signal` aborts: throws). */
  private async waitForRoom(signal: AbortSignal | undefined): Promise<void> {
    const words = this.memory.words;
    let abortReason: { reason: unknown } | undefined;
    const link =
      signal &&
      watchAbort(signal, (reason) => {
        abortReason = { reason };
        Atomics.add(words, H.Room, 1);
        Atomics.notify(words, H.Room);
      });
    try {
      await waitAsync(words, H.Room, this.roomSeq);
    } finally {
      link?.unlink();
      this.leaveRoomWait();
    }
    if (abortReason !== undefined) throw abortReason.reason;
  }

  // ---- Values ---------------------------------------------------------------------------

  /** Checks and encodes a value to send, before any state changes. */
  private encode(value: T, call: string): unknown {
    const type = this.memory.type;
    if (type === 'value') {
      let bytes: Uint8Array;
      try {
        bytes = this.codec.encode(value);
      } catch (error) {
        if (error instanceof UncopyableValueError) error.message = `${call}: ${error.message}`;
        throw error;
      }
      if (bytes.length > this.memory.slotBytes - 4) {
        throw new ValueTooLargeError(
          `${call}: the value encodes to ${bytes.length} bytes, more than this channel's maxValueBytes (${this.memory.slotBytes - 4}); create the channel with a larger { maxValueBytes }`,
        );
      }
      return bytes;
    }
    if (typeof value !== type) {
      throw new UncopyableValueError(
        `${call}: this SharedChan carries ${type}s ({ type: '${type}' }), got ${describeValue(value)}`,
      );
    }
    if (type === 'bigint' && BigInt.asIntN(64, value as bigint) !== value) {
      throw new RangeError(`${call}: a SharedChan of type 'bigint' carries 64-bit signed integers, got ${String(value)}n`);
    }
    return value;
  }

  /** Under the lock: stores an encoded value in value slot `slot`. */
  private store(slot: number, encoded: unknown): void {
    const memory = this.memory;
    switch (memory.type) {
      case 'number':
        memory.f64[slot] = encoded as number;
        return;
      case 'boolean':
        memory.f64[slot] = encoded === true ? 1 : 0;
        return;
      case 'bigint':
        memory.i64[slot] = encoded as bigint;
        return;
      default: {
        const bytes = encoded as Uint8Array;
        const at = slot * memory.slotBytes;
        const length = bytes.length;
        memory.bytes[at] = length & 0xff;
        memory.bytes[at + 1] = (length >>> 8) & 0xff;
        memory.bytes[at + 2] = (length >>> 16) & 0xff;
        memory.bytes[at + 3] = length >>> 24;
        memory.bytes.set(bytes, at + 4);
      }
    }
  }

  /** Copies the value out of value slot `slot` (still encoded for the codec). */
  private load(slot: number): unknown {
    const memory = this.memory;
    switch (memory.type) {
      case 'number':
        return memory.f64[slot];
      case 'boolean':
        return memory.f64[slot] === 1;
      case 'bigint':
        return memory.i64[slot];
      default: {
        const at = slot * memory.slotBytes;
        const b = memory.bytes;
        const length = b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
        return b.slice(at + 4, at + 4 + length);
      }
    }
  }

  /** Decodes a loaded value, outside the lock. */
  private decode(raw: unknown): T {
    return (this.memory.type === 'value' ? this.codec.decode(raw as Uint8Array) : raw) as T;
  }
}

function valueOf<T>(result: [T | undefined, boolean]): T | undefined {
  return result[0];
}

/** The waiter `select` parks on a channel (the @internal type of `Chan.parkReceiver`). */
type CaseWaiter<T> = Parameters<Chan<T>['parkReceiver']>[0];

/** What this module uses of a `select` case waiter. */
interface SelectCaseLike<T> {
  readonly value: T | undefined;
  readonly group: {
    commit(waiter: SelectCaseLike<T>, value: unknown, ok: boolean): void;
    fail(waiter: SelectCaseLike<T>, error: Error): void;
  };
}

/** A parked `select` case's offer slot. */
interface Offer {
  /** Its slot; -1 until one is free. */
  slot: number;
  readonly kind: number;
  done: boolean;
}

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
