/**
 * What every context of this package shares: the base class with Go's iterative value lookup,
 * the cancellation source a derived context listens to, and the two-phase cancellation of a
 * subtree (iterative, so a chain of any depth cannot overflow the stack).
 *
 * @module
 */
import type { Receiver } from '@csp/channel';
import { formatState, inspectCustom, type WaitNode, type WaitQueue } from '@csp/channel/internal';
import type { Context } from './context.js';

/** Returned by {@link ContextBase.ownValue} when a context does not answer for a key itself. */
export const notFound: unique symbol = Symbol('notFound');

/** The key under which a cancellable context answers with itself (Go's `&cancelCtxKey`). */
export const cancelContextKey: unique symbol = Symbol('cancelContextKey');

/**
 * A node that its parent context cancels: a cancellable context or an `afterFunc`. It sits in
 * its parent's list of children (a {@link WaitQueue}: O(1) to add and to remove).
 */
export interface Canceler extends WaitNode {
  /**
   * Records the cancellation (the first one wins: returns `false` when already cancelled) and
   * pushes the node's children onto `pending`. Must not run user code.
   */
  markCanceled(err: Error, cause: unknown, pending: Canceler[]): boolean;
  /** Tells the outside world, once the whole subtree is marked (aborts signals, runs callbacks). */
  notifyCanceled(): void;
  /** Removes the listener on a foreign parent's signal, if any. */
  detach: (() => void) | null;
}

/** The children of a cancellable context. */
export type Children = WaitQueue<Canceler>;

/** Cancels `root` and everything below it: first marks every node, then notifies them. */
export function cancelTree(root: Canceler, err: Error, cause: unknown): void {
  const pending: Canceler[] = [root];
  const canceled: Canceler[] = [];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.markCanceled(err, cause, pending)) canceled.push(node);
  }
  for (const node of canceled) node.notifyCanceled();
}

let neverAborted: AbortSignal | null = null;

/** The signal of contexts that are never cancelled: it never aborts. */
export function neverAbortedSignal(): AbortSignal {
  neverAborted ??= new AbortController().signal;
  return neverAborted;
}

/**
 * The base of this package's contexts. A context that is not cancellable by itself takes its
 * `done`, `err` and `signal` from its cancellation source (see {@link sourceOf}).
 */
export abstract class ContextBase implements Context {
  constructor(
    /** The context this one was derived from; `null` for `background()` and `todo()`. */
    readonly parent: Context | null,
    /** The deadline in epoch milliseconds, fixed at creation; `undefined` for none. */
    readonly deadlineAt: number | undefined,
  ) {}

  /**
   * Where this context's cancellation comes from: a cancellable context of this package, a
   * foreign context, or `null` when it can never be cancelled.
   */
  abstract cancelSource(): Context | null;

  /** This context's own answer for `key`, or {@link notFound} to ask its parent. */
  abstract ownValue(key: unknown): unknown;

  /** Which kind of context this is, Go's name for it: `Background`, `WithCancel`, `WithValue`, ... */
  protected abstract get kind(): string;

  /** `[object context.WithCancel]` and so on. */
  get [Symbol.toStringTag](): string {
    return `context.${this.kind}`;
  }

  /**
   * `context.WithCancel { err: undefined }`, with the deadline when there is one, for
   * `console.log` and `util.inspect`. Values are not shown (they may be secrets).
   */
  [inspectCustom](): string {
    const state: Record<string, unknown> = {};
    if (this.deadlineAt !== undefined) state['deadline'] = new Date(this.deadlineAt).toISOString();
    state['err'] = this.err()?.message;
    return formatState(`context.${this.kind}`, undefined, state);
  }

  /** See {@link Context.deadline}. */
  deadline(): [deadline: Date | undefined, ok: boolean] {
    return this.deadlineAt === undefined ? [undefined, false] : [new Date(this.deadlineAt), true];
  }

  /** See {@link Context.done}. */
  done(): Receiver<void> | null {
    const source = this.cancelSource();
    return source === null ? null : source.done();
  }

  /** See {@link Context.err}. */
  err(): Error | undefined {
    return this.cancelSource()?.err();
  }

  /** See {@link Context.value}. */
  value(key: unknown): unknown {
    return lookup(this, key);
  }

  /** See {@link Context.signal}. */
  get signal(): AbortSignal {
    return this.cancelSource()?.signal ?? neverAbortedSignal();
  }
}

/** Go's `value(c, key)`: walks up the tree in a loop, so a chain of any depth is fine. */
function lookup(start: ContextBase, key: unknown): unknown {
  let ctx: Context = start;
  while (ctx instanceof ContextBase) {
    const own = ctx.ownValue(key);
    if (own !== notFound) return own;
    if (ctx.parent === null) return undefined;
    ctx = ctx.parent;
  }
  return ctx.value(key);
}

/** The cancellation source of a context derived from `parent` (see {@link ContextBase.cancelSource}). */
export function sourceOf(parent: Context): Context | null {
  if (parent instanceof ContextBase) return parent.cancelSource();
  return parent.done() === null ? null : parent;
}

/** `parent`'s deadline in epoch milliseconds, or `undefined`. */
export function deadlineOf(parent: Context): number | undefined {
  if (parent instanceof ContextBase) return parent.deadlineAt;
  const [deadline, ok] = parent.deadline();
  return ok && deadline !== undefined ? deadline.getTime() : undefined;
}

/**
 * Returns `parent` when it is a context.
 * @throws TypeError (Go's `cannot create context from nil parent`) otherwise.
 */
export function checkParent(parent: Context): Context {
  if (parent === null || parent === undefined) {
    throw new TypeError('cannot create context from nil parent (start from context.background())');
  }
  return parent;
}
