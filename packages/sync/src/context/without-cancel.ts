/**
 * Go's `context.WithoutCancel`.
 *
 * @module
 */
import { cancelContextKey, checkParent, ContextBase, notFound } from './base.js';
import type { Context } from './context.js';

/** A context that keeps its parent's values but not its cancellation (Go's `withoutCancelCtx`). */
class WithoutCancelContext extends ContextBase {
  constructor(parent: Context) {
    super(parent, undefined);
  }

  protected get kind(): string {
    return 'WithoutCancel';
  }

  cancelSource(): null {
    return null;
  }

  ownValue(key: unknown): unknown {
    return key === cancelContextKey ? undefined : notFound;
  }

  override toString(): string {
    return `${String(this.parent)}.WithoutCancel`;
  }
}

/**
 * Go's `context.WithoutCancel(parent)`: a context with `parent`'s values that is never done
 * when `parent` is: no deadline, `done()` is `null`, `err()` and `cause` are `undefined`.
 * Never blocks.
 *
 * @throws TypeError when `parent` is missing.
 */
export function withoutCancel(parent: Context): Context {
  return new WithoutCancelContext(checkParent(parent));
}
