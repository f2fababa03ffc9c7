/**
 * How values that are not plain numbers, booleans or bigints cross threads: a {@link Codec}
 * turns a value into bytes in the sender's thread and back in the receiver's. The default,
 * {@link structuredCodec}, copies what `structuredClone` copies (primitives, strings, arrays,
 * plain objects, `Date`, `RegExp`, `Map`, `Set`, `ArrayBuffer`, typed arrays, errors, shared and
 * cyclic references) and refuses what it refuses (functions, symbols, weak collections,
 * promises) with {@link UncopyableValueError}.
 *
 * @module
 */
import { UncopyableValueError } from './errors.js';

/**
 * Turns values into bytes and back. `encode` runs in the sending thread, `decode` in the
 * receiving one, never inside a channel's lock. A channel made with a codec other than the
 * default names it (`codec: 'msgpack'`); every thread that opens the channel must have
 * registered a codec under that name with {@link registerCodec}.
 */
export interface Codec<T = unknown> {
  /** The value as bytes. Throws (at the send) for a value it cannot copy. */
  encode(value: T): Uint8Array;
  /** The value back from the bytes `encode` made. */
  decode(bytes: Uint8Array): T;
}

const Tag = {
  Undefined: 0,
  Null: 1,
  True: 2,
  False: 3,
  Number: 4,
  BigInt: 5,
  String: 6,
  Array: 7,
  Object: 8,
  Date: 9,
  RegExp: 10,
  Map: 11,
  Set: 12,
  ArrayBuffer: 13,
  TypedArray: 14,
  Error: 15,
  Reference: 16,
  Int: 17,
} as const;

const typedArrays = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
] as const;

const errorTypes: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

