/**
 * A thread's job slot: the shared memory through which a {@link ThreadPool} hands a job to one of
 * its threads and gets the result back, with no message and no event-loop turn on either side
 * while both are awake. A slot holds one job at a time (the pool runs one job per thread):
 *
 *	Empty ──post (main)──▶ Posted ──take (thread)──▶ Taken ──complete (thread)──▶ Done ──reap (main)──▶ Empty
 *	          Posted ──retract (main: the job was aborted before the thread took it)──▶ Empty
 *
 * Each transition is one atomic store or compare-and-exchange of the state word, made after the
 * payload it publishes was written, so no lock is ever taken (a thread terminated at any point
 * leaves nothing locked: its job is simply `Taken` or `Done`). The payload is the job's function
 * (its number, and its module URL and export name the first time this thread sees it), its
 * arguments and, in the other direction, its result: numbers in typed slots, other values as
 * bytes of the structured codec, and what neither can carry (a `SharedChan`, which travels as
 * shared memory; a value larger than the slot; an error, which keeps all that structured clone
 * keeps) by `postMessage` beside the slot.
 *
 * Waking a sleeping thread costs tens of µs, so the thread spins on the state word for a short
 * while after each job before it sleeps, and says so in the `Sleeping` word: the pool notifies
 * only a sleeper. In the other direction, the pool's {@link JobDoorbell} does the same for the
 * main thread.
 *
 * @module
 */
import { structuredCodec } from './codec.js';
import { needsStructuredClone } from './transfer.js';

/** The states of a slot. */
export const SlotState = { Empty: 0, Posted: 1, Taken: 2, Done: 3 } as const;

/** How a payload travels. */
const Carried = {
  /** Up to {@link MAX_NUMBERS} numbers in the typed slots (arguments), or one (a result). */
  Numbers: 0,
  /** `undefined` (a result). */
  Undefined: 1,
  /** Bytes of the structured codec in the byte area. */
  Bytes: 2,
  /** A message posted beside the slot, tagged with the job's sequence number. */
  Message: 3,
} as const;
type CarriedKind = (typeof Carried)[keyof typeof Carried];

/** The words of a slot's header. */
const W = {
  State: 0,
  /** 1 while the thread sleeps (or is about to) waiting for a job: a post must notify it. */
  Sleeping: 1,
  /** The job's sequence number, unique in the pool. */
  Seq: 2,
  /** The function's number (see {@link functionNumber}). */
  Fn: 3,
  /** Bytes of the module URL and of the export name at the start of the area; 0 when the thread knows the function. */
  UrlBytes: 4,
  NameBytes: 5,
  ArgKind: 6,
  /** How many numbers, or how many bytes after the names. */
  ArgSize: 7,
  ResultKind: 8,
  ResultSize: 9,
} as const;

/** The index of the state word, for waiting on it. */
export const STATE_WORD = W.State;

const HEADER_BYTES = 64;
/** The most arguments that travel as numbers. */
const MAX_NUMBERS = 8;
const AREA_OFFSET = HEADER_BYTES + MAX_NUMBERS * 8;
/** Bytes of the area for names, arguments and results. */
const AREA_BYTES = 16 * 1024;

// TextDecoder does not read shared memory (nor does the codec's), and browsers' encodeInto does not
// write it: payloads are copied out first, and names encoded before they are copied in.
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** What the thread finds in a slot it took. */
export interface TakenJob {
  readonly seq: number;
  readonly fn: number;
  /** The module URL and export name when the thread has not seen function `fn` yet, else `undefined`. */
  readonly url: string | undefined;
  readonly name: string | undefined;
  /** The arguments, or `undefined` when they come by message. */
  readonly args: unknown[] | undefined;
}

/** One thread's job slot, as either side sees it. */
export class JobSlot {
  readonly words: Int32Array;
  private readonly numbers: Float64Array;
  private readonly area: Uint8Array;

