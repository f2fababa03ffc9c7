/**
 * Go's `chansend`, `chanrecv` and `closechan` on a {@link SharedChan}'s shared memory
 * (`chan-memory.ts`). A send or receive on a buffered channel first tries the lock-free ring
 * (`ring.ts`), when nobody is parked on the channel; everything else happens under the channel's
 * lock: handing a value to a parked receiver, parking, cancelling, closing.
 *
 * The two paths meet through two counters that the lock-free path reads: parked senders and
 * parked receivers (each with the parked `select` cases of that direction). A lock-free send
 * publishes its value, then reads the receivers' count; a receiver parks (under the lock) by
 * raising that count, then looks at the ring again. Atomics are sequentially consistent, so at
 * least one of the two sees the other, and whichever does moves the value to the receiver under
 * the lock ({@link ChanSteps.pump}): no value waits in the buffer while a receiver sleeps. The
 * same holds for senders waiting for room. Parked operations keep Go's first come, first served:
 * while any is parked in a direction, operations in that direction take the locked path.
 *
 * A value claimed in the ring but not yet published was sent (the claim is the send's moment):
 * under the lock it counts as buffered, and the locked path waits the few instructions until it
 * is published ({@link ChanSteps.takeBuffered}) rather than take it for an empty ring. Else a
 * send could hand its value to a parked receiver ahead of a value still in the ring, perhaps
 * its own previous one, and a receiver would see one sender's values out of order.
 *
 * @module
 */
import { CLOSED_BIT, Entry, H, Slot, type ChanMemory } from './chan-memory.js';
import { EMPTY, Enqueued, Ring, ringHasRoom, ringLength, ringPending } from './ring.js';
import { lock, unlock } from './shared-lock.js';
import { currentThread, isDead } from './thread-registry.js';
import { wakeWaiters } from './thread-sleep-board.js';
import type { ValueSlots } from './value-slots.js';

/** A send completed; a position (>= 0) means "parked there". */
export const SENT = -1;
/** A receive completed, its value in {@link ChanSteps.taken}; a slot (>= 0) means "parked there". */
export const RECEIVED = -1;
/** The channel is closed (and, for a receive, drained). */
export const CLOSED = -2;
/** Every parking place is taken: wait for room (see {@link ChanSteps.roomSeq}) and try again. */
export const NO_ROOM = -3;
/** The operation cannot complete now and was asked not to park. */
export const NOT_READY = -4;

/** The steps of one channel's operations, in this thread. */
export class ChanSteps {
  /** The raw value of the last completed receive. */
  taken: unknown = undefined;
  /** The room counter read by the last step that found {@link NO_ROOM}. */
  roomSeq = 0;
  private readonly buffered: boolean;
  private readonly ring: Ring;

  constructor(
    readonly memory: ChanMemory,
    readonly values: ValueSlots<unknown>,
  ) {
    this.buffered = memory.ring > 0;
    this.ring = new Ring(memory, values);
  }

  /** Go's `len(ch)`. */
  length(): number {
    return this.buffered ? ringLength(this.memory) : 0;
  }

  isClosed(): boolean {
    return Atomics.load(this.memory.words, H.Closed) !== 0;
  }

  /**
   * The lock-free send: into the ring, when the channel is buffered, no sender is parked and the
   * ring has room. Returns whether it sent; when it did not, nothing changed.
   */
  sendFast(encoded: unknown): boolean {
    const words = this.memory.words;
    // Whether a sender is parked: a plain read, as the check only keeps parked senders first
    // (one that parks during this send is behind it anyway). The check after the send is the
    // one that must not miss a receiver, so it is atomic.
    if (!this.buffered || words[H.SendWaiters] !== 0 || this.ring.enqueue(encoded) !== Enqueued.Sent) return false;
    // A receiver that parked meanwhile is handed the value under the lock (see the module's notes).
    if (Atomics.load(words, H.RecvWaiters) !== 0) this.pumpLocked();
    return true;
  }

  /**
   * The lock-free receive: from the ring, when the channel is buffered, no receiver is parked
   * and a value is there (into {@link taken}). Returns whether it received.
   */
  receiveFast(): boolean {
    const words = this.memory.words;
    // A plain read, as in `sendFast`.
    if (!this.buffered || words[H.RecvWaiters] !== 0) return false;
    const raw = this.ring.dequeue();
    if (raw === EMPTY) return false;
    this.taken = raw;
    // A sender that parked meanwhile moves into the room made, under the lock.
    if (Atomics.load(words, H.SendWaiters) !== 0) this.pumpLocked();
    return true;
  }