const utf8Encoder = new TextEncoder();
/** Little-endian float64 bytes (the writer's `DataView` writes little-endian). */
const floatView = new Float64Array(1);
const floatBytes = new Uint8Array(floatView.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8Decoder = new TextDecoder();

/** Strings up to this length are tried as ASCII first, without `TextEncoder`/`TextDecoder` (which cost more per call than a short string's bytes). */
const SHORT_STRING = 64;

/** Where in a value the writer is, for errors: array indices, property keys, or one of these. */
const MapKey = Symbol('<key>');
const MapValue = Symbol('.get(…)');
const SetMember = Symbol('<member>');
type PathStep = number | string | typeof MapKey | typeof MapValue | typeof SetMember;

/** A growable byte buffer. */
class Writer {
  bytes = new Uint8Array(256);
  view = new DataView(this.bytes.buffer);
  length = 0;
  /** The objects seen so far, for shared and cyclic references: a list while short, then a map. */
  private readonly seenList: object[] = [];
  private seenMap: Map<object, number> | null = null;
  /** The steps from the value to what is being written (rendered only for an error). */
  readonly path: PathStep[] = [];

  /** Forgets the last value written, keeping the memory. */
  reset(): void {
    if (this.bytes.length > 1 << 16) {
      // Do not keep the memory of one large value.
      this.bytes = new Uint8Array(256);
      this.view = new DataView(this.bytes.buffer);
    }
    this.length = 0;
    this.path.length = 0;
    this.seenList.length = 0;
    this.seenMap = null;
  }

  /** The reference number of `object` if it was written before; else records it and returns -1. */
  refOf(object: object): number {
    const map = this.seenMap;
    if (map === null) {
      const list = this.seenList;
      const index = list.indexOf(object);
      if (index >= 0) return index;
      list.push(object);
      if (list.length > 16) this.seenMap = new Map(list.map((o, i) => [o, i]));
      return -1;
    }
    const ref = map.get(object);
    if (ref !== undefined) return ref;
    map.set(object, map.size);
    return -1;
  }

  /** The path as written in errors: `value.job.run`, `value[3]`. */
  where(): string {
    let text = 'value';
    for (const step of this.path) {
      if (typeof step === 'number') text += `[${step}]`;
      else if (typeof step === 'string') text += `.${step}`;
      else text += step.description!;
    }
    return text;
  }

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b;
  }

  uint(n: number): void {
    this.room(4);
    this.view.setUint32(this.length, n, true);
    this.length += 4;
  }

  float(n: number): void {
    this.room(8);
    this.view.setFloat64(this.length, n, true);
    this.length += 8;
  }

  raw(data: Uint8Array): void {
    this.uint(data.length);
    this.room(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  string(s: string): void {
    const n = s.length;
    if (n <= SHORT_STRING) {
      this.room(4 + n);
      const b = this.bytes;
      const at = this.length + 4;
      let i = 0;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[at + i++] = c;
      }
      if (i === n) {
        this.view.setUint32(this.length, n, true);
        this.length = at + n;
        return;
      }
    }
    // Worst case 3 bytes per UTF-16 unit.
    this.room(4 + s.length * 3);
    const { written } = utf8Encoder.encodeInto(s, this.bytes.subarray(this.length + 4));
    this.view.setUint32(this.length, written, true);
    this.length += 4 + written;
  }
}

function uncopyable(what: string, w: Writer): never {
  const path = w.where();
  throw new UncopyableValueError(
    `${what} cannot be copied to another thread (at ${path}): threads share no heap, so values cross as copies; send data, not ${what}`,
  );
}

function write(w: Writer, value: unknown): void {
  switch (typeof value) {
    case 'undefined':
      return w.byte(Tag.Undefined);
    case 'boolean':
      return w.byte(value ? Tag.True : Tag.False);
    case 'number':
      if ((value | 0) === value && !Object.is(value, -0)) {
        w.byte(Tag.Int);
        return w.uint(value >>> 0);
      }
      w.byte(Tag.Number);
      return w.float(value);
    case 'bigint':
      w.byte(Tag.BigInt);
      return w.string(value.toString(16));
    case 'string':
      w.byte(Tag.String);
      return w.string(value);
    case 'function':
      return uncopyable('a function', w);
    case 'symbol':
      return uncopyable('a symbol', w);
  }
  if (value === null) return w.byte(Tag.Null);
  const object = value as object;
  const ref = w.refOf(object);
  if (ref >= 0) {
    w.byte(Tag.Reference);
    return w.uint(ref);
  }
  const path = w.path;
  if (Array.isArray(object)) {
    w.byte(Tag.Array);
    w.uint(object.length);
    for (let i = 0; i < object.length; i++) {
      path.push(i);
      write(w, object[i]);
      path.pop();
    }
    return;
  }
  if (Object.getPrototypeOf(object) === Object.prototype) return writeObject(w, object);
  if (object instanceof Date) {
    w.byte(Tag.Date);
    return w.float(object.getTime());
  }
  if (object instanceof RegExp) {
    w.byte(Tag.RegExp);
    w.string(object.source);
    return w.string(object.flags);
  }
  if (object instanceof Map) {
    w.byte(Tag.Map);
    w.uint(object.size);
    for (const [k, v] of object) {
      path.push(MapKey);
      write(w, k);
      path[path.length - 1] = MapValue;
      write(w, v);
      path.pop();
    }
    return;
  }
  if (object instanceof Set) {
    w.byte(Tag.Set);
    w.uint(object.size);
    for (const v of object) {
      path.push(SetMember);
      write(w, v);
      path.pop();
    }
    return;
  }
  if (object instanceof ArrayBuffer) {
    w.byte(Tag.ArrayBuffer);
    return w.raw(new Uint8Array(object));
  }
  if (ArrayBuffer.isView(object)) {
    const kind = typedArrays.findIndex((type) => object instanceof type);
    w.byte(Tag.TypedArray);
    w.byte(kind);
    return w.raw(new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
  }
  if (object instanceof Error) {
    w.byte(Tag.Error);
    w.string(object.name in errorTypes ? object.name : 'Error');
    w.string(object.message);
    return w.string(object.stack ?? '');
  }
  if (typeof SharedArrayBuffer === 'function' && object instanceof SharedArrayBuffer) {
    // A SharedChan (or other shared memory) in a value: it cannot become bytes.
    return uncopyable('a SharedArrayBuffer (a SharedChan travels as an argument of goThread or ThreadPool.run, or posted)', w);
  }
  if (object instanceof Promise) return uncopyable('a Promise', w);
  if (object instanceof WeakMap || object instanceof WeakSet || object instanceof WeakRef) {
    return uncopyable(`a ${object.constructor.name}`, w);
  }
  // Structured clone copies any other object's own enumerable string-keyed properties.
  writeObject(w, object);
}

function writeObject(w: Writer, object: object): void {
  const keys = Object.keys(object);
  const path = w.path;
  w.byte(Tag.Object);
  w.uint(keys.length);
  for (const key of keys) {
    w.string(key);
    path.push(key);
    write(w, (object as Record<string, unknown>)[key]);
    path.pop();
  }
}

/** Reads what {@link write} wrote. */
class Reader {
  offset = 0;
  readonly objects: unknown[] = [];

  constructor(readonly bytes: Uint8Array) {}

  uint(): number {
    const b = this.bytes;
    const at = this.offset;
    this.offset = at + 4;
    return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
  }

  float(): number {
    const b = this.bytes;
    const at = this.offset;
    this.offset = at + 8;
    if (littleEndian) for (let i = 0; i < 8; i++) floatBytes[i] = b[at + i]!;
    else for (let i = 0; i < 8; i++) floatBytes[7 - i] = b[at + i]!;
    return floatView[0]!;
  }

  raw(): Uint8Array {
    const n = this.uint();
    const copy = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return copy;
  }

  string(): string {
    const n = this.uint();
    const b = this.bytes;
    const at = this.offset;
    this.offset = at + n;
    if (n <= SHORT_STRING) {
      let s = '';
      let i = at;
      for (const end = at + n; i < end; i++) {
        const c = b[i]!;
        if (c >= 0x80) break;
        s += String.fromCharCode(c);
      }
      if (i === at + n) return s;
    }
    return utf8Decoder.decode(b.subarray(at, at + n));
  }

  /** Registers `object` as the next referenceable object and returns it. */
  keep<O>(object: O): O {
    this.objects.push(object);
    return object;
  }
}

function read(r: Reader): unknown {
  const tag = r.bytes[r.offset++];
  switch (tag) {
    case Tag.Undefined:
      return undefined;
    case Tag.Null:
      return null;
    case Tag.True:
      return true;
    case Tag.False:
      return false;
    case Tag.Int:
      return r.uint() | 0;
    case Tag.Number:
      return r.float();
    case Tag.BigInt: {
      const hex = r.string();
      return hex.startsWith('-') ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
    }
    case Tag.String:
      return r.string();
    case Tag.Reference:
      return r.objects[r.uint()];
    case Tag.Array: {
      const array = r.keep(new Array<unknown>(r.uint()));
      for (let i = 0; i < array.length; i++) array[i] = read(r);
      return array;
    }
    case Tag.Date:
      return r.keep(new Date(r.float()));
    case Tag.RegExp: {
      const source = r.string();
      return r.keep(new RegExp(source, r.string()));
    }
    case Tag.Map: {
      const map = r.keep(new Map<unknown, unknown>());
      for (let n = r.uint(); n > 0; n--) {
        const key = read(r);
        map.set(key, read(r));
      }
      return map;
    }
    case Tag.Set: {
      const set = r.keep(new Set<unknown>());
      for (let n = r.uint(); n > 0; n--) set.add(read(r));
      return set;
    }
    case Tag.ArrayBuffer:
      return r.keep(r.raw().buffer);
    case Tag.TypedArray: {
      const type = typedArrays[r.bytes[r.offset++]!]!;
      const buffer = r.raw().buffer;
      const unit = 'BYTES_PER_ELEMENT' in type ? type.BYTES_PER_ELEMENT : 1;
      const View = type as unknown as new (buffer: ArrayBufferLike, offset: number, length: number) => ArrayBufferView;
      return r.keep(new View(buffer, 0, buffer.byteLength / unit));
    }
    case Tag.Error: {
      const type = errorTypes[r.string()] ?? Error;
      const error = r.keep(new type(r.string()));
      error.stack = r.string();
      return error;
    }
    case Tag.Object: {
      const object = r.keep<Record<string, unknown>>({});
      for (let n = r.uint(); n > 0; n--) {
        const key = r.string();
        const item = read(r);
        // Assigning `__proto__` would set the prototype: define the own property instead.
        if (key === '__proto__')
          Object.defineProperty(object, key, { value: item, writable: true, enumerable: true, configurable: true });
        else object[key] = item;
      }
      return object;
    }
    default:
      throw new TypeError(`structuredCodec: corrupt bytes (unknown tag ${String(tag)} at ${r.offset - 1})`);
  }
}

/**
 * The default codec: copies what `structuredClone` copies, in any JavaScript runtime, with no
 * dependency. Shared and cyclic references are preserved; class instances arrive as plain
 * objects (their own enumerable properties), as with `structuredClone` and `postMessage`.
 *
 * @throws {@link UncopyableValueError} from `encode`, naming where in the value the function,
 *   symbol, `Promise` or weak collection is.
 */
export const structuredCodec: Codec = {
  encode(value: unknown): Uint8Array {
    // One writer per thread, reused; a getter that encodes again while it runs gets its own.
    const w = writing ? new Writer() : writer;
    const reused = !writing;
    writing = true;
    try {
      w.reset();
      write(w, value);
      return w.bytes.slice(0, w.length);
    } finally {
      if (reused) writing = false;
    }
  },
  decode(bytes: Uint8Array): unknown {
    return read(new Reader(bytes));
  },
};

const writer = new Writer();
let writing = false;

const codecs = new Map<string, Codec<any>>([['structured', structuredCodec]]);

/**
 * Registers `codec` under `name` in this thread, so that channels made with `{ codec: name }`
 * can be opened here. Register it in every thread that uses such a channel (typically at the
 * top of the module that a thread runs). Registering a name again replaces its codec.
 *
 * @throws TypeError when `codec` lacks `encode` or `decode`, or `name` is `'structured'` (the
 *   default's name).
 */
export function registerCodec(name: string, codec: Codec<any>): void {
  if (typeof name !== 'string' || name === 'structured') {
    throw new TypeError(`registerCodec: name must be a string other than 'structured', got ${String(name)}`);
  }
  if (typeof codec?.encode !== 'function' || typeof codec.decode !== 'function') {
    throw new TypeError(`registerCodec: codec must have encode(value) and decode(bytes) functions`);
  }
  codecs.set(name, codec);
}

/**
 * The codec registered as `name` in this thread.
 * @throws TypeError when none is registered here.
 * @internal
 */
export function codecNamed(name: string): Codec<any> {
  const codec = codecs.get(name);
  if (codec === undefined) {
    throw new TypeError(
      `SharedChan: codec '${name}' is not registered in this thread; call registerCodec('${name}', codec) in every thread that uses the channel`,
    );
  }
  return codec;
}
