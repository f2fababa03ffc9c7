// Dynamic worker pool: starts with 2 workers and adds up to 5 while the queue backs up (seed 002).
//
// A line-by-line port of main.go, with channels and a WaitGroup (the `@csp/patterns` dynamic pool
// packages this pattern). Every duration is Go's divided by `speedup` (5), so that the example
// runs in about 1.5 s instead of 7.5 s.
import '@csp/channel/deadlock';
import { Chan, close, go, len, time, type Receiver } from '@csp/channel';
import { WaitGroup } from '@csp/sync';

const speedup = 5;

// Go's unexported fields and methods are `#private` here.
class WorkerPool {
  readonly #jobs = new Chan<number>(100, { name: 'jobs' });
  readonly #results = new Chan<number>(100, { name: 'results' });
  readonly #wg = new WaitGroup();
  #activeJobs = 0; // Go updates it with sync/atomic; JavaScript runs one goroutine at a time
  readonly #maxWorkers: number;
  readonly #minWorkers: number;

  // Go's NewWorkerPool(minWorkers, maxWorkers)
  constructor(minWorkers: number, maxWorkers: number) {
    this.#maxWorkers = maxWorkers;
    this.#minWorkers = minWorkers;
  }

  async #worker(id: number): Promise<void> {
    try {
      for await (const j of this.#jobs) {
        this.#activeJobs++;
        console.log(`Worker ${id} processing job ${j}`);

        // Simulate work
        await time.sleep((500 * time.millisecond) / speedup);
        await this.#results.send(j * j);

        this.#activeJobs--;
      }
    } finally {
      this.#wg.done();
    }
  }

  start(): void {
    // Start minimum number of workers
    for (let i = 1; i <= this.#minWorkers; i++) {
      this.#wg.add(1);
      go((id: number) => this.#worker(id), i);
    }

    // Monitor job queue and start additional workers if needed
    go(() => this.#monitor());
  }

  async #monitor(): Promise<void> {
    let workerCount = this.#minWorkers;

    for (;;) {
      await time.sleep((200 * time.millisecond) / speedup);
      const queueSize = len(this.#jobs);
      const activeJobs = this.#activeJobs;

      // If queue is filling up, add more workers
      if (queueSize > 5 && workerCount < this.#maxWorkers) {
        workerCount++;
        this.#wg.add(1);
        console.log(`Starting additional worker #${workerCount}`);
        go((id: number) => this.#worker(id), workerCount); // go evaluates workerCount now, as Go does
      }

      // If all jobs are processed, exit the monitor
      if (queueSize === 0 && activeJobs === 0 && workerCount <= this.#minWorkers) {
        break;
      }
    }
  }

  async submit(job: number): Promise<void> {
    await this.#jobs.send(job);
  }

  async close(): Promise<void> {
    close(this.#jobs);
    await this.#wg.wait();
    close(this.#results);
  }

  results(): Receiver<number> {
    return this.#results;
  }
}

async function main(): Promise<void> {
  // Create a pool with min 2, max 5 workers
  const pool = new WorkerPool(2, 5);
  pool.start();

  // Submit jobs with a varying rate
  go(async () => {
    for (let i = 1; i <= 20; i++) {
      await pool.submit(i);

      // Submit jobs quickly for a burst, then slow down
      if (i < 10) {
        await time.sleep((100 * time.millisecond) / speedup); // Fast submission
      } else {
        await time.sleep((600 * time.millisecond) / speedup); // Slow submission
      }
    }
    await pool.close();
  });

  // Collect results
  for await (const r of pool.results()) {
    console.log(`Got result: ${r}`);
  }
}

await main();
// Go's main returning ends the program, and with it the monitor, which loops forever once it has
// added a worker (its exit test needs workerCount <= minWorkers). `process.exit` does the same.
process.exit(0);
