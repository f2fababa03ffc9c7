import { expect } from 'chai';
import fc from 'fast-check';
import { time } from '@csp/channel';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { firstMatch } = implementation({ start, solution });
const hint = 'firstMatch must resolve once a match is found, or once every item was checked';

describe('workshop 04: stop the workers', () => {
  it('resolves with an item that matches, or undefined when none does', async () => {
    await fc.assert(
      // A record, so that a counterexample is labelled: { items: [...], workers: 2 }.
      fc.asyncProperty(
        fc.record({
          items: fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 30 }),
          workers: fc.integer({ min: 1, max: 4 }),
        }),
        async ({ items, workers }) => {
          const isEven = async (n: number) => n % 2 === 0;
          const first = await within(500, firstMatch(items, isEven, workers), hint);
          if (items.some((n) => n % 2 === 0)) expect(first! % 2).to.equal(0);
          else expect(first).to.equal(undefined);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('stops checking items once it has resolved', async () => {
    let checks = 0;
    const slowCheck = async (n: number) => {
      checks++;
      await time.sleep(1);
      return n % 50 === 0;
    };
    const items = Array.from({ length: 200 }, (_, i) => i);
    await within(500, firstMatch(items, slowCheck, 4), hint);
    const checked = checks;
    await time.sleep(30);
    expect(checks - checked, 'items checked after the answer was known').to.be.at.most(4);
  });

  it('leaves no worker blocked: main() ends without leaking goroutines', async () => {
    const run = await runMain('04-stop-the-workers');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('first even:');
    expect(run.output, 'goroutines left blocked after main() returned').not.to.include('leaked at exit');
  });
});