  /**
   * Before a blocking receive parks: spins briefly until the ring has a value, `paced` in a
   * thread that blocks anyway (see `Ring.spinUntilReadable`).
   */
  spinForValue(spins: number, paced = false): void {
    if (this.buffered) this.ring.spinUntilReadable(spins, paced);
  }

  /** Before a blocking send parks: spins briefly until the ring has room. */
  spinForRoom(spins: number): void {
    if (this.buffered) this.ring.spinUntilWritable(spins);
  }

  /** Sends now if it can; else parks the value (`park`) at a position it returns, or finds no room. */
  send(encoded: unknown, park: boolean): number {
    if (this.sendFast(encoded)) return SENT;
    const memory = this.memory;
    const words = memory.words;
    lock(words, H.Lock);
    try {
      if (words[H.Closed] !== 0) return CLOSED;
      this.pump();
      // Go's `send`: hand the value to the oldest waiting receiver.
      const slot = this.oldestReceiver();
      if (slot >= 0) {
        this.fill(slot, encoded);
        return SENT;
      }
      // Go's buffered send, never ahead of a parked sender.
      if (this.buffered && words[H.SqHead] === words[H.SqTail]) {
        if (this.ring.enqueue(encoded) === Enqueued.Sent) {
          this.signalOffers();
          return SENT;
        }
      }
      if (!park) return NOT_READY;
      const tail = words[H.SqTail]!;
      if (((tail - words[H.SqHead]!) | 0) === memory.senders) return this.enterRoomWait();
      this.values.store(memory.senderCell(tail), encoded);
      Atomics.store(words, memory.entries + (tail & (memory.senders - 1)), (tail << 2) | Entry.Parked);
      words[H.SqTail] = (tail + 1) | 0;
      Atomics.add(words, H.SendWaiters, 1);
      // A lock-free receive may have made room since the ring said full: move in now.
      this.pump();
      return tail >>> 0;
    } finally {
      unlock(words, H.Lock);
    }
  }

  /** Receives now if it can (into {@link taken}); else parks a receiver slot it returns (`park`). */
  recv(park: boolean): number {
    if (this.receiveFast()) return RECEIVED;
    const memory = this.memory;
    const words = memory.words;
    lock(words, H.Lock);
    try {
      this.pump();
      if (this.takeValue()) return RECEIVED;
      // Closed and drained: no value is claimed after the close, and none claimed before is left.
      if (words[H.Closed] !== 0) return CLOSED;
      if (!park) return NOT_READY;
      if (words[H.Free] === 0) this.compactReceivers();
      if (words[H.Free] === 0) return this.enterRoomWait();
      const slot = words[memory.free + --words[H.Free]!]!;
      words[memory.owners + slot] = currentThread();
      Atomics.store(words, memory.slots + slot, Slot.Waiting);
      const rqTail = words[H.RqTail]!;
      words[memory.rq + (rqTail & (memory.rqRing - 1))] = slot;
      words[H.RqTail] = (rqTail + 1) | 0;
      Atomics.add(words, H.RecvWaiters, 1);
      // A lock-free send may have published since the ring said empty; a waiting receiver also
      // readies parked select send cases.
      this.pump();
      return slot;
    } finally {
      unlock(words, H.Lock);
    }
  }

  /**
   * Go's `closechan`: `false` when already closed. Parked receivers get the values still
   * buffered, then `Closed`; parked senders fail; every offer is signaled.
   */
  close(): boolean {
    const memory = this.memory;
    const { words, slots, entries, rq, rqRing, senders } = memory;
    lock(words, H.Lock);
    try {
      if (words[H.Closed] !== 0) return false;
      Atomics.store(words, H.Closed, 1);
      Atomics.or(words, H.Tail, CLOSED_BIT);
      // Values claimed before the close go to the receivers still waiting, once published.
      this.pump();
      for (let head = words[H.RqHead]!; head !== words[H.RqTail]; head = (head + 1) | 0) {
        const slot = words[rq + (head & (rqRing - 1))]!;
        if (words[slots + slot] === Slot.Waiting) {
          Atomics.store(words, slots + slot, Slot.Closed);
          Atomics.sub(words, H.RecvWaiters, 1);
          wakeWaiters(words, slots + slot);
        } else {
          this.freeSlot(slot);
        }
      }
      words[H.RqHead] = words[H.RqTail]!;
      for (let position = words[H.SqHead]!; position !== words[H.SqTail]; position = (position + 1) | 0) {
        const index = entries + (position & (senders - 1));
        const state = words[index]!;
        if ((state & 3) === Entry.Parked) {
          Atomics.store(words, index, (state & ~3) | Entry.Failed);
          Atomics.sub(words, H.SendWaiters, 1);
          wakeWaiters(words, index);
        }
      }
      words[H.SqHead] = words[H.SqTail]!;
      this.signalOffers();
      Atomics.add(words, H.Room, 1);
    } finally {
      unlock(words, H.Lock);
    }
    wakeWaiters(words, H.Room);
    return true;
  }

