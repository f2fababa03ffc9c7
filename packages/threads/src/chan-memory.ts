/**
 * The shared memory of one {@link SharedChan}, in one `SharedArrayBuffer`: every thread that
 * holds the buffer holds the same channel. Four parts:
 *
 * - **The buffer** (`capacity` values, none when unbuffered): a lock-free ring (see `ring.ts`),
 *   so that a send or receive on a buffered channel with nobody parked takes no lock.
 * - **Parked senders**: a queue of entries, each with its value and a state word
 *   `(ticket << 2) | status` (`ticket` is its position in the queue, so that a sender waking late
 *   tells its entry from a newer one in the same place). Go's `sendq`.
 * - **Parked receivers**: slots (from a free stack), queued FIFO in `rq`; a value is handed
 *   straight into the oldest one's slot. Go's `recvq`. Parked `select` cases hold such slots
 *   too, as offers (see `select-offers.ts`).
 * - **The header**: the ring's two cursors on cache lines of their own (the sending and the
 *   receiving thread each write one), then the words that both read on every operation and
 *   rarely change (how many operations are parked: the lock-free path leaves them to the locked
 *   one), then the lock and the locked path's bookkeeping.
 *
 * Everything but the ring happens under the header's lock; values are encoded before it is
 * taken and decoded after it is released, so no user code ever runs inside it.
 *
 * @module
 */
import { SharedMemoryUnavailableError } from './errors.js';

/** Indices of the header's words. */
export const H = {
  /** The ring's next position to fill, with {@link CLOSED_BIT} once closed. */
  Tail: 0,
  /** The ring's next position to take. */
  Head: 16,
  /** Parked senders (state `Parked`) plus parked `select` send cases, in all threads. */
  SendWaiters: 32,
  /** Parked receivers (state `Waiting`) plus parked `select` receive cases, in all threads. */
  RecvWaiters: 33,
  Closed: 34,
  Cap: 35,
  Ring: 36,
  Receivers: 37,
  Type: 38,
  SlotBytes: 39,
  RqRing: 40,
  Senders: 41,
  Lock: 48,
  RqHead: 49,
  RqTail: 50,
  Free: 51,
  /** Bumped when the parked senders' queue or the receiver slots gain room. */
  Room: 52,
  RoomSleepers: 53,
  /** Slots offered by parked `select` receive cases, in any thread. */
  RecvOffers: 54,
  /** Slots offered by parked `select` send cases, in any thread. */
  SendOffers: 55,
  SqHead: 56,
  SqTail: 57,
} as const;
const HEADER_WORDS = 64;

/** Set in `words[H.Tail]` by `close`: the ring takes no more values. */
export const CLOSED_BIT = 1 << 30;
/** Ring positions and sequence numbers count modulo 2^30. */
export const POSITION_MASK = CLOSED_BIT - 1;

/** Status of a parked sender's entry (low two bits of its state word). */
export const Entry = { Parked: 0, Done: 1, Cancelled: 2, Failed: 3 } as const;

/** State of a receiver slot. */
export const Slot = {
  Free: 0,
  Waiting: 1,
  Filled: 2,
  Closed: 3,
  Cancelled: 4,
  /** A parked `select` receive case: wake it when a value arrives or the channel closes. */
  RecvOffer: 5,
  /** A parked `select` send case: wake it when a receiver parks, room frees or the channel closes. */
  SendOffer: 6,
  /** An offer that was woken: its thread tries the case (and offers again if it lost the race). */
  Signaled: 7,
} as const;

/** How values are stored: in typed slots (no serialization) or through a codec. */
export type ElementType = 'number' | 'bigint' | 'boolean' | 'value';
const elementTypes: readonly ElementType[] = ['number', 'bigint', 'boolean', 'value'];

/** The shape of the memory, chosen at creation. */
export interface ChanShape {
  readonly capacity: number;
  readonly type: ElementType;
  readonly slotBytes: number;
  readonly parkedSenders: number;
  readonly parkedReceivers: number;
}

const nextPowerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(n, 1)));

/** The largest capacity: ring positions count modulo 2^30 and the ring is a power of two. */
export const MAX_CAPACITY = 1 << 28;

