// Timers leave nothing behind, at scale: the 1,000,000-iteration loop of
// `select([recv(ready), recv(time.after(10_000))])`, run in a fresh process.
import { expect } from 'chai';
import { runFixture } from './helpers.js';

describe('a 1,000,000-iteration select loop with a 10 s timer case', () => {
  it('finishes with no armed timer and a flat heap, and the process exits on its own at once', async function () {
    this.timeout(60_000);
    const iterations = 1_000_000;
    const result = await runFixture('timer-select-loop.ts', [String(iterations)], {
      nodeArgs: ['--expose-gc'],
      killAfterMs: 50_000,
    });
    const exitedAt = Date.now();
    expect(result.stderr).to.equal('');
    expect(result.code).to.equal(0);
    const report = JSON.parse(result.stdout) as {
      iterations: number;
      readyWins: number;
      timeouts: number;
      heapGrowth: number;
      finishedAt: number;
    };
    expect(report.iterations).to.equal(iterations);
    expect(report.readyWins).to.equal(iterations);
    expect(report.timeouts).to.equal(0);
    expect(report.heapGrowth).to.be.below(2 * iterations); // under 2 bytes per iteration
    // Had one of the last 10 s timers stayed armed, the process would have lived on for seconds.
    expect(exitedAt - report.finishedAt).to.be.below(2_000);
  });
});