  /**
   * Whether a receive completes now (`select`): a value is buffered (a claimed one too: the
   * receive waits for it under the lock), or the channel is closed.
   */
  receiveReady(): boolean {
    const memory = this.memory;
    const words = memory.words;
    if (this.buffered) return ringPending(memory) || this.isClosed();
    return Atomics.load(words, H.SqHead) !== Atomics.load(words, H.SqTail) || this.isClosed();
  }

  /** Whether a send completes now (`select`): a receiver waits, the buffer has room, or closed (it throws). */
  sendReady(): boolean {
    const memory = this.memory;
    const words = memory.words;
    return (
      this.isClosed() ||
      Atomics.load(words, H.RqHead) !== Atomics.load(words, H.RqTail) ||
      (this.buffered && Atomics.load(words, H.SqHead) === Atomics.load(words, H.SqTail) && ringHasRoom(memory))
    );
  }

  // ---- Parked operations ----------------------------------------------------------------

  /** The state word of parked-sender entry `position` while it is parked. */
  parkedState(position: number): { index: number; parked: number; failed: number } {
    const memory = this.memory;
    return {
      index: memory.entries + (position & (memory.senders - 1)),
      parked: (position << 2) | Entry.Parked,
      failed: (position << 2) | Entry.Failed,
    };
  }

  /** Cancels a parked send that has not completed; returns whether it did. */
  cancelSender(position: number): boolean {
    const memory = this.memory;
    const { words, entries, senders } = memory;
    const index = entries + (position & (senders - 1));
    lock(words, H.Lock);
    const cancelled = words[index] === ((position << 2) | Entry.Parked);
    if (cancelled) {
      Atomics.store(words, index, (position << 2) | Entry.Cancelled);
      Atomics.sub(words, H.SendWaiters, 1);
      // Drop cancelled entries at the tail, so that an idle channel holds none.
      let tail = words[H.SqTail]!;
      while (tail !== words[H.SqHead] && (words[entries + ((tail - 1) & (senders - 1))]! & 3) === Entry.Cancelled) {
        tail = (tail - 1) | 0;
      }
      words[H.SqTail] = tail;
      this.roomGained();
      this.signalOffers();
    }
    unlock(words, H.Lock);
    if (cancelled) wakeWaiters(words, index);
    return cancelled;
  }

  /** Cancels a parked receive that got nothing yet; returns whether it did. */
  cancelReceiver(slot: number): boolean {
    const { words, slots } = this.memory;
    lock(words, H.Lock);
    const cancelled = words[slots + slot] === Slot.Waiting;
    if (cancelled) {
      Atomics.store(words, slots + slot, Slot.Cancelled);
      Atomics.sub(words, H.RecvWaiters, 1);
    }
    unlock(words, H.Lock);
    if (cancelled) wakeWaiters(words, slots + slot);
    return cancelled;
  }

  /** A parked receive's slot was filled or closed: frees the slot; returns the raw value or {@link EMPTY}. */
  finishReceive(slot: number): unknown {
    const memory = this.memory;
    const { words, slots } = memory;
    const raw = Atomics.load(words, slots + slot) === Slot.Filled ? this.values.load(memory.receiverCell(slot)) : EMPTY;
    lock(words, H.Lock);
    this.freeSlot(slot);
    unlock(words, H.Lock);
    return raw;
  }

  // ---- Select offers (see select-offers.ts) ----------------------------------------------

  /**
   * Takes a slot for a parked `select` case of `kind`, signaled at once when the case may
   * proceed; -1 when none is free (then wait for room, see {@link roomSeq}).
   */
  takeOfferSlot(kind: number): number {
    const memory = this.memory;
    const { words, slots } = memory;
    lock(words, H.Lock);
    try {
      if (words[H.Free] === 0) this.compactReceivers();
      if (words[H.Free] === 0) {
        this.enterRoomWait();
        return -1;
      }
      const slot = words[memory.free + --words[H.Free]!]!;
      words[memory.owners + slot] = currentThread();
      words[kind === Slot.RecvOffer ? H.RecvOffers : H.SendOffers]!++;
      Atomics.add(words, kind === Slot.RecvOffer ? H.RecvWaiters : H.SendWaiters, 1);
      Atomics.store(words, slots + slot, this.offerReady(kind) ? Slot.Signaled : kind);
      return slot;
    } finally {
      unlock(words, H.Lock);
    }
  }

