/**
 * Arguments and results on their way between threads: a {@link SharedChan} anywhere inside them
 * travels as its handle and is opened again on the other side, and what cannot cross (a
 * function, a symbol, a promise) is refused at the call with {@link UncopyableValueError}.
 *
 * @module
 */
import { UncopyableValueError } from './errors.js';
import { SharedChan, isSharedChanHandle } from './shared-chan.js';

function uncopyable(call: string, what: string, path: string): never {
  throw new UncopyableValueError(
    `${call}: ${what} cannot be passed to another thread (at ${path}): threads share no heap and closures cannot cross; pass data, or export the function from the thread's module`,
  );
}

/**
 * `value` ready for `postMessage`: shared channels replaced by their handles (copying only the
 * containers that hold one). @throws UncopyableValueError naming the path of a function, symbol
 * or promise.
 */
export function outbound(value: unknown, call: string, path = 'args'): unknown {
  switch (typeof value) {
    case 'function':
      return uncopyable(call, 'a function', path);
    case 'symbol':
      return uncopyable(call, 'a symbol', path);
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return value;
  if (value instanceof SharedChan) return value.handle();
  if (value instanceof Promise) return uncopyable(call, 'a Promise', path);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const converted = outbound(item, call, `${path}[${i}]`);
      if (converted !== item) (copy ??= value.slice())[i] = converted;
    }
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const converted = outbound(item, call, `${path}.${key}`);
    if (converted !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = converted;
  }
  return copy ?? value;
}

/** `value` as received: channel handles opened as {@link SharedChan}s. */
export function inbound(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isSharedChanHandle(value)) return SharedChan.from(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = inbound(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = inbound(record[key]);
  return value;
}

/**
 * Whether `value` must cross by structured clone rather than the structured codec: it holds
 * shared memory (a `SharedArrayBuffer`, or a view on one), which structured clone shares and
 * the codec would copy, or an object with an own `__proto__` key (as `JSON.parse` makes), which
 * the codec would turn into a prototype. Looks into arrays, objects, `Map`s and `Set`s.
 */
export function needsStructuredClone(value: unknown, seen?: Set<object>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (ArrayBuffer.isView(value)) return isShared(value.buffer);
  if (isShared(value)) return true;
  const visited = seen ?? new Set<object>();
  if (visited.has(value)) return false;
  visited.add(value);
  if (Array.isArray(value)) return value.some((item) => needsStructuredClone(item, visited));
  if (value instanceof Map) {
    for (const [key, item] of value) if (needsStructuredClone(key, visited) || needsStructuredClone(item, visited)) return true;
    return false;
  }
  if (value instanceof Set) {
    for (const item of value) if (needsStructuredClone(item, visited)) return true;
    return false;
  }
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
  for (const key of Object.keys(value)) if (needsStructuredClone((value as Record<string, unknown>)[key], visited)) return true;
  return false;
}

function isShared(buffer: unknown): boolean {
  return typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
}
