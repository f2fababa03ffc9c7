/**
 * The construction options of the named primitives.
 *
 * @module
 */
import { describeValue } from '@csp/channel/internal';

/** The options of `new Mutex(options)`, `new RWMutex(options)` and `new Semaphore(size, options)`. */
export interface PrimitiveOptions {
  /**
   * A name shown by `console.log` / `util.inspect` (`Mutex<accounts> { locked: true, waiting: 2 }`)
   * and by the deadlock report (`[sync.Mutex.Lock] on accounts`).
   */
  readonly name?: string | undefined;
}

/**
 * The `name` of `options`, checked; `undefined` when none is given.
 *
 * @param what The class, for the message, e.g. `'Mutex'`.
 * @throws TypeError when `options` is not an object or `name` is not a string.
 */
export function nameOf(options: PrimitiveOptions | null | undefined, what: string): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') {
    throw new TypeError(`${what}: options must be an object such as { name }, got ${describeValue(options)}`);
  }
  const name: unknown = options.name;
  if (name === undefined) return undefined;
  if (typeof name !== 'string') throw new TypeError(`${what} name must be a string, got ${describeValue(name)}`);
  return name;
}
