/**
 * The registry behind the deadlock report: while the report is enabled (see `deadlock.ts`),
 * every parked operation is recorded with Go's wait reason, what it waits on and where it
 * parked. While it is disabled, recording costs one boolean check.
 *
 * @module
 */

/** One operation that is parked right now. */
export interface ParkedOperation {
  /** Go's wait reason: `chan receive`, `chan send`, `select`, `sync.Mutex.Lock`, ... */
  readonly reason: string;
  /** What it waits on, e.g. the channel's name; `undefined` when unnamed. */
  readonly subject: string | undefined;
  /** The stack where it parked, without this toolkit's own frames. */
  readonly stack: string;
}

/** What a parked operation waits on; a function is called only while the report is enabled. */
export type Subject = string | undefined | (() => string | undefined);

class ParkedOperations {
  private enabled = false;
  private readonly operations = new Map<object, ParkedOperation>();
  /** Where the operations parked by the current {@link ParkedOperations.parkFrom} call were made. */
  private site: string | undefined = undefined;

  /** Starts recording parked operations (from then on; earlier ones are not known). */
  enable(): void {
    this.enabled = true;
  }

  /** Records that `key` parked. */
  add(key: object, reason: string, subject: Subject): void {
    if (!this.enabled) return;
    const described = typeof subject === 'function' ? subject() : subject;
    this.operations.set(key, { reason, subject: described, stack: this.site ?? callerStack() });
  }

  /**
   * The caller's stack while the report is enabled, else `undefined` (one check). For an
   * operation that is made in one place and parks later, as `await recv(ch)` does: its `then`
   * runs from a microtask, where no frame of the user's code is left on the stack.
   */
  callSite(): string | undefined {
    return this.enabled ? callerStack() : undefined;
  }

  /** Runs `park`, recording what it parks as made at `site` (from {@link callSite}). */
  parkFrom<R>(site: string | undefined, park: () => R): R {
    if (site === undefined) return park();
    this.site = site;
    try {
      return park();
    } finally {
      this.site = undefined;
    }
  }

  /** Forgets `key` (it settled). */
  delete(key: object): void {
    if (this.enabled) this.operations.delete(key);
  }

  /** The operations parked right now, oldest first. */
  list(): ParkedOperation[] {
    return [...this.operations.values()];
  }
}

/** The process-wide registry. */
export const parkedOperations = new ParkedOperations();

const ownFrame =
  /[\\/](packages[\\/](channel|sync|patterns|threads)[\\/](src|dist)|node_modules[\\/]@csp)[\\/]|[( ]node:|\(native\)/;

function callerStack(): string {
  // Our own frames come first; keep enough of the stack to reach the user's.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const lines = stack.split('\n').slice(1);
  const user = lines.filter((line) => !ownFrame.test(line));
  return (user.length > 0 ? user : lines).map((line) => line.trim()).join('\n');
}
