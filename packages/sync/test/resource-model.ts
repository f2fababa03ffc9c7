// A model-based checker for lock-like resources (Mutex, Semaphore): random schedules of
// acquires, tryAcquires, releases and aborts, with invariants checked after every step. Its
// schedule bookkeeping ({@link Schedule}) is shared with the RWMutex properties.
import { expect } from 'chai';
import fc from 'fast-check';
import { flush } from './helpers.js';

/** What the checker drives: `size` permits, taken and given back by weight. */
export interface Resource {
  readonly size: number;
  acquire(n: number, signal: AbortSignal | undefined): Promise<void>;
  tryAcquire(n: number): boolean;
  release(n: number): void;
}

/** One step of a schedule. Indexes pick among the current candidates, modulo their count. */
export type Step =
  | { readonly kind: 'acquire'; readonly n: number; readonly abortable: boolean }
  | { readonly kind: 'tryAcquire'; readonly n: number }
  | ReleaseOrAbort;

/** The steps every lock-like schedule shares. Indexes pick among the current candidates. */
export type ReleaseOrAbort =
  | { readonly kind: 'release'; readonly which: number }
  | { readonly kind: 'abort'; readonly which: number }
  /** Releases, then aborts a waiter in the same tick: it may have been handed the lock. */
  | { readonly kind: 'releaseThenAbort'; readonly which: number; readonly victim: number };

/** Weighted arbitraries of the {@link ReleaseOrAbort} steps, for `fc.oneof`. */
export function releaseOrAbortSteps(weights: {
  readonly release: number;
  readonly abort: number;
  readonly releaseThenAbort: number;
}): fc.WeightedArbitrary<ReleaseOrAbort>[] {
  const index = fc.nat({ max: 20 });
  return [
    { weight: weights.release, arbitrary: fc.record({ kind: fc.constant('release' as const), which: index }) },
    { weight: weights.abort, arbitrary: fc.record({ kind: fc.constant('abort' as const), which: index }) },
    {
      weight: weights.releaseThenAbort,
      arbitrary: fc.record({ kind: fc.constant('releaseThenAbort' as const), which: index, victim: index }),
    },
  ];
}

/** Schedules whose weights go up to `maxWeight` (weights above the size must be abortable). */
export function stepsArbitrary(maxWeight: number): fc.Arbitrary<Step[]> {
  const weight =
    maxWeight === 1
      ? fc.constant(1)
      : fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: maxWeight }) });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('acquire' as const), n: weight, abortable: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('tryAcquire' as const), n: weight }) },
    ...releaseOrAbortSteps({ release: 3, abort: 1, releaseThenAbort: 2 }),
  );
  return fc.array(step, { maxLength: 40 });
}

/** One call of a schedule: a lock or acquire, with the controller that may abort it. */
export interface ScheduledCall {
  readonly controller: AbortController | null;
  state: 'pending' | 'held' | 'released' | 'rejected';
}

/**
 * The calls of a random schedule and the bookkeeping every lock-like checker shares: releasing a
 * holder, aborting a waiter, and the final cleanup that proves nothing leaked.
 */
export class Schedule<C extends ScheduledCall> {
  readonly calls: C[] = [];
  /** Failed expectations raised in promise callbacks, which nobody awaits: {@link verify} throws them. */
  private readonly violations: unknown[] = [];

  /** `release` gives back what `call` held, in the model and on the resource under test. */
  constructor(private readonly release: (call: C) => void) {}

  /**
   * Runs `granted` or `rejected` once `promise` settles. They run in callbacks nobody awaits, so
   * what they throw is recorded and thrown by the next {@link verify}, not lost.
   */
  observe(promise: Promise<void>, granted: () => void, rejected: (reason: unknown) => void): void {
    promise.then(
      () => this.record(granted),
      (reason: unknown) => this.record(() => rejected(reason)),
    );
  }

  /** Throws the first failed expectation an {@link observe} callback raised, if any. */
  verify(): void {
    if (this.violations.length > 0) throw this.violations[0];
  }

