/**
 * How the primitives show themselves in `console.log`, `util.inspect` and the debugger: a tag
 * (`Object.prototype.toString` gives `[object Chan]`) and a one-line summary of their public
 * state, never their private fields, e.g. `Chan<jobs> { len: 3, cap: 10, closed: false, recvWaiting: 2 }`.
 *
 * @module
 */

/** Node's `util.inspect.custom`, reached without importing `node:util` (browsers have no such symbol use). */
export const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/**
 * Formats `Tag<name> { key: value, ... }` for a custom inspect. `name` is omitted when
 * `undefined`; string values are quoted, the rest printed with `String`.
 */
export function formatState(tag: string, name: string | undefined, state: Record<string, unknown>): string {
  const fields = Object.entries(state)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? `'${value}'` : String(value)}`)
    .join(', ');
  return `${tag}${name === undefined ? '' : `<${name}>`} { ${fields} }`;
}
