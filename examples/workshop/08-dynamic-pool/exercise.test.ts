import { expect } from 'chai';
import fc from 'fast-check';
import { SendOnClosedChannelError, time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';
import type { Outcome, Pool, PoolConstructor, PoolOptions } from './pool-types.js';

const { DynamicPool } = implementation<{ DynamicPool: PoolConstructor }>({ start, solution });

const options: PoolOptions = { minWorkers: 1, maxWorkers: 3, queueSize: 2, idleMs: 15 };

/** Doubles a number after `ms`; throws for negative numbers. */
const slowDouble =
  (ms: number) =>
  async (n: number): Promise<number> => {
    await time.sleep(ms);
    if (n < 0) throw new Error(`negative: ${n}`);
    return n * 2;
  };

/** Submits `jobs` while draining the results, then closes the pool; resolves with the outcomes. */
async function runJobs(pool: Pool<number, number>, jobs: readonly number[]): Promise<Outcome<number, number>[]> {
  const outcomes: Outcome<number, number>[] = [];
  const drained = (async () => {
    for await (const outcome of pool.results) outcomes.push(outcome);
  })();
  for (const job of jobs) await pool.submit(job);
  await pool.close();
  await drained;
  return outcomes;
}

const byJob = (a: Outcome<number, number>, b: Outcome<number, number>) => a.job - b.job;

describe('workshop 08: a dynamic pool with metrics', () => {
  it('handles every job once, then closes results', async () => {
    const pool = new DynamicPool(slowDouble(1), options);
    const outcomes = await within(2000, runJobs(pool, [1, 2, 3, 4, 5]), 'the pool never finished');
    expect(outcomes.sort(byJob).map((o) => (o.ok ? o.value : o.error))).to.deep.equal([2, 4, 6, 8, 10]);
  });

  it('delivers a failed job as an outcome with its error, and goes on', async () => {
    const pool = new DynamicPool(slowDouble(1), options);
    const outcomes = (await runJobs(pool, [1, -1, 2])).sort(byJob);
    expect(outcomes[0]).to.deep.include({ job: -1, ok: false });
    expect(String((outcomes[0] as { error: unknown }).error)).to.include('negative: -1');
    expect(outcomes.filter((o) => o.ok).map((o) => o.job)).to.deep.equal([1, 2]);
  });

  it('grows to maxWorkers while jobs wait, and never beyond', async () => {
    const pool = new DynamicPool(slowDouble(5), options);
    await runJobs(
      pool,
      Array.from({ length: 12 }, (_, i) => i),
    );
    expect(pool.metrics().peakWorkers, 'peak workers').to.equal(options.maxWorkers);
  });

  it('shrinks back to minWorkers once the extra workers idle', async () => {
    // In a test bubble (see exercise 09): the jobs' sleeps and the idle timers follow its virtual
    // clock, so the extra workers have idled for exactly as long as the test says, however busy
    // the machine is (in real time, a loaded machine made this test fail now and then).
    const workers = await within(
      2000,
      synctest.test(async () => {
        const pool = new DynamicPool(slowDouble(5), options);
        const drained = (async () => {
          for await (const outcome of pool.results) void outcome;
        })();
        for (let i = 0; i < 12; i++) await pool.submit(i);
        const during = pool.metrics().workers;
        await time.sleep(5 * 5 + 4 * options.idleMs);
        const idle = pool.metrics().workers;
        await pool.close();
        await drained;
        return { during, idle, closed: pool.metrics().workers };
      }),
      'the pool never finished',
    );
    // Say what came: a failed `greaterThan` on `undefined` shows an empty diff.
    expect(
      workers.during,
      `workers during the burst: ${String(workers.during)}, expected more than minWorkers (${options.minWorkers})`,
    ).to.be.greaterThan(options.minWorkers);
    expect(workers.idle, 'workers after idling').to.equal(options.minWorkers);
    expect(workers.closed, 'workers after close').to.equal(0);
  });

  it('counts submitted, completed and failed jobs', async () => {
    await fc.assert(
      // A record, so that a counterexample is labelled: { jobs: [...], extra: 1 }.
      fc.asyncProperty(
        fc.record({ jobs: fc.array(fc.integer({ min: -3, max: 20 }), { maxLength: 15 }), extra: fc.integer({ min: 1, max: 3 }) }),
        async ({ jobs, extra }) => {
          const pool = new DynamicPool(slowDouble(1), { minWorkers: 1, maxWorkers: 1 + extra, queueSize: 1, idleMs: 5 });
          const outcomes = await runJobs(pool, jobs);
          const failed = jobs.filter((n) => n < 0).length;
          expect(outcomes.map((o) => o.job).sort((a, b) => a - b)).to.deep.equal([...jobs].sort((a, b) => a - b));
          expect(pool.metrics()).to.deep.include({ submitted: jobs.length, completed: jobs.length - failed, failed, queued: 0 });
          const peak = pool.metrics().peakWorkers;
          expect(peak, `peakWorkers ${String(peak)}, expected between 1 and maxWorkers (${1 + extra})`).to.be.within(
            1,
            1 + extra,
          );
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rejects a submit after close with SendOnClosedChannelError', async () => {
    const pool = new DynamicPool(slowDouble(1), options);
    await pool.close();
    const error: unknown = await pool.submit(1).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SendOnClosedChannelError);
  });

  it('refuses options it cannot work with, saying what to fix', () => {
    expect(() => new DynamicPool(slowDouble(1), { ...options, minWorkers: 0 })).to.throw(
      RangeError,
      /minWorkers must be an integer of at least 1/,
    );
    expect(() => new DynamicPool(slowDouble(1), { ...options, maxWorkers: 0 })).to.throw(RangeError, /maxWorkers/);
    expect(() => new DynamicPool(slowDouble(1), { ...options, queueSize: -1 })).to.throw(RangeError, /queueSize/);
    expect(() => new DynamicPool(slowDouble(1), { ...options, idleMs: 0 })).to.throw(RangeError, /idleMs/);
  });

  it('runs main() to the end with the deadlock report on', async () => {
    const run = await runMain('08-dynamic-pool');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('sum of squares: 2870');
  });
});
