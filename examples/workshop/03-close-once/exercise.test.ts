import { expect } from 'chai';
import fc from 'fast-check';
import type { Receiver } from '@csp/channel';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { merge, from } = implementation({ start, solution });
const hint = 'the merged channel was never closed after the last value';

async function drain<T>(ch: Receiver<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of ch) values.push(value);
  return values;
}

const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);

describe('workshop 03: close once', () => {
  it('merges two inputs', async () => {
    const merged = await within(500, drain(merge(from(1, 2), from(3))), hint);
    expect(sorted(merged)).to.deep.equal([1, 2, 3]);
  });

  it('forwards every value of every input, then closes the output', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ inputs: fc.array(fc.array(fc.integer(), { maxLength: 10 }), { maxLength: 6 }) }),
        async ({ inputs }) => {
          const merged = await within(500, drain(merge(...inputs.map((values) => from(...values)))), hint);
          expect(sorted(merged)).to.deep.equal(sorted(inputs.flat()));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('closes the output at once when there is no input', async () => {
    expect(await within(500, merge<number>().recvOk(), hint)).to.deep.equal([undefined, false]);
  });

  it('runs main() without a panic', async () => {
    const run = await runMain('03-close-once');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('[ 1, 2, 3, 4, 5, 6 ]');
  });
});
