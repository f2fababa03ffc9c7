/**
 * Fairness to the event loop. A producer and a consumer that never block hand values to each
 * other through promise jobs (microtasks) only, and an endless chain of microtasks starves
 * timers and I/O. Every operation spends one unit of a per-turn budget; once the budget of the
 * current macrotask turn is spent, operations still complete at once (nothing is delayed in the
 * channel itself) but their promises settle on the next macrotask, which lets timers and I/O run.
 * The cost is one macrotask per {@link TURN_BUDGET} operations.
 *
 * @module
 */

/** Operations allowed per macrotask turn before completions are moved to the next turn. */
export const TURN_BUDGET = 1024;

type Thunk = () => void;

/** Queues `newTurn` as a macrotask: `setImmediate` in Node, Bun and Deno, else a message port. */
const scheduleNewTurn: () => void =
  typeof setImmediate === 'function'
    ? () => setImmediate(newTurn)
    : typeof MessageChannel === 'function'
      ? (() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = newTurn;
          return () => channel.port2.postMessage(null);
        })()
      : () => setTimeout(newTurn, 0);

let spent = 0;
let resetScheduled = false;
let deferred: Thunk[] = [];

function newTurn(): void {
  resetScheduled = false;
  spent = 0;
  const run = deferred;
  deferred = [];
  for (let i = 0; i < run.length; i++) run[i]!();
}

/**
 * Spends one unit of this turn's budget. Returns `true` while the budget lasts; `false` means the
 * caller must settle through {@link settleNextTurn} instead of settling now.
 */
export function spend(): boolean {
  if (!resetScheduled) {
    resetScheduled = true;
    scheduleNewTurn();
  }
  return ++spent <= TURN_BUDGET;
}

/** Runs `settle` at the start of the next macrotask turn (see {@link spend}). */
export function settleNextTurn(settle: Thunk): void {
  deferred.push(settle);
}

const resolvedVoid: Promise<void> = Promise.resolve();

/** A promise that resolves with `value` now or, over budget, on the next turn. */
export function completed<T>(value: T): Promise<T> {
  if (spend()) return value === undefined ? (resolvedVoid as Promise<T>) : Promise.resolve(value);
  return new Promise<T>((resolve) => settleNextTurn(() => resolve(value)));
}

/** A promise that rejects with `reason` now or, over budget, on the next turn. */
export function failed<T>(reason: unknown): Promise<T> {
  if (spend()) return Promise.reject(reason);
  return new Promise<T>((_, reject) => settleNextTurn(() => reject(reason)));
}