  private record(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.violations.push(error);
    }
  }

  /** The calls that hold the resource now. */
  holders(): C[] {
    return this.calls.filter((c) => c.state === 'held');
  }

  /** The calls that wait and can be aborted. */
  abortable(): C[] {
    return this.calls.filter((c) => c.state === 'pending' && c.controller !== null);
  }

  /** Runs a {@link ReleaseOrAbort} step. */
  run(step: ReleaseOrAbort): void {
    if (step.kind === 'abort') return this.abortOne(step.which);
    this.releaseOne(step.which);
    if (step.kind === 'releaseThenAbort') this.abortOne(step.victim);
  }

  /** Releases holder number `which` (modulo their count), if any. */
  releaseOne(which: number): void {
    const candidates = this.holders();
    const call = candidates[which % candidates.length];
    if (call === undefined) return;
    call.state = 'released';
    this.release(call);
  }

  /** Aborts abortable waiter number `which` (modulo their count), if any. */
  abortOne(which: number): void {
    const candidates = this.abortable();
    candidates[which % candidates.length]?.controller!.abort(new Error('abort'));
  }

  /**
   * Aborts every waiter left, releases every holder one by one (running `check` and
   * {@link verify} after each), and checks that every call ended released or rejected.
   */
  async finish(check: () => void = () => {}): Promise<void> {
    for (const call of this.abortable()) call.controller!.abort(new Error('cleanup'));
    await flush();
    this.verify();
    while (this.holders().length > 0) {
      this.releaseOne(0);
      await flush();
      this.verify();
      check();
    }
    this.calls.forEach((call, id) => expect(call.state, `call ${id} at the end`).to.be.oneOf(['released', 'rejected']));
  }
}

interface Call extends ScheduledCall {
  readonly id: number;
  readonly n: number;
}

/**
 * Runs `steps` on `resource` and checks: the permits held never exceed the size (no
 * double grant); grants follow call order (FIFO: no call is granted while an earlier one still
 * waits); an aborted call rejects with its reason and holds nothing; and in the end, once every
 * holder released, all permits are free again (none leaked).
 */
export async function checkResource(resource: Resource, steps: readonly Step[]): Promise<void> {
  let held = 0;
  const schedule = new Schedule<Call>((call) => {
    held -= call.n;
    resource.release(call.n);
  });
  const { calls } = schedule;

  for (const step of steps) {
    switch (step.kind) {
      case 'acquire': {
        const n = step.n > resource.size && !step.abortable ? resource.size : step.n;
        const controller = step.abortable ? new AbortController() : null;
        const call: Call = { id: calls.length, n, controller, state: 'pending' };
        calls.push(call);
        schedule.observe(
          resource.acquire(n, controller?.signal),
          () => {
            expect(call.state, `call ${call.id} granted twice`).to.equal('pending');
            call.state = 'held';
            held += n;
            expect(held, 'permits held').to.be.at.most(resource.size);
          },
          (reason) => {
            expect(controller?.signal.aborted, `call ${call.id} rejected without an abort`).to.equal(true);
            expect(reason).to.equal(controller!.signal.reason);
            call.state = 'rejected';
          },
        );
        break;
      }
      case 'tryAcquire': {
        const n = Math.min(step.n, resource.size);
        const waiting = calls.some((c) => c.state === 'pending' && c.n <= resource.size);
        const free = resource.size - held;
        const ok = resource.tryAcquire(n);
        if (ok) {
          expect(waiting, 'tryAcquire succeeded while a call waits').to.equal(false);
          calls.push({ id: calls.length, n, controller: null, state: 'held' });
          held += n;
          expect(held, 'permits held').to.be.at.most(resource.size);
        } else if (!waiting) {
          expect(n, 'tryAcquire failed with free permits and nobody waiting').to.be.above(free);
        }
        break;
      }
      default:
        schedule.run(step);
    }
    await flush();
    schedule.verify();
    checkFifo(calls, resource.size);
  }

  await schedule.finish(() => checkFifo(calls, resource.size));
  expect(resource.tryAcquire(resource.size), 'every permit is free in the end').to.equal(true);
  resource.release(resource.size);
}

/** No call that can be granted still waits while a later call was granted. */
function checkFifo(calls: readonly Call[], size: number): void {
  let lastGranted = -1;
  for (const call of calls) if (call.state === 'held' || call.state === 'released') lastGranted = call.id;
  for (const call of calls.slice(0, lastGranted)) {
    if (call.n > size) continue;
    expect(call.state, `call ${call.id} still waits while call ${lastGranted} was granted`).to.not.equal('pending');
  }
}
