// Properties of RWMutex under random schedules with random aborts: a writer holds the lock
// alone, readers never share it with a writer, a waiting writer keeps new readers out, aborted
// calls hold nothing, and nothing leaks.
import { expect } from 'chai';
import fc from 'fast-check';
import { RWMutex } from '@csp/sync';
import { flush } from './helpers.js';
import { releaseOrAbortSteps, Schedule, type ReleaseOrAbort, type ScheduledCall } from './resource-model.js';

type Step =
  { readonly kind: 'lock' | 'rLock'; readonly abortable: boolean } | { readonly kind: 'tryLock' | 'tryRLock' } | ReleaseOrAbort;

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('lock' as const), abortable: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('rLock' as const), abortable: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('tryLock' as const, 'tryRLock' as const) }) },
  ...releaseOrAbortSteps({ release: 4, abort: 1, releaseThenAbort: 1 }),
);

interface Call extends ScheduledCall {
  readonly write: boolean;
}

async function check(steps: readonly Step[]): Promise<void> {
  const rw = new RWMutex();
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
  const schedule = new Schedule<Call>((call) => {
    if (call.write) {
      writer = false;
      rw.unlock();
    } else {
      readers--;
      rw.rUnlock();
    }
  });
  const { calls } = schedule;
  const start = (write: boolean, abortable: boolean): void => {
    const controller = abortable ? new AbortController() : null;
    const call: Call = { write, controller, state: 'pending' };
    calls.push(call);
    schedule.observe(
      write ? rw.lock({ signal: controller?.signal }) : rw.rLock({ signal: controller?.signal }),
      () => granted(call),
      (reason) => {
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
      default:
        schedule.run(s);
    }
    await flush();
    schedule.verify();
  }
  await schedule.finish();
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
