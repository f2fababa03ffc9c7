import { expect } from 'chai';
import fc from 'fast-check';
import { time } from '@csp/channel';
import { implementation, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { fetchAll } = implementation({ start, solution });

/** A fake backend that counts the fetches running at once and fails the ids it is told to. */
function backend(failing: ReadonlySet<number> = new Set()) {
  const stats = { running: 0, most: 0, started: [] as number[], aborted: [] as number[] };
  const fetchOne = async (id: number, signal: AbortSignal): Promise<string> => {
    stats.started.push(id);
    stats.most = Math.max(stats.most, ++stats.running);
    try {
      await time.sleep(failing.has(id) ? 1 : 5, { signal });
      if (failing.has(id)) throw new Error(`item ${id} failed`);
      return `item ${id}`;
    } catch (error) {
      if (signal.aborted) stats.aborted.push(id);
      throw error;
    } finally {
      stats.running--;
    }
  };
  return { stats, fetchOne };
}

describe('workshop 07: errgroup, a limit and the first error', () => {
  it('resolves with every result, in the order of the ids', async () => {
    const { fetchOne } = backend();
    expect(await within(1000, fetchAll([3, 1, 2], fetchOne, 2), 'fetchAll never finished')).to.deep.equal([
      'item 3',
      'item 1',
      'item 2',
    ]);
  });

  it('never runs more than `limit` fetches at once', async () => {
    await fc.assert(
      // A record, so that a counterexample is labelled: { limit: 2, count: 5 }.
      fc.asyncProperty(
        fc.record({ limit: fc.integer({ min: 1, max: 4 }), count: fc.integer({ min: 0, max: 12 }) }),
        async ({ limit, count }) => {
          const { stats, fetchOne } = backend();
          const ids = Array.from({ length: count }, (_, i) => i);
          await fetchAll(ids, fetchOne, limit);
          expect(stats.most).to.be.at.most(limit);
          expect([...stats.started].sort((a, b) => a - b)).to.deep.equal(ids);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('at the first error, aborts the running fetches and starts no new one', async () => {
    const { stats, fetchOne } = backend(new Set([2]));
    const ids = [1, 2, 3, 4, 5, 6, 7, 8];
    const failure = await fetchAll(ids, fetchOne, 3).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((failure as Error).message).to.equal('item 2 failed');
    expect(stats.aborted, 'fetches aborted by the first error').to.deep.equal([1, 3]);
    expect(stats.started, 'fetches started').to.deep.equal([1, 2, 3]);
  });

  it('rejects only once every started fetch has finished', async () => {
    const { stats, fetchOne } = backend(new Set([1]));
    await fetchAll([1, 2, 3], fetchOne, 3).catch(() => {});
    expect(stats.running, 'fetches still running after fetchAll rejected').to.equal(0);
  });
});
