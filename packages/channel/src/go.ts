/**
 * Go's `go` statement.
 *
 * @module
 */
import { isThenable } from './thenable.js';
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
 * @example
 * ```ts
 * go(worker, 1, jobs, results);
 * ```
 */
export function go<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
  if (tracer !== null) fn = tracer.goroutine(fn, args);
  queueMicrotask(() => {
    let result: unknown;
    try {
      result = fn(...args);
    } catch (error) {
      panic(error);
      return;
    }
    if (isThenable(result)) result.then(undefined, panic);
  });
}

/** Crashes the program the way a Go panic does. */
export function panic(error: unknown): void {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (proc !== undefined && typeof proc.exit === 'function' && proc.stderr !== undefined) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error && error.stack !== undefined ? error.stack : '';
    proc.stderr.write(`panic: ${message}\n\n${stack}\n`);
    proc.exit(2);
  }
  queueMicrotask(() => {
    throw error;
  });
}
