// Exercise 08, solution: a worker pool that grows while jobs wait, shrinks back when idle, and
// counts what it does. Built only from channels, select, timers and a WaitGroup.
import { Chan, len, recv, select, time, type BlockingOptions, type Receiver } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import { checkPoolOptions, type Outcome, type Pool, type PoolMetrics, type PoolOptions } from './pool-types.js';

export type { Outcome, Pool, PoolMetrics, PoolOptions } from './pool-types.js';

/**
 * A worker pool after the seed's `DynamicWorkerPool`: `minWorkers` workers always run; `submit`
 * starts another one (up to `maxWorkers`) whenever jobs are left waiting in the queue; a worker
 * beyond `minWorkers` exits after `idleMs` without a job. Each job's outcome is sent on
 * {@link DynamicPool.results}, which must be drained while the pool runs.
 */
export class DynamicPool<J, R> implements Pool<J, R> {
  /** One outcome per job, in completion order; closed by {@link DynamicPool.close}. */
  readonly results: Receiver<Outcome<J, R>>;
  private readonly jobs: Chan<J>;
  private readonly outcomes: Chan<Outcome<J, R>>;
  private readonly running = new WaitGroup();
  private submitted = 0;
  private completed = 0;
  private failed = 0;
  private workers = 0;
  private peakWorkers = 0;

  /** @throws RangeError when `options` cannot make a pool (the message says what to fix). */
  constructor(
    private readonly handle: (job: J) => Promise<R>,
    private readonly options: PoolOptions,
  ) {
    checkPoolOptions(options);
    this.jobs = new Chan<J>(options.queueSize, { name: 'pool jobs' });
    this.outcomes = new Chan<Outcome<J, R>>(0, { name: 'pool results' });
    this.results = this.outcomes;
    for (let i = 0; i < options.minWorkers; i++) this.startWorker();
  }

  /**
   * Queues `job`. Blocks while the queue is full; resolves once the job is queued or taken by a
   * worker. Rejects with `SendOnClosedChannelError` after {@link DynamicPool.close}, and with
   * `signal.reason` (nothing queued) when `signal` aborts first.
   */
  async submit(job: J, options?: BlockingOptions): Promise<void> {
    await this.jobs.send(job, options);
    this.submitted++;
    if (len(this.jobs) > 0 && this.workers < this.options.maxWorkers) this.startWorker();
  }

  /**
   * Stops accepting jobs, lets the workers finish every queued job, then closes `results`.
   * Resolves once `results` is closed (which needs `results` to be drained).
   */
  async close(): Promise<void> {
    this.jobs.close();
    await this.running.wait();
    this.outcomes.close();
  }

  /** The pool's counters now. Never blocks. */
  metrics(): PoolMetrics {
    const { submitted, completed, failed, workers, peakWorkers } = this;
    return { submitted, completed, failed, workers, peakWorkers, queued: len(this.jobs) };
  }

  private startWorker(): void {
    this.workers++;
    this.peakWorkers = Math.max(this.peakWorkers, this.workers);
    this.running.go(() => this.work());
  }

  /** A worker: takes jobs until the queue is closed and drained, or until it idles as an extra. */
  private async work(): Promise<void> {
    for (;;) {
      const idle = this.workers > this.options.minWorkers ? time.after(this.options.idleMs) : null;
      const next = await select([recv(this.jobs), recv(idle)]);
      const closed = next.index === 0 && !next.ok;
      // Re-checked at the timeout: another extra worker may have retired meanwhile.
      const idled = next.index === 1 && this.workers > this.options.minWorkers;
      if (closed || idled) {
        this.workers--;
        return;
      }
      if (next.index === 0) await this.outcomes.send(await this.run(next.value!));
    }
  }

  private async run(job: J): Promise<Outcome<J, R>> {
    try {
      const value = await this.handle(job);
      this.completed++;
      return { job, ok: true, value };
    } catch (error) {
      this.failed++;
      return { job, ok: false, error };
    }
  }
}

/** The program `pnpm workshop 08 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  const square = async (n: number) => {
    await time.sleep(5);
    return n * n;
  };
  const pool = new DynamicPool(square, { minWorkers: 1, maxWorkers: 4, queueSize: 4, idleMs: 20 });
  let sum = 0;
  const collected = (async () => {
    for await (const outcome of pool.results) if (outcome.ok) sum += outcome.value;
  })();
  for (let n = 1; n <= 20; n++) await pool.submit(n);
  await pool.close();
  await collected;
  console.log('sum of squares:', sum, pool.metrics());
}
