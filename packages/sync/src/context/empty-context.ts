/**
 * The roots of every context tree: Go's `context.Background()` and `context.TODO()`.
 *
 * @module
 */
import { ContextBase, notFound } from './base.js';
import type { Context } from './context.js';

/** A context that is never cancelled, has no deadline and no values. */
class EmptyContext extends ContextBase {
  constructor(protected readonly kind: string) {
    super(null, undefined);
  }

  cancelSource(): null {
    return null;
  }

  ownValue(): unknown {
    return notFound;
  }

  override toString(): string {
    return `context.${this.kind}`;
  }
}

const backgroundContext = new EmptyContext('Background');
const todoContext = new EmptyContext('TODO');

/**
 * Go's `context.Background()`: the root context, never cancelled, without deadline or values.
 * `done()` is `null` and `signal` never aborts. Always the same object. Never blocks.
 */
export function background(): Context {
  return backgroundContext;
}

/**
 * Go's `context.TODO()`: like {@link background}, to mark code where the right context is not
 * yet known. Never blocks.
 */
export function todo(): Context {
  return todoContext;
}
