// Exercise 08: a dynamic pool with metrics. Make the tests pass: `pnpm workshop 08`.
import { Chan, len, time, type BlockingOptions, type Receiver } from '@csp/channel';
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
  private workers = 0;

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
    // TODO 1: jobs left waiting in the queue (len(this.jobs) > 0) mean every worker is busy:
    // start another worker, up to this.options.maxWorkers.
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
    // TODO 3: count completed and failed jobs, and the peak number of workers.
    return {
      submitted: this.submitted,
      completed: 0,
      failed: 0,
      workers: this.workers,
      peakWorkers: this.workers,
      queued: len(this.jobs),
    };
  }

  private startWorker(): void {
    this.workers++;
    this.running.go(() => this.work());
  }

  /** A worker: takes jobs until the queue is closed and drained, or until it idles as an extra. */
  private async work(): Promise<void> {
    // TODO 2: a worker beyond minWorkers must exit after options.idleMs without a job:
    // select between a job and time.after(idleMs) (a nil channel, null, switches a case off).
    for await (const job of this.jobs) {
      await this.outcomes.send(await this.run(job));
    }
    this.workers--;
  }

  private async run(job: J): Promise<Outcome<J, R>> {
    try {
      return { job, ok: true, value: await this.handle(job) };
    } catch (error) {
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
