// A model-based checker for lock-like resources (Mutex, Semaphore): random schedules of
// acquires, tryAcquires, releases and aborts, with invariants checked after every step.
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
  | { readonly kind: 'release'; readonly which: number }
  | { readonly kind: 'abort'; readonly which: number }
  /** Releases, then aborts a waiter in the same tick: it may have been handed the permits. */
  | { readonly kind: 'releaseThenAbort'; readonly which: number; readonly victim: number };

/** Schedules whose weights go up to `maxWeight` (weights above the size must be abortable). */
export function stepsArbitrary(maxWeight: number): fc.Arbitrary<Step[]> {
  const weight =
    maxWeight === 1
      ? fc.constant(1)
      : fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: maxWeight }) });
  const index = fc.nat({ max: 20 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('acquire' as const), n: weight, abortable: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('tryAcquire' as const), n: weight }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), which: index }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const), which: index }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('releaseThenAbort' as const), which: index, victim: index }) },
  );
  return fc.array(step, { maxLength: 40 });
}

interface Call {
  readonly id: number;
  readonly n: number;
  readonly controller: AbortController | null;
  state: 'pending' | 'held' | 'released' | 'rejected';
}

/**
 * Runs `steps` on `resource` and checks: the permits held never exceed the size (no
 * double grant); grants follow call order (FIFO: no call is granted while an earlier one still
 * waits); an aborted call rejects with its reason and holds nothing; and in the end, once every
 * holder released, all permits are free again (none leaked).
 */
export async function checkResource(resource: Resource, steps: readonly Step[]): Promise<void> {
  const calls: Call[] = [];
  let held = 0;
  const holders = (): Call[] => calls.filter((c) => c.state === 'held');
  const abortable = (): Call[] => calls.filter((c) => c.state === 'pending' && c.controller !== null);
  const releaseOne = (which: number): void => {
    const candidates = holders();
    const call = candidates[which % candidates.length];
    if (call === undefined) return;
    call.state = 'released';
    held -= call.n;
    resource.release(call.n);
  };
  const abortOne = (which: number): void => {
    const candidates = abortable();
    candidates[which % candidates.length]?.controller!.abort(new Error(`abort`));
  };

  for (const step of steps) {
    switch (step.kind) {
      case 'acquire': {
        const n = step.n > resource.size && !step.abortable ? resource.size : step.n;
        const controller = step.abortable ? new AbortController() : null;
        const call: Call = { id: calls.length, n, controller, state: 'pending' };
        calls.push(call);
        resource.acquire(n, controller?.signal).then(
          () => {
            expect(call.state, `call ${call.id} granted twice`).to.equal('pending');
            call.state = 'held';
            held += n;
            expect(held, 'permits held').to.be.at.most(resource.size);
          },
          (reason: unknown) => {
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
      case 'release':
        releaseOne(step.which);
        break;
      case 'abort':
        abortOne(step.which);
        break;
      case 'releaseThenAbort':
        releaseOne(step.which);
        abortOne(step.victim);
        break;
    }
    await flush();
    checkFifo(calls, resource.size);
  }

  for (const call of abortable()) call.controller!.abort(new Error('cleanup'));
  await flush();
  while (holders().length > 0) {
    releaseOne(0);
    await flush();
    checkFifo(calls, resource.size);
  }
  for (const call of calls) expect(call.state, `call ${call.id} at the end`).to.be.oneOf(['released', 'rejected']);
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