  /** Opens the slot in `buffer`, or makes a new one. */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(AREA_OFFSET + AREA_BYTES)) {
    this.words = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.numbers = new Float64Array(buffer, HEADER_BYTES, MAX_NUMBERS);
    this.area = new Uint8Array(buffer, AREA_OFFSET);
  }

  /** The slot's state. */
  get state(): number {
    return Atomics.load(this.words, W.State);
  }

  /** The sequence number of the job in the slot. */
  get seq(): number {
    return this.words[W.Seq]!;
  }

  // ── The pool's side ───────────────────────────────────────────────────────────────────────

  /**
   * Writes a job into the empty slot and publishes it, waking the thread if it sleeps. Arguments
   * that the slot cannot carry go first through `byMessage(seq, args)` (when it throws, nothing
   * was published). `names` is the module URL and export name, for a thread that does not know
   * function `fn` yet.
   * Returns whether the thread was awake (spinning for a job: no notify was needed).
   * @throws RangeError when the names do not fit the slot.
   */
  post(
    seq: number,
    fn: number,
    names: readonly [string, string] | undefined,
    args: readonly unknown[],
    byMessage: (seq: number, args: readonly unknown[]) => void,
  ): boolean {
    const words = this.words;
    words[W.Seq] = seq;
    words[W.Fn] = fn;
    let offset = 0;
    if (names === undefined) {
      words[W.UrlBytes] = words[W.NameBytes] = 0;
    } else {
      offset = words[W.UrlBytes] = this.writeText(names[0], 0);
      offset += words[W.NameBytes] = this.writeText(names[1], offset);
    }
    if (!this.writeArgs(args, offset)) byMessage(seq, args);
    Atomics.store(words, W.State, SlotState.Posted);
    if (Atomics.load(words, W.Sleeping) === 0) return true;
    Atomics.notify(words, W.State, 1);
    return false;
  }

  /** Takes back a job the thread has not taken yet; `false` when it has (it runs, or ran). */
  retract(): boolean {
    return Atomics.compareExchange(this.words, W.State, SlotState.Posted, SlotState.Empty) === SlotState.Posted;
  }

  /**
   * When the job is done: its result (`ok` is always true here; errors travel by message),
   * and the slot is empty again. Returns {@link byMessage} when the result comes by message.
   * Call only in state `Done`.
   */
  reap(): unknown {
    const words = this.words;
    const kind = words[W.ResultKind] as CarriedKind;
    const size = words[W.ResultSize]!;
    let value: unknown;
    switch (kind) {
      case Carried.Numbers:
        value = this.numbers[0];
        break;
      case Carried.Undefined:
        value = undefined;
        break;
      case Carried.Bytes:
        value = structuredCodec.decode(this.area.slice(0, size));
        break;
      default:
        value = byMessage;
    }
    Atomics.store(words, W.State, SlotState.Empty);
    return value;
  }

  // ── The thread's side ─────────────────────────────────────────────────────────────────────

  /**
   * Waits up to `spinMs` for a job without sleeping. Returns whether one is posted.
   */
  spinForJob(spinMs: number): boolean {
    const words = this.words;
    if (Atomics.load(words, W.State) === SlotState.Posted) return true;
    const deadline = performance.now() + spinMs;
    for (;;) {
      for (let i = 0; i < 128; i++) if (Atomics.load(words, W.State) === SlotState.Posted) return true;
      if (performance.now() > deadline) return false;
    }
  }

  /**
   * Marks the thread as going to sleep and returns the state to sleep on (a post changes it and
   * notifies); `undefined` (the mark cleared) when a job arrived meanwhile.
   */
  sleeping(): number | undefined {
    Atomics.store(this.words, W.Sleeping, 1);
    const state = Atomics.load(this.words, W.State);
    if (state !== SlotState.Posted) return state;
    this.awake();
    return undefined;
  }

  /** Clears the sleeping mark. */
  awake(): void {
    Atomics.store(this.words, W.Sleeping, 0);
  }

  /** Takes the posted job; `null` when there is none (it was retracted). */
  take(): TakenJob | null {
    const words = this.words;
    if (Atomics.compareExchange(words, W.State, SlotState.Posted, SlotState.Taken) !== SlotState.Posted) return null;
    const urlBytes = words[W.UrlBytes]!;
    const nameBytes = words[W.NameBytes]!;
    const named = urlBytes + nameBytes > 0;
    return {
      seq: words[W.Seq]!,
      fn: words[W.Fn]!,
      url: named ? this.readText(0, urlBytes) : undefined,
      name: named ? this.readText(urlBytes, nameBytes) : undefined,
      args: this.readArgs(urlBytes + nameBytes),
    };
  }

  /**
   * Writes a successful result and publishes it. Returns `false` when it must go by message
   * instead (the slot then stays `Taken`; the message settles the job).
   */
  complete(value: unknown): boolean {
    const words = this.words;
    if (typeof value === 'number') {
      words[W.ResultKind] = Carried.Numbers;
      this.numbers[0] = value;
    } else if (value === undefined) {
      words[W.ResultKind] = Carried.Undefined;
    } else {
      const size = this.writeBytes(value, 0);
      if (size < 0) return false;
      words[W.ResultKind] = Carried.Bytes;
      words[W.ResultSize] = size;
    }
    Atomics.store(words, W.State, SlotState.Done);
    return true;
  }

  // ── Payloads ──────────────────────────────────────────────────────────────────────────────

  private writeArgs(args: readonly unknown[], offset: number): boolean {
    const words = this.words;
    if (args.length <= MAX_NUMBERS && allNumbers(args)) {
      words[W.ArgKind] = Carried.Numbers;
      words[W.ArgSize] = args.length;
      for (let i = 0; i < args.length; i++) this.numbers[i] = args[i] as number;
      return true;
    }
    const size = this.writeBytes(args, offset);
    if (size < 0) {
      words[W.ArgKind] = Carried.Message;
      return false;
    }
    words[W.ArgKind] = Carried.Bytes;
    words[W.ArgSize] = size;
    return true;
  }

  private readArgs(offset: number): unknown[] | undefined {
    const words = this.words;
    const size = words[W.ArgSize]!;
    switch (words[W.ArgKind]) {
      case Carried.Numbers:
        return Array.from(this.numbers.subarray(0, size));
      case Carried.Bytes:
        return structuredCodec.decode(this.area.slice(offset, offset + size)) as unknown[];
      default:
        return undefined;
    }
  }

  /** Encodes `value` into the area at `offset`; -1 when the codec refuses it or it does not fit. */
  private writeBytes(value: unknown, offset: number): number {
    // Shared memory stays shared, and own `__proto__` keys stay keys, only by structured clone.
    if (needsStructuredClone(value)) return -1;
    let bytes: Uint8Array;
    try {
      bytes = structuredCodec.encode(value);
    } catch {
      return -1; // e.g. shared memory: structured clone, by message, copies what the codec cannot
    }
    if (bytes.length > this.area.length - offset) return -1;
    this.area.set(bytes, offset);
    return bytes.length;
  }

  private writeText(text: string, offset: number): number {
    // Browsers' encodeInto refuses a view of shared memory (Node's accepts it): encode, then copy.
    const bytes = utf8Encoder.encode(text);
    if (bytes.length > this.area.length - offset) {
      throw new RangeError(`a module URL or export name longer than ${AREA_BYTES} bytes`);
    }
    this.area.set(bytes, offset);
    return bytes.length;
  }

  private readText(offset: number, size: number): string {
    return utf8Decoder.decode(this.area.slice(offset, offset + size));
  }
}

/** What {@link JobSlot.reap} returns for a result that comes by message. */
export const byMessage: unique symbol = Symbol('byMessage');

function allNumbers(args: readonly unknown[]): boolean {
  for (let i = 0; i < args.length; i++) if (typeof args[i] !== 'number') return false;
  return true;
}
