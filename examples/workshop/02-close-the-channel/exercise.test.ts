import { expect } from 'chai';
import fc from 'fast-check';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { generate, sum } = implementation({ start, solution });
const hint = 'the receiver is still waiting for another value: `pnpm workshop 02 --main` shows where';

describe('workshop 02: close the channel', () => {
  it('sums 1..n', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ n: fc.nat({ max: 50 }) }), async ({ n }) => {
        expect(await within(500, sum(generate(n)), hint)).to.equal((n * (n + 1)) / 2);
      }),
      { numRuns: 20 },
    );
  });

  it('closes the channel after the last value, so a receive reports ok = false', async () => {
    const numbers = generate(2);
    expect(await numbers.recvOk()).to.deep.equal([1, true]);
    expect(await numbers.recvOk()).to.deep.equal([2, true]);
    expect(await within(500, numbers.recvOk(), hint)).to.deep.equal([undefined, false]);
  });

  it('runs main() to the end with the deadlock report on', async () => {
    const run = await runMain('02-close-the-channel');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('sum: 55');
  });
});
