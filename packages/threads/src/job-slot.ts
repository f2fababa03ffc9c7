/**
 * A thread's job slot: the shared memory through which a {@link ThreadPool} hands a job to one of
 * its threads and gets the result back, with no message and no event-loop turn on either side
 * while both are awake. A slot holds one job at a time (the pool runs one job per thread):
 *
 *	Empty ──post (main)──▶ Posted ──take (thread)──▶ Taken ──start (thread)──▶ Running ──complete (thread)──▶ Done ──reap (main)──▶ Empty
 *	Posted or Taken ──retract (main: the job is given up, or its thread died, before it started)──▶ Empty
 *
 * A thread takes a job (reads it) before it can start it: its function's module may still be
 * loading, its arguments still coming by message. Only `start`, right before the function is
 * called, commits the job to this thread; until then the pool may take it back, and the job
 * never runs here (given up, or posted to another thread when this one died).
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
 * A thread has one slot per job it may hold at once (see `JobInbox`, which also wakes the thread
 * when it sleeps); the pool's {@link JobDoorbell} tells the main thread that results are in.
 *
 * @module
 */
import { structuredCodec } from './codec.js';
import { needsStructuredClone } from './transfer.js';

/** The states of a slot. */
export const SlotState = { Empty: 0, Posted: 1, Taken: 2, Done: 3, Running: 4 } as const;

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
  /** The job's sequence number, unique in the process: a thread takes its posted jobs in this order. */
  Seq: 1,
  /** The function's number (see `functionRef` in `thread-pool.ts`). */
  Fn: 2,
  /** Bytes of the module URL and of the export name at the start of the area; 0 when the thread knows the function. */
  UrlBytes: 3,
  NameBytes: 4,
  ArgKind: 5,
  /** How many numbers, or how many bytes after the names. */
  ArgSize: 6,
  ResultKind: 7,
  ResultSize: 8,
} as const;

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
  /** The slot it was taken from, where its result goes. */
  readonly slot: JobSlot;
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
   * Writes a job into the empty slot and publishes it (the caller then rings the thread's
   * `JobInbox`). Arguments that the slot cannot carry go first through `byMessage(seq, args)`
   * (when it throws, nothing was published). `names` is the module URL and export name, for a
   * thread that does not know function `fn` yet.
   * @throws RangeError when the names do not fit the slot.
   */
  post(
    seq: number,
    fn: number,
    names: readonly [string, string] | undefined,
    args: readonly unknown[],
    byMessage: (seq: number, args: readonly unknown[]) => void,
  ): void {
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
  }

  /** Takes back a job the thread has not started; `false` when it has (it runs, or ran). */
  retract(): boolean {
    const words = this.words;
    return (
      Atomics.compareExchange(words, W.State, SlotState.Posted, SlotState.Empty) === SlotState.Posted ||
      Atomics.compareExchange(words, W.State, SlotState.Taken, SlotState.Empty) === SlotState.Taken
    );
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

  /** The sequence number of the job here when it is not over (posted, taken or running), else -1. */
  heldSeq(): number {
    const state = Atomics.load(this.words, W.State);
    return state === SlotState.Posted || state === SlotState.Taken || state === SlotState.Running ? this.words[W.Seq]! : -1;
  }

  /** Whether a job is posted here, and its sequence number (else -1). */
  postedSeq(): number {
    return Atomics.load(this.words, W.State) === SlotState.Posted ? this.words[W.Seq]! : -1;
  }

  /** Takes the posted job; `null` when there is none (it was retracted). */
  take(): TakenJob | null {
    const words = this.words;
    if (Atomics.compareExchange(words, W.State, SlotState.Posted, SlotState.Taken) !== SlotState.Posted) return null;
    const urlBytes = words[W.UrlBytes]!;
    const nameBytes = words[W.NameBytes]!;
    const named = urlBytes + nameBytes > 0;
    return {
      slot: this,
      seq: words[W.Seq]!,
      fn: words[W.Fn]!,
      url: named ? this.readText(0, urlBytes) : undefined,
      name: named ? this.readText(urlBytes, nameBytes) : undefined,
      args: this.readArgs(urlBytes + nameBytes),
    };
  }

  /**
   * Commits the taken job `seq` to this thread, right before its function is called; `false`
   * when the pool took it back meanwhile (then it must not run).
   */
  start(seq: number): boolean {
    const words = this.words;
    return (
      words[W.Seq] === seq && Atomics.compareExchange(words, W.State, SlotState.Taken, SlotState.Running) === SlotState.Taken
    );
  }

  /**
   * Writes a successful result and publishes it. Returns `false` when it must go by message
   * instead (the slot then stays `Running`; the message settles the job).
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
