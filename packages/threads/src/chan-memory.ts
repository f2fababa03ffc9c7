/**
 * The shared memory of one {@link SharedChan}: a header of counters, the value queue (buffered
 * values, then the values of parked senders, in send order), the parked receivers' slots, and
 * the values, all in one `SharedArrayBuffer`. Every thread that holds the buffer holds the same
 * channel. All bookkeeping happens under the header's lock; values are encoded before it is
 * taken and decoded after it is released, so no user code ever runs inside it.
 *
 * The value queue is a ring of `ring` entries (a power of two) with three cursors:
 * `[head, park)` are buffered values (their sends completed), `[park, tail)` are values of parked
 * senders. A receive takes the first live entry; then, while fewer than `cap` values are buffered,
 * the oldest parked sender's entry becomes buffered and its sender completes: Go's `chansend` /
 * `chanrecv` with the parked sender's value moved into the buffer. Each entry has a state word
 * `(ticket << 2) | status`, where `ticket` is the send's position in the queue, so a sender that
 * wakes late can tell its entry from a newer one in the same slot.
 *
 * Parked receivers each own a slot (from a free stack) and queue in `rq`, FIFO; a sender hands
 * its value straight into the oldest waiting receiver's slot, as Go's `send` does with `recvq`.
 *
 * A parked `select` case does not take part in hand-offs: it holds an offer slot that is
 * signaled when its case may proceed, and its own thread then tries the case and commits the
 * select there, synchronously; so the shared side never consumes a value for a select that
 * another case already won.
 *
 * @module
 */
import { SharedMemoryUnavailableError } from './errors.js';

/** Indices of the header's words. */
export const H = {
  Lock: 0,
  Head: 1,
  Park: 2,
  Tail: 3,
  Buffered: 4,
  Closed: 5,
  Cap: 6,
  Ring: 7,
  Receivers: 8,
  RqHead: 9,
  RqTail: 10,
  Free: 11,
  /** Bumped when the ring or the receiver slots gain room, for operations waiting for room. */
  Room: 12,
  RoomSleepers: 13,
  Type: 14,
  SlotBytes: 15,
  RqRing: 16,
  /** Slots offered by parked `select` receive cases, in any thread. */
  RecvOffers: 17,
  /** Slots offered by parked `select` send cases, in any thread. */
  SendOffers: 18,
} as const;
const HEADER_WORDS = 20;

/** Status of a value-queue entry (low two bits of its state word). */
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

/** Typed views over a channel's `SharedArrayBuffer`. */
export class ChanMemory {
  readonly words: Int32Array;
  readonly ring: number;
  readonly receivers: number;
  readonly rqRing: number;
  readonly type: ElementType;
  readonly slotBytes: number;
  /** Word index of the first entry state. */
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
  /** Byte offset of value slot 0 (entries first, then receiver slots). */
  readonly values: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    const words = (this.words = new Int32Array(buffer));
    this.ring = words[H.Ring]!;
    this.receivers = words[H.Receivers]!;
    this.rqRing = words[H.RqRing]!;
    this.type = elementTypes[words[H.Type]!]!;
    this.slotBytes = words[H.SlotBytes]!;
    this.entries = HEADER_WORDS;
    this.slots = this.entries + this.ring;
    this.rq = this.slots + this.receivers;
    this.free = this.rq + this.rqRing;
    this.owners = this.free + this.receivers;
    this.values = Math.ceil(((this.owners + this.receivers) * 4) / 8) * 8;
    this.f64 = new Float64Array(buffer, this.values);
    this.i64 = new BigInt64Array(buffer, this.values);
    this.bytes = new Uint8Array(buffer, this.values);
  }

  /** Allocates and initializes the memory of a new channel. */
  static create(shape: ChanShape): ChanMemory {
    if (typeof SharedArrayBuffer !== 'function') {
      throw new SharedMemoryUnavailableError(
        'SharedChan needs SharedArrayBuffer: in a browser, serve the page cross-origin isolated (Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)',
      );
    }
    const ring = nextPowerOfTwo(shape.capacity + shape.parkedSenders);
    const receivers = shape.parkedReceivers;
    const rqRing = nextPowerOfTwo(receivers);
    const wordBytes = (HEADER_WORDS + ring + receivers + rqRing + 2 * receivers) * 4;
    const values = Math.ceil(wordBytes / 8) * 8;
    const buffer = new SharedArrayBuffer(values + (ring + receivers) * shape.slotBytes);
    const words = new Int32Array(buffer);
    words[H.Cap] = shape.capacity;
    words[H.Ring] = ring;
    words[H.Receivers] = receivers;
    words[H.RqRing] = rqRing;
    words[H.Type] = elementTypes.indexOf(shape.type);
    words[H.SlotBytes] = shape.slotBytes;
    const memory = new ChanMemory(buffer);
    for (let i = 0; i < receivers; i++) words[memory.free + i] = i;
    words[H.Free] = receivers;
    return memory;
  }

  get capacity(): number {
    return this.words[H.Cap]!;
  }

  /** The value slot of entry `position` of the ring. */
  entrySlot(position: number): number {
    return position & (this.ring - 1);
  }

  /** The value slot of receiver slot `slot`. */
  receiverSlot(slot: number): number {
    return this.ring + slot;
  }
}
