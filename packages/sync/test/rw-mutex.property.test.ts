// Properties of RWMutex under random schedules with random aborts: a writer holds the lock
// alone, readers never share it with a writer, a waiting writer keeps new readers out, aborted
// calls hold nothing, and nothing leaks.
import { expect } from 'chai';
import fc from 'fast-check';
import { RWMutex } from '@csp/sync';
import { flush } from './helpers.js';

type Step =
  | { readonly kind: 'lock' | 'rLock'; readonly abortable: boolean }
  | { readonly kind: 'tryLock' | 'tryRLock' }
  | { readonly kind: 'release' | 'abort'; readonly which: number }
  | { readonly kind: 'releaseThenAbort'; readonly which: number; readonly victim: number };

const index = fc.nat({ max: 20 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('lock' as const), abortable: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('rLock' as const), abortable: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('tryLock' as const, 'tryRLock' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('release' as const), which: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const), which: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('releaseThenAbort' as const), which: index, victim: index }) },
);

interface Call {
  readonly write: boolean;
  readonly controller: AbortController | null;
  state: 'pending' | 'held' | 'released' | 'rejected';
}

async function check(steps: readonly Step[]): Promise<void> {
  const rw = new RWMutex();
  const calls: Call[] = [];
  let readers = 0;
  let writer = false;
  const granted = (call: Call): void => {
    expect(call.state).to.equal('pending');
    call.state = 'held';
    if (call.write) {
      expect(writer, 'two writers').to.equal(false);
      expect(readers, 'a writer with readers').to.equal(0);
      writer = true;
    } else {
      expect(writer, 'a reader with a writer').to.equal(false);
      readers++;
    }
  };
  const holders = (): Call[] => calls.filter((c) => c.state === 'held');
  const abortable = (): Call[] => calls.filter((c) => c.state === 'pending' && c.controller !== null);
  const releaseOne = (which: number): void => {
    const candidates = holders();
    const call = candidates[which % candidates.length];
    if (call === undefined) return;
    call.state = 'released';
    if (call.write) {
      writer = false;
      rw.unlock();
    } else {
      readers--;
      rw.rUnlock();
    }
  };
  const abortOne = (which: number): void => {
    const candidates = abortable();
    candidates[which % candidates.length]?.controller!.abort(new Error('abort'));
  };
  const start = (write: boolean, abortable: boolean): void => {
    const controller = abortable ? new AbortController() : null;
    const call: Call = { write, controller, state: 'pending' };
    calls.push(call);
    (write ? rw.lock({ signal: controller?.signal }) : rw.rLock({ signal: controller?.signal })).then(
      () => granted(call),
      (reason: unknown) => {
        expect(reason).to.equal(controller?.signal.reason);
        call.state = 'rejected';
      },
    );
  };

  for (const s of steps) {
    switch (s.kind) {
      case 'lock':
      case 'rLock':
        start(s.kind === 'lock', s.abortable);
        break;
      case 'tryLock':
      case 'tryRLock': {
        const write = s.kind === 'tryLock';
        const writerWaits = calls.some((c) => c.write && c.state === 'pending');
        const ok = write ? rw.tryLock() : rw.tryRLock();
        if (!write && writerWaits) expect(ok, 'tryRLock succeeded while a writer waits').to.equal(false);
        if (ok) {
          const call: Call = { write, controller: null, state: 'pending' };
          calls.push(call);
          granted(call);
        }
        break;
      }
      case 'release':
        releaseOne(s.which);
        break;
      case 'abort':
        abortOne(s.which);
        break;
      case 'releaseThenAbort':
        releaseOne(s.which);
        abortOne(s.victim);
        break;
    }
    await flush();
  }
  for (const call of abortable()) call.controller!.abort(new Error('cleanup'));
  await flush();
  while (holders().length > 0) {
    releaseOne(0);
    await flush();
  }
  for (const call of calls) expect(call.state).to.be.oneOf(['released', 'rejected']);
  expect(rw.tryLock(), 'the lock is free in the end').to.equal(true);
}

describe('properties: RWMutex under random schedules', () => {
  it('exclusion holds, a waiting writer blocks tryRLock, aborted calls hold nothing, nothing leaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), (steps) => check(steps)),
      { numRuns: 200 },
    );
  });
});
