/**
 * Go's `go` statement and `panic`.
 *
 * @module
 */
import { isThenable } from './thenable.js';
import { func } from './validate.js';
import { tracer } from './trace-hooks.js';

/**
 * Go's `go f(x)`: starts `fn(...args)` as a goroutine and returns at once, without waiting for
 * it. The arguments are evaluated now; `fn` starts on a microtask, after the caller's current
 * synchronous code. Never blocks.
 *
 * An error thrown by `fn`, or a rejection of the promise it returns, is a goroutine panic: as in
 * Go it crashes the whole program. In Node it prints `panic: <message>` and the stack to stderr
 * and exits with code 2; elsewhere it is rethrown as an uncaught error. Catch inside `fn` what
 * should not crash the program.
 *
 * @throws TypeError, at the call, when `fn` is not a function.
 * @example
 * ```ts
 * go(worker, 1, jobs, results);
 * ```
 */
export function go<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
  func(fn, 'go: fn');
  if (tracer !== null) fn = tracer.goroutine(fn, args);
  if (starter !== null && starter(() => fn(...args))) return;
  queueMicrotask(() => {
    let result: unknown;
    try {
      result = fn(...args);
    } catch (error) {
      crash(error);
      return;
    }
    if (isThenable(result)) result.then(undefined, crash);
  });
}

/**
 * A test harness's hook on goroutine starts (see {@link setGoroutineStarter}): it is given the
 * goroutine's body and returns `true` when it took charge of starting it (and of its panics),
 * `false` to let `go` start it as usual.
 */
export type GoroutineStarter = (body: () => unknown) => boolean;

let starter: GoroutineStarter | null = null;

/**
 * Installs the hook every `go` call consults first (`null` removes it), e.g. so that a test
 * bubble (`@csp/testing`) knows its goroutines. Meant for test harnesses; not part of the
 * stable API.
 */
export function setGoroutineStarter(next: GoroutineStarter | null): void {
  starter = next;
}

/**
 * Go's `panic(v)`, unrecovered: crashes the program. In Node it prints `panic: <message>` (the
 * error's `message`, or `String(value)`) and the stack to stderr and exits with code 2, as a Go
 * program does; nothing after the call runs, and no `catch` or `finally` sees it. Where there is
 * no process to exit (a browser), it throws `value`, so the code after it does not run either.
 * Never returns.
 *
 * Go's `recover` has no counterpart: to handle an error, throw it and catch it. Use `panic` where
 * the Go original panics on a broken invariant.
 *
 * @example
 * ```ts
 * if (n < 0) panic(new Error(`negative count ${n}`)); // panic(fmt.Sprintf("negative count %d", n))
 * ```
 */
export function panic(value: unknown): never {
  exitWithPanic(value);
  throw value;
}

/**
 * A goroutine panic, reported from a callback that must not throw (a microtask, a rejection
 * handler): crashes the program like {@link panic}; where there is no process to exit, rethrows
 * `value` as an uncaught error on a microtask. Returns in that case only. Exported by
 * `@csp/channel/internal` for the other packages, not by `@csp/channel`.
 */
export function crash(value: unknown): void {
  exitWithPanic(value);
  queueMicrotask(() => {
    throw value;
  });
}

/** In Node (or another host with `process.exit`): prints Go's panic report and exits with code 2. */
function exitWithPanic(value: unknown): void {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (proc === undefined || typeof proc.exit !== 'function' || proc.stderr === undefined) return;
  const message = value instanceof Error ? value.message : String(value);
  const stack = value instanceof Error && value.stack !== undefined ? value.stack : '';
  proc.stderr.write(`panic: ${message}\n\n${stack}\n`);
  proc.exit(2);
}