  /** An offer whose thread lost the race for its case: offers again, unless the case is ready again. */
  renewOffer(slot: number, kind: number): void {
    const { words, slots } = this.memory;
    lock(words, H.Lock);
    if (!this.offerReady(kind)) Atomics.store(words, slots + slot, kind);
    unlock(words, H.Lock);
  }

  /** Frees an offer's slot and ends its wait. */
  releaseOffer(slot: number, kind: number): void {
    const { words, slots } = this.memory;
    lock(words, H.Lock);
    words[kind === Slot.RecvOffer ? H.RecvOffers : H.SendOffers]!--;
    Atomics.sub(words, kind === Slot.RecvOffer ? H.RecvWaiters : H.SendWaiters, 1);
    this.freeSlot(slot);
    unlock(words, H.Lock);
    wakeWaiters(words, slots + slot);
  }

  // ---- Waiting for room -----------------------------------------------------------------

  /** Under the lock: registers a wait for room; returns {@link NO_ROOM}. */
  private enterRoomWait(): number {
    const words = this.memory.words;
    words[H.RoomSleepers]!++;
    this.roomSeq = Atomics.load(words, H.Room);
    return NO_ROOM;
  }

  /** Ends a wait for room that {@link NO_ROOM} began. */
  leaveRoomWait(): void {
    const words = this.memory.words;
    lock(words, H.Lock);
    words[H.RoomSleepers]!--;
    unlock(words, H.Lock);
  }

  /** Wakes every wait for room, to re-check (an abort, a withdrawn select). */
  wakeRoomWaiters(): void {
    const words = this.memory.words;
    Atomics.add(words, H.Room, 1);
    wakeWaiters(words, H.Room);
  }

  /** Under the lock: wakes operations waiting for room, if any sleeps. */
  private roomGained(): void {
    if (this.memory.words[H.RoomSleepers] !== 0) this.wakeRoomWaiters();
  }

  // ---- Under the lock -------------------------------------------------------------------

  private pumpLocked(): void {
    const words = this.memory.words;
    lock(words, H.Lock);
    try {
      this.pump();
    } finally {
      unlock(words, H.Lock);
    }
  }

  /**
   * Under the lock: moves values to where they are awaited, as Go's `send` and `recv` do under
   * theirs: buffered values (or, unbuffered, parked senders' values) to the waiting receivers,
   * oldest first; parked senders' values into the buffer while it has room; then signals the
   * `select` offers whose case may proceed.
   */
  private pump(): void {
    const memory = this.memory;
    const { words, entries, senders } = memory;
    for (let moved = true; moved;) {
      moved = false;
      for (let slot = this.oldestReceiver(); slot >= 0; slot = this.oldestReceiver()) {
        const raw = this.buffered ? this.takeBuffered() : this.takeFromSender();
        if (raw === EMPTY) break;
        this.fill(slot, raw);
        moved = true;
      }
      while (this.buffered && words[H.SqHead] !== words[H.SqTail]) {
        const head = words[H.SqHead]!;
        const index = entries + (head & (senders - 1));
        const state = words[index]!;
        if ((state & 3) === Entry.Parked) {
          if (this.ring.enqueue(this.values.load(memory.senderCell(head))) !== Enqueued.Sent) break;
          Atomics.store(words, index, (state & ~3) | Entry.Done);
          Atomics.sub(words, H.SendWaiters, 1);
          wakeWaiters(words, index);
          moved = true;
        }
        words[H.SqHead] = (head + 1) | 0;
        this.roomGained();
      }
    }
    this.signalOffers();
  }

  /** Under the lock: takes a value for a receive into {@link taken}; `false` when none is ready. */
  private takeValue(): boolean {
    const raw = this.buffered ? this.takeBuffered() : this.takeFromSender();
    if (raw === EMPTY) return false;
    this.taken = raw;
    // Room in the buffer: the oldest parked senders move in.
    if (this.buffered) this.pump();
    return true;
  }

