/**
 * How a {@link SharedChan}'s values live in its shared memory: numbers, booleans and 64-bit
 * bigints in typed cells, with no serialization; anything else as the bytes of the channel's
 * codec, length-prefixed in a cell of `slotBytes`. Values are checked and encoded in the sending
 * thread before any shared state changes, and decoded in the receiving thread after the value
 * left shared memory, so no codec (user code) runs while a cell or the lock is held.
 *
 * @module
 */
import { describeValue } from '@csp/channel/internal';
import type { ChanMemory } from './chan-memory.js';
import type { Codec } from './codec.js';
import { UncopyableValueError, ValueTooLargeError } from './errors.js';

/** The values of one channel, in this thread: encoding, storing, loading, decoding. */
export class ValueSlots<T> {
  constructor(
    private readonly memory: ChanMemory,
    private readonly codec: Codec<any>,
  ) {}

  /**
   * Checks and encodes a value to send, before any state changes.
   * @throws {@link UncopyableValueError} for a value the codec refuses or of the wrong type;
   *   {@link ValueTooLargeError} for one over `maxValueBytes`; RangeError for a bigint that
   *   does not fit 64 bits.
   */
  encode(value: T, call: string): unknown {
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

  /** Stores an encoded value (from {@link encode} or {@link load}) in cell `cell`. */
  store(cell: number, encoded: unknown): void {
    const memory = this.memory;
    switch (memory.type) {
      case 'number':
        memory.f64[cell] = encoded as number;
        return;
      case 'boolean':
        memory.f64[cell] = encoded === true ? 1 : 0;
        return;
      case 'bigint':
        memory.i64[cell] = encoded as bigint;
        return;
      default: {
        const bytes = encoded as Uint8Array;
        const at = cell * memory.slotBytes;
        const length = bytes.length;
        const b = memory.bytes;
        b[at] = length & 0xff;
        b[at + 1] = (length >>> 8) & 0xff;
        b[at + 2] = (length >>> 16) & 0xff;
        b[at + 3] = length >>> 24;
        b.set(bytes, at + 4);
      }
    }
  }

  /** Copies the value out of cell `cell` (still encoded for the codec). */
  load(cell: number): unknown {
    const memory = this.memory;
    switch (memory.type) {
      case 'number':
        return memory.f64[cell];
      case 'boolean':
        return memory.f64[cell] === 1;
      case 'bigint':
        return memory.i64[cell];
      default: {
        const at = cell * memory.slotBytes;
        const b = memory.bytes;
        const length = b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
        return b.slice(at + 4, at + 4 + length);
      }
    }
  }

  /** Decodes a loaded value, in the receiving thread, holding nothing. */
  decode(raw: unknown): T {
    return (this.memory.type === 'value' ? this.codec.decode(raw as Uint8Array) : raw) as T;
  }
}
