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

  /** Starts recording parked operations (from then on; earlier ones are not known). */
  enable(): void {
    this.enabled = true;
  }

  /** Records that `key` parked. */
  add(key: object, reason: string, subject: Subject): void {
    if (!this.enabled) return;
    const described = typeof subject === 'function' ? subject() : subject;
    this.operations.set(key, { reason, subject: described, stack: callerStack() });
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

const ownFrame = /[\\/](packages[\\/](channel|sync|patterns)[\\/](src|dist)|node_modules[\\/]@csp)[\\/]|node:internal|\(native\)/;

function callerStack(): string {
  const lines = (new Error().stack ?? '').split('\n').slice(1);
  const user = lines.filter((line) => !ownFrame.test(line));
  return (user.length > 0 ? user : lines).map((line) => line.trim()).join('\n');
}