  /**
   * Under the lock, buffered: takes the value at the ring's head, or {@link EMPTY} when none is
   * claimed. A claimed value not yet published is waited for (its sender is between two
   * instructions and needs no lock to finish): handing out a later value first would break FIFO.
   */
  private takeBuffered(): unknown {
    for (;;) {
      const raw = this.ring.dequeue();
      if (raw !== EMPTY || !ringPending(this.memory)) return raw;
    }
  }

  /** Under the lock, unbuffered: takes the oldest parked sender's value (it completes), or {@link EMPTY}. */
  private takeFromSender(): unknown {
    const memory = this.memory;
    const { words, entries, senders } = memory;
    while (words[H.SqHead] !== words[H.SqTail]) {
      const head = words[H.SqHead]!;
      const index = entries + (head & (senders - 1));
      const state = words[index]!;
      words[H.SqHead] = (head + 1) | 0;
      this.roomGained();
      if ((state & 3) !== Entry.Parked) continue;
      const raw = this.values.load(memory.senderCell(head));
      Atomics.store(words, index, (state & ~3) | Entry.Done);
      Atomics.sub(words, H.SendWaiters, 1);
      wakeWaiters(words, index);
      return raw;
    }
    return EMPTY;
  }

  /** Under the lock: the oldest waiting receiver's slot (left in the queue), or -1. */
  private oldestReceiver(): number {
    const { words, slots, rq, rqRing, owners } = this.memory;
    while (words[H.RqHead] !== words[H.RqTail]) {
      const head = words[H.RqHead]!;
      const slot = words[rq + (head & (rqRing - 1))]!;
      const waiting = words[slots + slot] === Slot.Waiting;
      if (waiting && !isDead(words[owners + slot]!)) return slot;
      // Given up, or its thread was terminated: nobody would take a value.
      words[H.RqHead] = (head + 1) | 0;
      if (waiting) Atomics.sub(words, H.RecvWaiters, 1);
      this.freeSlot(slot);
    }
    return -1;
  }

  /** Under the lock: hands a value to the oldest waiting receiver, `slot`. */
  private fill(slot: number, encoded: unknown): void {
    const memory = this.memory;
    const words = memory.words;
    words[H.RqHead] = (words[H.RqHead]! + 1) | 0;
    this.values.store(memory.receiverCell(slot), encoded);
    Atomics.store(words, memory.slots + slot, Slot.Filled);
    Atomics.sub(words, H.RecvWaiters, 1);
    wakeWaiters(words, memory.slots + slot);
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
      const waiting = words[slots + slot] === Slot.Waiting;
      if (waiting && !isDead(words[owners + slot]!)) {
        words[rq + (kept & mask)] = slot;
        kept = (kept + 1) | 0;
      } else {
        if (waiting) Atomics.sub(words, H.RecvWaiters, 1);
        this.freeSlot(slot);
      }
    }
    words[H.RqTail] = kept;
  }

  /** Under the lock: signals the offers whose case may proceed now. */
  private signalOffers(): void {
    const words = this.memory.words;
    if (words[H.RecvOffers] !== 0 && this.offerReady(Slot.RecvOffer)) this.signalOffersOf(Slot.RecvOffer);
    if (words[H.SendOffers] !== 0 && this.offerReady(Slot.SendOffer)) this.signalOffersOf(Slot.SendOffer);
  }

  /** Under the lock: wakes every offer of `kind`. */
  private signalOffersOf(kind: number): void {
    const { words, slots, receivers, owners } = this.memory;
    for (let slot = 0; slot < receivers; slot++) {
      if (words[slots + slot] !== kind) continue;
      if (isDead(words[owners + slot]!)) {
        // The select of a terminated thread: nobody will withdraw its offer.
        words[kind === Slot.RecvOffer ? H.RecvOffers : H.SendOffers]!--;
        Atomics.sub(words, kind === Slot.RecvOffer ? H.RecvWaiters : H.SendWaiters, 1);
        this.freeSlot(slot);
        continue;
      }
      Atomics.store(words, slots + slot, Slot.Signaled);
      wakeWaiters(words, slots + slot);
    }
  }

  /** Under the lock: whether the case of an offer of `kind` may proceed now. */
  private offerReady(kind: number): boolean {
    const memory = this.memory;
    const words = memory.words;
    if (words[H.Closed] !== 0) return true;
    const parkedSender = words[H.SqHead] !== words[H.SqTail];
    if (kind === Slot.RecvOffer) return this.buffered ? ringPending(memory) : parkedSender;
    return words[H.RqHead] !== words[H.RqTail] || (this.buffered && !parkedSender && ringHasRoom(memory));
  }
}
