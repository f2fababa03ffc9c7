import { expect } from 'chai';
import fc from 'fast-check';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { firstOver } = implementation({ start, solution });
const blocked = 'firstOver never finished: some stage never stopped (`pnpm workshop 14 --main` shows where it waits)';

/** A source of `records`; `reads` counts how many were read. */
function source(records: readonly number[]) {
  const stats = { reads: 0 };
  const next = async (): Promise<string | undefined> => {
    const record = records[stats.reads];
    if (record === undefined) return undefined;
    stats.reads++;
    return String(record);
  };
  return { stats, next };
}

/** What the stages may hold beyond what the consumer took: one record in `read`'s hands, one in `parse`'s. */
const inFlight = 2;

describe('workshop 14: a pipeline that stops', () => {
  it('resolves with the first number above the threshold, or undefined', async () => {
    await fc.assert(
      // A record, so that a counterexample is labelled: { records: [3, 9], threshold: 4 }.
      fc.asyncProperty(
        fc.record({ records: fc.array(fc.nat({ max: 20 }), { maxLength: 20 }), threshold: fc.nat({ max: 20 }) }),
        async ({ records, threshold }) => {
          const { next } = source(records);
          expect(await within(300, firstOver(next, threshold), blocked)).to.equal(records.find((n) => n > threshold));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads no further than the consumer took, plus what the stages hold', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => i);
    const { stats, next } = source(records);
    await within(500, firstOver(next, 4), blocked);
    expect(stats.reads, 'records read from the source').to.be.at.most(6 + inFlight);
  });

  it('runs main() to the end with the deadlock report on', async () => {
    const run = await runMain('14-pipeline-cancel');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.match(/first over 5: 6 \([6-8] records read\)/);
  });
});
