import { expect } from 'chai';
import fc from 'fast-check';
import { time } from '@csp/channel';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { downloadAll } = implementation({ start, solution });
const blocked = 'downloadAll never finished: run `pnpm workshop 13 --main` to see who waits';

/** A fake server: each download takes a millisecond; it counts the downloads running at once. */
function server(failing: (url: string) => boolean) {
  const stats = { running: 0, most: 0 };
  const download = async (url: string): Promise<string> => {
    stats.most = Math.max(stats.most, ++stats.running);
    try {
      await time.sleep(1);
      if (failing(url)) throw new Error(`${url} failed`);
      return `<${url}>`;
    } finally {
      stats.running--;
    }
  };
  return { stats, download };
}

const show = (results: (string | Error)[]) => results.map((r) => (r instanceof Error ? `error: ${r.message}` : r));

describe('workshop 13: a buffered channel as a semaphore', () => {
  it('downloads every url, at most `limit` at once, results in order', async () => {
    const { stats, download } = server(() => false);
    const results = await within(1000, downloadAll(['a', 'b', 'c', 'd', 'e'], download, 2), blocked);
    expect(show(results)).to.deep.equal(['<a>', '<b>', '<c>', '<d>', '<e>']);
    expect(stats.most, 'downloads running at once').to.equal(2);
  });

  it('reports a failed download in its place and goes on', async () => {
    const { download } = server((url) => url === 'b');
    const results = await within(1000, downloadAll(['a', 'b', 'c'], download, 1), blocked);
    expect(show(results)).to.deep.equal(['<a>', 'error: b failed', '<c>']);
  });

  it('finishes whatever fails, never above the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        // A record, so that a counterexample is labelled: { fails: [true, false], limit: 1 }.
        fc.record({ fails: fc.array(fc.boolean(), { maxLength: 12 }), limit: fc.integer({ min: 1, max: 4 }) }),
        async ({ fails, limit }) => {
          const urls = fails.map((_, i) => `/${i}`);
          const { stats, download } = server((url) => fails[Number(url.slice(1))]!);
          const results = await within(300, downloadAll(urls, download, limit), blocked);
          expect(
            results.map((r) => r instanceof Error),
            'which downloads failed',
          ).to.deep.equal(fails);
          expect(stats.most, 'downloads running at once').to.be.at.most(limit);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('runs main() to the end with the deadlock report on', async () => {
    const run = await runMain('13-semaphore-channel');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('/page/4: 404');
  });
});