/** Typed views over a channel's `SharedArrayBuffer`. */
export class ChanMemory {
  readonly words: Int32Array;
  /** The buffer's capacity (Go's `cap`). */
  readonly capacity: number;
  /** Cells of the ring: the capacity rounded up to a power of two, at least 2; 0 when unbuffered. */
  readonly ring: number;
  /** Entries of the parked senders' queue (a power of two). */
  readonly senders: number;
  readonly receivers: number;
  readonly rqRing: number;
  readonly type: ElementType;
  readonly slotBytes: number;
  /** The ring's sequence numbers, one per cell (see `ring.ts`). */
  readonly seqs: Int32Array;
  /** Word index of the first parked sender's state. */
  readonly entries: number;
  /** Word index of the first receiver slot state. */
  readonly slots: number;
  /** Word index of the receiver queue ring (slot numbers). */
  readonly rq: number;
  /** Word index of the free slot stack. */
  readonly free: number;
  /** Word index of the receiver slots' owners (the parking thread's number, see `thread-registry`). */
  readonly owners: number;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  readonly bytes: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    const words = (this.words = new Int32Array(buffer));
    this.capacity = words[H.Cap]!;
    this.ring = words[H.Ring]!;
    this.senders = words[H.Senders]!;
    this.receivers = words[H.Receivers]!;
    this.rqRing = words[H.RqRing]!;
    this.type = elementTypes[words[H.Type]!]!;
    this.slotBytes = words[H.SlotBytes]!;
    const layout = layoutOf(this.ring, this.senders, this.receivers, this.rqRing);
    this.seqs = new Int32Array(buffer, HEADER_WORDS * 4, this.ring);
    this.entries = layout.entries;
    this.slots = layout.slots;
    this.rq = layout.rq;
    this.free = layout.free;
    this.owners = layout.owners;
    this.f64 = new Float64Array(buffer, layout.values);
    this.i64 = new BigInt64Array(buffer, layout.values);
    this.bytes = new Uint8Array(buffer, layout.values);
  }

  /** Allocates and initializes the memory of a new channel. */
  static create(shape: ChanShape): ChanMemory {
    if (typeof SharedArrayBuffer !== 'function') {
      throw new SharedMemoryUnavailableError(
        'SharedChan needs SharedArrayBuffer: in a browser, serve the page cross-origin isolated (Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)',
      );
    }
    // At least 2 cells: a published cell's sequence number (`position + 1`) must differ from a
    // freed one's (`position + ring`).
    const ring = shape.capacity === 0 ? 0 : Math.max(2, nextPowerOfTwo(shape.capacity));
    const senders = nextPowerOfTwo(shape.parkedSenders);
    const receivers = shape.parkedReceivers;
    const rqRing = nextPowerOfTwo(receivers);
    const layout = layoutOf(ring, senders, receivers, rqRing);
    const buffer = new SharedArrayBuffer(layout.values + (ring + senders + receivers) * shape.slotBytes);
    const words = new Int32Array(buffer);
    words[H.Cap] = shape.capacity;
    words[H.Ring] = ring;
    words[H.Senders] = senders;
    words[H.Receivers] = receivers;
    words[H.RqRing] = rqRing;
    words[H.Type] = elementTypes.indexOf(shape.type);
    words[H.SlotBytes] = shape.slotBytes;
    const memory = new ChanMemory(buffer);
    for (let i = 0; i < ring; i++) memory.seqs[i] = i;
    for (let i = 0; i < receivers; i++) words[memory.free + i] = i;
    words[H.Free] = receivers;
    return memory;
  }

  /** The value cell of parked-sender entry `position`. */
  senderCell(position: number): number {
    return this.ring + (position & (this.senders - 1));
  }

  /** The value cell of receiver slot `slot`. */
  receiverCell(slot: number): number {
    return this.ring + this.senders + slot;
  }
}

/** Where each part starts: word indices, and the byte offset of the values (8-aligned). */
function layoutOf(ring: number, senders: number, receivers: number, rqRing: number) {
  const entries = HEADER_WORDS + ring;
  const slots = entries + senders;
  const rq = slots + receivers;
  const free = rq + rqRing;
  const owners = free + receivers;
  const values = Math.ceil(((owners + receivers) * 4) / 8) * 8;
  return { entries, slots, rq, free, owners, values };
}
