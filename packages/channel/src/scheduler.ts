/**
 * Fairness to the event loop. A producer and a consumer that never block hand values to each
 * other through promise jobs (microtasks) only, and an endless chain of microtasks starves
 * timers and I/O. Every operation that completes at once spends one unit of a budget; when the
 * budget is spent, operations still complete at once (nothing is delayed in the channel itself)
 * but their promises settle on the next macrotask, which lets timers and I/O run, and the budget
 * is refilled there. The cost is one macrotask per {@link TURN_BUDGET} operations, and nothing
 * at all on the way: no timer or macrotask is scheduled while the budget lasts.
 *
 * @module
 */

/** Operations that complete at once between two forced macrotask turns. */
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

let budget = TURN_BUDGET;
let yielding = false;
let deferred: Thunk[] = [];

function newTurn(): void {
  yielding = false;
  budget = TURN_BUDGET;
  const run = deferred;
  deferred = [];
  for (let i = 0; i < run.length; i++) run[i]!();
}

/**
 * Spends one unit of the budget. Returns `true` while it lasts; `false` means the caller must
 * settle through {@link settleNextTurn} instead of settling now.
 */
export function spend(): boolean {
  if (yielding) return false;
  if (--budget > 0) return true;
  yielding = true;
  scheduleNewTurn();
  return false;
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
