/**
 * A buffered {@link SharedChan}'s buffer: a bounded lock-free ring after Dmitry Vyukov's MPMC
 * queue. Every cell has a sequence number: `position` when it is free for the value at
 * `position`, `position + 1` once that value is written, `position + ring` once it was taken.
 * A sender claims position `tail` by a compare-and-swap on the tail and then publishes its value
 * by storing the cell's sequence number; a receiver claims `head` the same way once the cell is
 * published. So a send or a receive with nobody parked is a few atomic operations, and threads
 * sending while others receive touch different cache lines but the cells they pass.
 *
 * Go's rules on top: the ring never holds more than `capacity` values (the tail is claimed only
 * once the value `capacity` positions back was taken), and `close` sets {@link CLOSED_BIT} in the
 * tail, so no value is claimed after it. A value claimed but not yet published already counts
 * as buffered (its send happened at the claim): the locked path waits the few instructions
 * until it is published (see {@link ringPending}), so that no later value overtakes it, nor a
 * close drains the ring without it. A pool never terminates a thread between its claim and its publish (the
 * ring's operations are critical sections, see `shared-lock.ts`).
 *
 * @module
 */
import { CLOSED_BIT, H, POSITION_MASK, type ChanMemory } from './chan-memory.js';
import { enterCriticalSection, leaveCriticalSection } from './shared-lock.js';
import type { ValueSlots } from './value-slots.js';

/** What {@link Ring.dequeue} returns when no published value is at the head. */
export const EMPTY: unique symbol = Symbol('empty');

/** Results of {@link Ring.enqueue}. */
export const Enqueued = { Sent: 0, Full: 1, Closed: 2 } as const;

/** `a - b` for positions modulo 2^30, as a signed number. */
const distance = (a: number, b: number): number => ((a - b) << 2) >> 2;

/** One thread's view of a channel's ring. */
export class Ring {
  private readonly words: Int32Array;
  private readonly seqs: Int32Array;
  private readonly mask: number;
  private readonly size: number;
  private readonly capacity: number;
  constructor(
    memory: ChanMemory,
    private readonly values: ValueSlots<unknown>,
  ) {
    this.words = memory.words;
    this.seqs = memory.seqs;
    this.size = memory.ring;
    this.mask = memory.ring - 1;
    this.capacity = memory.capacity;
  }

  /**
   * Puts `encoded` at the tail, unless the ring is full or closed. Never blocks. Reads no word
   * the receivers write but the cells it passes: with `capacity` a power of two (the ring's
   * size), the cell at the tail is free exactly when the buffer has room; otherwise also the
   * cell `capacity` positions back must have been taken.
   */
  enqueue(encoded: unknown): number {
    const { words, seqs, mask, size, capacity } = this;
    for (;;) {
      // A plain read (an atomic load costs several times more): a stale tail fails the
      // compare-and-swap below, which reads it again.
      const tail = words[H.Tail]!;
      if ((tail & CLOSED_BIT) !== 0) return Enqueued.Closed;
      const cell = tail & mask;
      const gap = distance(Atomics.load(seqs, cell), tail);
      if (gap < 0) return Enqueued.Full; // the cell's value of the previous lap is not taken yet
      if (gap > 0) continue; // another sender claimed this position: read the tail again
      if (capacity !== size) {
        const oldest = (tail - capacity) & POSITION_MASK;
        if (Atomics.load(seqs, oldest & mask) !== ((oldest + size) & POSITION_MASK)) return Enqueued.Full;
      }
      enterCriticalSection();
      if (Atomics.compareExchange(words, H.Tail, tail, (tail + 1) & POSITION_MASK) === tail) {
        this.values.store(cell, encoded);
        Atomics.store(seqs, cell, (tail + 1) & POSITION_MASK);
        leaveCriticalSection();
        return Enqueued.Sent;
      }
      leaveCriticalSection();
    }
  }

  /**
   * Spins until the cell at the head is published or `spins` loads went by, before a receive
   * parks. Polls that one word (the sender's line), so it costs the sender little. `paced`
   * (a thread that blocks anyway, in `recvSync`) polls at a slower pace: each poll takes back
   * the line of the cell the sender is about to write, so fewer polls let a streaming sender go
   * faster (`bench/README.md`: over 10M numbers/s in 8 of 15 runs, against at most 8.9M in
   * 17 runs without), for a spin about four times as long (~20 µs) before parking.
   */
  spinUntilReadable(spins: number, paced: boolean): void {
    const { words, seqs, mask } = this;
    for (let round = 0; round < spins; round += 64) {
      const head = Atomics.load(words, H.Head);
      if ((Atomics.load(words, H.Tail) & CLOSED_BIT) !== 0) return;
      const cell = head & mask;
      const published = (head + 1) & POSITION_MASK;
      for (let i = 0; i < 64; i++) {
        if (Atomics.load(seqs, cell) === published) return;
        if (paced) pause();
      }
    }
  }

  /** Spins until the cell at the tail is free or `spins` loads went by, before a send parks. */
  spinUntilWritable(spins: number): void {
    const { words, seqs, mask } = this;
    for (let round = 0; round < spins; round += 64) {
      const tail = Atomics.load(words, H.Tail);
      if ((tail & CLOSED_BIT) !== 0) return;
      const cell = tail & mask;
      for (let i = 0; i < 64; i++) if (Atomics.load(seqs, cell) === tail) return;
    }
  }

  /** Takes the value at the head (still encoded), or returns {@link EMPTY}. Never blocks. */
  dequeue(): unknown {
    const { words, seqs } = this;
    for (;;) {
      // A plain read, checked by the compare-and-swap (see `enqueue`).
      const head = words[H.Head]!;
      const cell = head & this.mask;
      const gap = distance(Atomics.load(seqs, cell), (head + 1) & POSITION_MASK);
      if (gap === 0) {
        enterCriticalSection();
        if (Atomics.compareExchange(words, H.Head, head, (head + 1) & POSITION_MASK) === head) {
          const raw = this.values.load(cell);
          Atomics.store(seqs, cell, (head + this.size) & POSITION_MASK);
          leaveCriticalSection();
          return raw;
        }
        leaveCriticalSection();
      } else if (gap < 0) {
        return EMPTY;
      }
    }
  }
}

/** Rounds of {@link pause}: a few dozen cycles. */
const PAUSE_ROUNDS = 32;
let pauseSink = 0;

/** A few dozen cycles that touch no shared memory (JavaScript has no pause instruction). */
function pause(): void {
  let x = pauseSink;
  for (let i = 0; i < PAUSE_ROUNDS; i++) x = (x * 31 + i) | 0;
  pauseSink = x;
}

/** How many values the ring holds, including claimed ones not yet published (Go's `len`). */
export function ringLength(memory: ChanMemory): number {
  const head = Atomics.load(memory.words, H.Head);
  const tail = Atomics.load(memory.words, H.Tail) & POSITION_MASK;
  return Math.min((tail - head) & POSITION_MASK, memory.capacity);
}

/** Whether a value is claimed that no receiver took yet (published or not). */
export function ringPending(memory: ChanMemory): boolean {
  return Atomics.load(memory.words, H.Head) !== (Atomics.load(memory.words, H.Tail) & POSITION_MASK);
}

/** Whether a send would find room now (the ring not closed, fewer than `capacity` values). */
export function ringHasRoom(memory: ChanMemory): boolean {
  const head = Atomics.load(memory.words, H.Head);
  const tail = Atomics.load(memory.words, H.Tail);
  return (tail & CLOSED_BIT) === 0 && ((tail - head) & POSITION_MASK) < memory.capacity;
}
