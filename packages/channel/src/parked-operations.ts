/**
 * The registry behind the deadlock report: while the report is enabled (see `deadlock.ts`),
 * every parked operation is recorded with Go's wait reason, what it waits on and where it
 * parked. While it is disabled, recording costs one boolean check.
 *
 * The registry is one per process, not one per copy of this package: it lives on `globalThis`
 * under `Symbol.for('@csp/channel.parkedOperations')`, so that when a program ends up with two
 * copies of `@csp/channel` (two versions in `node_modules`), an operation parked through one copy
 * is still reported by the other. Its methods are therefore a protocol between versions: add to
 * them, never change them.
 *
 * @module
 */

/** One operation that is parked right now. */
export interface ParkedOperation {
  /** Go's wait reason: `chan receive`, `chan send`, `select`, `sync.Mutex.Lock`, ... */
  readonly reason: string;
  /** What it waits on, e.g. the channel's name; `undefined` when unnamed. */
  readonly subject: string | undefined;
  /** The stack where it parked, without this toolkit's own frames (see {@link userFrames}). */
  readonly stack: string;
  /**
   * The number of the worker thread it parked in (a `@csp/threads` pool's thread), when another
   * thread's registry reported it; `undefined` for this thread's own operations.
   */
  readonly thread?: number | undefined;
}

/** What a parked operation waits on; a function is called only while the report is enabled. */
export type Subject = string | undefined | (() => string | undefined);

/** The process-wide registry of parked operations (see the module comment). */
export interface ParkedOperationRegistry {
  /** Whether the report is on. */
  readonly enabled: boolean;
  /** Whether a copy of the package installed the report's exit hook (only one may). */
  reportInstalled: boolean;
  /** Starts recording parked operations (from then on; earlier ones are not known). */
  enable(): void;
  /**
   * Stops recording and forgets every operation recorded, for a test or tool that turned the
   * registry on for a while: left on, it costs a stack capture per parked operation.
   */
  disable(): void;
  /** Records that `key` parked, unless it parks inside {@link ParkedOperationRegistry.parkDaemon}. */
  add(key: object, reason: string, subject: Subject): void;
  /**
   * The caller's stack while the report is enabled, else `undefined` (one check). For an
   * operation that is made in one place and parks later, as `await recv(ch)` does: its `then`
   * runs from a microtask, where no frame of the user's code is left on the stack.
   */
  callSite(): string | undefined;
  /** Runs `park`, recording what it parks as made at `site` (from {@link ParkedOperationRegistry.callSite}). */
  parkFrom<R>(site: string | undefined, park: () => R): R;
  /**
   * Runs `park`, recording nothing it parks: Go's "system goroutines", which a deadlock report
   * leaves out. For the library's own background work that parks by design and must not keep a
   * finished program from exiting cleanly, such as a rate limiter's refill or a priority queue's
   * standing offer. Whoever waits on such an operation's result is still reported.
   */
  parkDaemon<R>(park: () => R): R;
  /** Forgets `key` (it settled). */
  delete(key: object): void;
  /** The operations parked right now, oldest first. */
  list(): ParkedOperation[];
}

class ParkedOperations implements ParkedOperationRegistry {
  enabled = false;
  reportInstalled = false;
  private readonly operations = new Map<object, ParkedOperation>();
  /** Where the operations parked by the current {@link ParkedOperations.parkFrom} call were made. */
  private site: string | undefined = undefined;
  /** How many {@link ParkedOperations.parkDaemon} calls are running (they may nest). */
  private daemons = 0;

  enable(): void {
    this.enabled = true;
  }

  disable(): void {
    this.enabled = false;
    this.operations.clear();
  }

  add(key: object, reason: string, subject: Subject): void {
    if (!this.enabled || this.daemons > 0) return;
    const described = typeof subject === 'function' ? subject() : subject;
    this.operations.set(key, { reason, subject: described, stack: this.site ?? userFrames(rawStack()) });
  }

  callSite(): string | undefined {
    return this.enabled ? userFrames(rawStack()) : undefined;
  }

  parkFrom<R>(site: string | undefined, park: () => R): R {
    if (site === undefined) return park();
    this.site = site;
    try {
      return park();
    } finally {
      this.site = undefined;
    }
  }

  parkDaemon<R>(park: () => R): R {
    if (!this.enabled) return park();
    this.daemons++;
    try {
      return park();
    } finally {
      this.daemons--;
    }
  }

  delete(key: object): void {
    if (this.enabled) this.operations.delete(key);
  }

  list(): ParkedOperation[] {
    return [...this.operations.values()];
  }
}

const registryKey = Symbol.for('@csp/channel.parkedOperations');

/** The process-wide registry, shared by every copy of `@csp/channel` loaded in this realm. */
export const parkedOperations: ParkedOperationRegistry = ((globalThis as { [registryKey]?: ParkedOperationRegistry })[
  registryKey
] ??= new ParkedOperations());

/**
 * A frame of this toolkit: any `@csp/*` package, installed (`node_modules/@csp/<name>/`, pnpm's
 * `node_modules/.pnpm/@csp+<name>@<version>/`) or in this repository (`packages/<name>/src|dist`),
 * or of the runtime itself.
 */
const ownFrame =
  /[\\/](packages[\\/](channel|sync|patterns|threads|trace|testing)[\\/](src|dist)|node_modules[\\/](\.pnpm[\\/])?@csp[\\/+][^\\/]+)[\\/]|[( ]node:|\(native\)|^\s*at new Promise \(<anonymous>\)$/;

function rawStack(): string {
  // Our own frames come first; keep enough of the stack to reach the user's.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack;
}

/**
 * The frames of `stack` (an `Error#stack`) that belong to the user's code, one per line. When
 * none does (an operation parked from a library callback), the outermost library frame, so the
 * report still says something.
 */
export function userFrames(stack: string): string {
  const lines = stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '));
  const user = lines.filter((line) => !ownFrame.test(line));
  if (user.length > 0) return user.join('\n');
  return lines.length > 0 ? `${lines[lines.length - 1]!} (no frame of the program's own code)` : '';
}
