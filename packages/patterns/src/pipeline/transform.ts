/**
 * The engine behind `map` and `filter`: reads the input channel, calls the function on each value
 * with at most `concurrency` calls running, and sends the results to the output channel, in input
 * order or as they complete. A result equal to {@link skip} is dropped (that is `filter`).
 *
 * @module
 */
import { Chan, type Receiver, type Sender } from '@csp/channel';
import { isThenable } from '@csp/channel/internal';
import { checkScope, joinAll, spawnStage, type Scope, type Stage, type StageRun } from './scope.js';
import { channel, nonNegativeInteger, positiveInteger } from '../settings.js';

/** What a stage's function receives besides the value. */
export interface StageContext {
  /** Aborts when the stage is stopped (pipeline cancelled or failed); pass it on to your I/O. */
  readonly signal: AbortSignal;
}

/** Settings of `map` and `filter`. */
export interface TransformOptions {
  /** How many calls may run at once; default 1. @throws RangeError unless a positive integer. */
  concurrency?: number | undefined;
  /**
   * With `concurrency > 1`: `true` (the default) sends results in input order, holding a finished
   * result until the ones before it are sent; `false` sends each result as soon as it is ready.
   */
  ordered?: boolean | undefined;
  /** The output channel's buffer; default 0 (unbuffered, as Go's `make(chan T)`). */
  capacity?: number | undefined;
  /** The output channel's name, for the deadlock report. */
  name?: string | undefined;
}

/** Marks a value to drop. @internal */
export const skip: unique symbol = Symbol('skip');
type Skip = typeof skip;

type Step<A, B> = (value: A, context: StageContext) => B | Skip | PromiseLike<B | Skip>;

/** Builds a stage that runs `step` on every value. @internal */
export function transform<A, B>(owner: string, step: Step<A, B>, options: TransformOptions | undefined): Stage<A, B> {
  const concurrency = positiveInteger(owner, 'concurrency', options?.concurrency ?? 1);
  const capacity = nonNegativeInteger(owner, 'capacity', options?.capacity ?? 0);
  const ordered = options?.ordered ?? true;
  const name = options?.name;
  return (input: Receiver<A>, scope?: Scope): Receiver<B> => {
    channel(`${owner}: input`, input);
    checkScope(owner, scope);
    const output = new Chan<B>(capacity, { name });
    const body = (run: StageRun): Promise<void> => {
      if (concurrency === 1) return serial(input, output, step, run);
      return ordered ? inOrder(input, output, step, run, concurrency) : unordered(input, output, step, run, concurrency);
    };
    spawnStage(input, output, scope, Object.defineProperty(body, 'name', { value: owner })); // `map` in traces
    return output;
  };
}

/** One call at a time: receive, call, send. */
async function serial<A, B>(
  input: Receiver<A>,
  output: Sender<B>,
  step: Step<A, B>,
  run: StageRun,
  receiving = run.receiving,
): Promise<void> {
  for (;;) {
    // A value that is ready is taken without a promise; only a receive that must wait parks.
    const received = input.tryRecv() ?? (await input.recvOk(receiving));
    if (!received[1] || run.stopped) return;
    let result = step(received[0] as A, run);
    if (isThenable(result)) result = await result;
    if (result !== skip) await output.send(result);
  }
}

/**
 * `concurrency` serial loops on the same input, as Go's fan-out; results go out as they finish.
 * Their receives carry the stage's signal, so one loop's failure stops the others.
 */
async function unordered<A, B>(
  input: Receiver<A>,
  output: Sender<B>,
  step: Step<A, B>,
  run: StageRun,
  concurrency: number,
): Promise<void> {
  const receiving = { signal: run.signal };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < concurrency; i++) workers.push(serial(input, output, step, run, receiving));
  await joinAll(workers);
}

/**
 * Starts up to `concurrency` calls ahead and sends their results in input order: a reader starts
 * calls and queues their promises, a writer awaits them in order and sends. A call's slot is freed
 * when its result is sent, so at most `concurrency` calls are started and not yet sent.
 */
async function inOrder<A, B>(
  input: Receiver<A>,
  output: Sender<B>,
  step: Step<A, B>,
  run: StageRun,
  concurrency: number,
): Promise<void> {
  const options = { signal: run.signal };
  const pending = new Chan<Promise<B | Skip>>(concurrency);
  const slots = new Chan<void>(concurrency);
  for (let i = 0; i < concurrency; i++) slots.trySend(undefined);

  const reader = (async () => {
    try {
      for (;;) {
        await slots.recv(options);
        const [value, ok] = await input.recvOk(options);
        if (!ok) return;
        const call = (async () => step(value as A, run))();
        call.catch((error: unknown) => run.fail(error));
        pending.trySend(call); // never full: each queued call holds a slot
      }
    } catch (error) {
      run.fail(error);
    } finally {
      pending.close();
    }
  })();

  try {
    for await (const call of pending) {
      const result = await call;
      if (result !== skip) await output.send(result);
      slots.trySend(undefined);
    }
  } finally {
    // Stopped early (the signal is aborted, so the reader stops too): let every call already
    // started settle before the output closes, so no call outlives the stage.
    await reader;
    for (let left = pending.tryRecv(); left?.[1] === true; left = pending.tryRecv()) await left[0]!.catch(() => {});
  }
}
