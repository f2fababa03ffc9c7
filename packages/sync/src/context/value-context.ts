/**
 * Go's `context.WithValue`.
 *
 * @module
 */
import { checkParent, ContextBase, deadlineOf, notFound, sourceOf } from './base.js';
import type { Context } from './context.js';

/** A context carrying one key/value pair (Go's `valueCtx`). */
class ValueContext extends ContextBase {
  private readonly source: Context | null;

  constructor(
    parent: Context,
    private readonly key: unknown,
    private readonly val: unknown,
  ) {
    super(parent, deadlineOf(parent));
    this.source = sourceOf(parent);
  }

  protected get kind(): string {
    return 'WithValue';
  }

  cancelSource(): Context | null {
    return this.source;
  }

  ownValue(key: unknown): unknown {
    return key === this.key ? this.val : notFound;
  }

  override toString(): string {
    return `${String(this.parent)}.WithValue(${String(this.key)}, ${String(this.val)})`;
  }
}

/**
 * Go's `context.WithValue(parent, key, val)`: a copy of `parent` in which `ctx.value(key)` is
 * `val`. It is done when `parent` is. Use a key of your own (a `Symbol`, or an object) so that
 * packages cannot collide; keys are compared with `===`. Never blocks.
 *
 * @throws TypeError when `key` is `null` or `undefined` (Go's `nil key`), or `parent` is missing.
 */
export function withValue(parent: Context, key: unknown, val: unknown): Context {
  checkParent(parent);
  if (key === null || key === undefined) throw new TypeError('nil key (context.withValue needs a key; use a Symbol of your own)');
  return new ValueContext(parent, key, val);
}
