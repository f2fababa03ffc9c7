// Properties of WaitGroup: the counter follows the adds and dones exactly, a negative counter
// throws and changes nothing, and a wait resolves exactly when the counter has reached zero.
import { expect } from 'chai';
import fc from 'fast-check';
import { NegativeWaitGroupCounterError, WaitGroup } from '@csp/sync';
import { flush, stateOf, track, type Tracked } from './helpers.js';

type Step =
  | { readonly kind: 'add'; readonly delta: number }
  | { readonly kind: 'done' }
  | { readonly kind: 'wait'; readonly abort: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('done' as const) }),
  fc.record({ kind: fc.constant('wait' as const), abort: fc.boolean() }),
);

interface Wait {
  readonly tracked: Tracked<void>;
  /** What it must have done by now. */
  expected: 'pending' | 'resolved' | 'rejected';
  readonly controller: AbortController;
}

describe('properties: WaitGroup counting', () => {
  it('matches a model counter; waits resolve exactly when it reaches zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const wg = new WaitGroup();
        let counter = 0;
        const waits: Wait[] = [];
        for (const s of steps) {
          if (s.kind === 'wait') {
            const controller = new AbortController();
            const wait: Wait = {
              tracked: track(wg.wait({ signal: controller.signal })),
              expected: counter === 0 ? 'resolved' : 'pending',
              controller,
            };
            waits.push(wait);
            if (s.abort && wait.expected === 'pending') {
              controller.abort();
              wait.expected = 'rejected';
            }
          } else {
            const delta = s.kind === 'done' ? -1 : s.delta;
            if (counter + delta < 0) {
              expect(() => (s.kind === 'done' ? wg.done() : wg.add(delta))).to.throw(NegativeWaitGroupCounterError);
            } else {
              if (s.kind === 'done') wg.done();
              else wg.add(delta);
              counter += delta;
              if (counter === 0) for (const w of waits) if (w.expected === 'pending') w.expected = 'resolved';
            }
          }
          await flush();
          for (const w of waits) expect(stateOf(w.tracked)).to.equal(w.expected);
        }
      }),
      { numRuns: 150 },
    );
  });
});
