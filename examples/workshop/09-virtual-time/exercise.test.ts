import { expect } from 'chai';
import { time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { implementation, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { retry } = implementation({ start, solution });

const hint = "retry never finished in the test bubble: its waits do not follow the bubble's clock";

/** An operation that fails `failures` times, recording when (virtual ms since the start) it was called. */
function flaky(failures: number, calls: number[]): () => Promise<string> {
  const startedAt = time.now().getTime();
  return async () => {
    calls.push(time.now().getTime() - startedAt);
    if (calls.length <= failures) throw new Error(`failure ${calls.length}`);
    return 'done';
  };
}

describe('workshop 09: code that tests can run in virtual time', () => {
  it('retries after 1 s, then 2 s, then 4 s, in a test that takes milliseconds', async () => {
    const calls = await within(
      2000,
      synctest.test(async () => {
        const calls: number[] = [];
        expect(await retry(flaky(3, calls), 5, time.second)).to.equal('done');
        return calls;
      }),
      hint,
    );
    expect(calls).to.deep.equal([0, 1, 3, 7].map((s) => s * time.second));
  });

  it('rejects with the last error after the last attempt, without a wait after it', async () => {
    const outcome = await within(
      2000,
      synctest.test(async () => {
        const calls: number[] = [];
        // In real time these waits would pass too; in virtual time they are exact.
        const error = await retry(flaky(10, calls), 3, 100).catch((e: Error) => e.message);
        return { error, calls, elapsed: time.since(Date.UTC(2000, 0, 1)) };
      }),
      hint,
    );
    expect(outcome).to.deep.equal({ error: 'failure 3', calls: [0, 100, 300], elapsed: 300 });
  });

  it('does not wait at all when the first attempt succeeds', async () => {
    const elapsed = await synctest.test(async () => {
      await retry(() => Promise.resolve(1), 3, time.hour);
      return time.since(Date.UTC(2000, 0, 1));
    });
    expect(elapsed).to.equal(0);
  });
});
