// The README's demo: seed 000's producers and consumers on a dynamic WorkerPool, watched live.
//
// Derived from main.go (seed 000's Basic Implementation; a link to ../producers-consumers/main.go,
// which that example ports line by line) rather than ported line by line here. The
// producers, the Job and Result records, the aggregator and the final statistics are the seed's;
// its 6 consumer goroutines on the `jobs` channel become @csp/patterns' dynamic WorkerPool:
// `jobs <- job` is `pool.submit(...)` (the pool's queue holds bufferSize jobs, and a full queue
// makes the producer wait, as the channel's buffer does), each worker runs the consumer's loop
// body, and `close(jobs); consumerWg.Wait()` is `pool.close()`. What it adds:
//   - production in three phases: steady, a burst the pool meets by growing from 2 workers to 8,
//     then quiet, when the workers it no longer needs retire after idling for 500 ms;
//   - a live view of the pool's metrics stream, `pool.watch(ms)`: on a terminal, status lines
//     redrawn in place 10 times a second; elsewhere (pipes, CI), one plain line every 500 ms;
//   - the pool's metrics summary after the seed's final statistics.
// Durations are Go's (no speedup): the producers run for 4.3 s, the whole demo about 5 s.
import '@csp/channel/deadlock';
import { Chan, close, go, recv, time, trySelect, type Receiver, type Sender } from '@csp/channel';
import { WorkerPool, type JobContext, type PoolMetrics } from '@csp/patterns';
import { WaitGroup } from '@csp/sync';
import { durationString } from '../shared/duration.js';
import * as rand from '../shared/rand.js';
import { LiveView } from './live-view.js';
import { poolReport, RecentRate, statusLine, statusLines, type PoolShape } from './status.js';

// Job represents work to be done
interface Job {
  id: number;
  producerID: number;
  data: number;
  createdAt: Date;
}

// Result represents processed work
interface Result {
  jobID: number;
  consumerID: number;
  output: number;
  duration: number; // milliseconds
}

// Phase sets the production rate until `until` ms after the start: a producer waits between
// `pause` and 2 × `pause` ms between two jobs (the seed waits 50-150 ms all along).
interface Phase {
  name: string;
  until: number;
  pause: number;
}

const phases: readonly Phase[] = [
  { name: 'steady', until: 800, pause: 200 }, // about 13 jobs/s: the 2 workers keep up
  { name: 'burst', until: 2300, pause: 10 }, // up to 270 jobs/s: the queue fills, the pool grows to 8
  { name: 'quiet', until: 4300, pause: 400 }, // about 7 jobs/s: idle workers retire
];

function phaseAt(elapsed: number): Phase | undefined {
  return phases.find((phase) => elapsed < phase.until);
}

// Everything printed goes above the live view's status lines (Go's fmt.Printf).
const view = new LiveView(process.stdout);
const log = (line: string): void => view.log(line);

// Stats tracks system metrics (Go's atomic counters are plain numbers: one goroutine runs at a time)
class Stats {
  jobsCreated = 0;
  jobsProcessed = 0;
  totalDuration = 0; // milliseconds
  processedBy = new Map<number, number>(); // jobs per consumer (pool worker)

  report(): void {
    const created = this.jobsCreated;
    const processed = this.jobsProcessed;
    let avgDuration = 0;
    if (processed > 0) {
      avgDuration = this.totalDuration / processed;
    }

    log(`
📊 Final Statistics:
   Jobs created:   ${created}
   Jobs processed: ${processed}
   Avg duration:   ${durationString(avgDuration)}
   Jobs in flight: ${created - processed}`);
  }
}

// Producer generates jobs, at the rate of the current phase, and submits them to the pool
async function producer(
  id: number,
  pool: WorkerPool<void>,
  start: Date,
  results: Sender<Result>,
  stats: Stats,
  wg: WaitGroup,
): Promise<void> {
  try {
    let jobNum = 0;

    for (let phase = phaseAt(time.since(start)); phase !== undefined; phase = phaseAt(time.since(start))) {
      const job: Job = {
        id: id * 1000 + jobNum,
        producerID: id,
        data: rand.intn(100),
        createdAt: time.now(),
      };

      await pool.submit((worker) => consume(worker, job, results, stats)); // Go's jobs <- job
      stats.jobsCreated++;
      jobNum++;

      // Variable production rate
      await time.sleep((phase.pause + rand.intn(phase.pause)) * time.millisecond);
    }

    log(`[Producer ${id}] Finished, created ${jobNum} jobs`);
  } finally {
    wg.done();
  }
}

// Consume processes one job and sends its result: the body of the seed's consumer loop, run by
// whichever pool worker takes the job (the worker's number is the consumer's id)
async function consume({ worker: id }: JobContext, job: Job, results: Sender<Result>, stats: Stats): Promise<void> {
  const start = time.now();

  // Simulate work
  const processingTime = (80 + rand.intn(120)) * time.millisecond;
  await time.sleep(processingTime);

  // Compute result
  const result: Result = {
    jobID: job.id,
    consumerID: id,
    output: job.data * 2,
    duration: time.since(start),
  };

  await results.send(result);

  stats.jobsProcessed++;
  stats.totalDuration += result.duration;
  stats.processedBy.set(id, (stats.processedBy.get(id) ?? 0) + 1);

  const queueTime = start.getTime() - job.createdAt.getTime();
  if (queueTime > 500 * time.millisecond) {
    log(`[Consumer ${id}] ⚠️  Job ${job.id} queued for ${durationString(queueTime)}`);
  }
}

// ResultAggregator collects all results
async function resultAggregator(results: Receiver<Result>, done: Sender<void>): Promise<void> {
  let resultCount = 0;
  let totalDuration = 0;

  for await (const result of results) {
    resultCount++;
    totalDuration += result.duration;

    if (resultCount % 10 === 0) {
      const avgDuration = totalDuration / resultCount;
      log(`📦 Aggregator: ${resultCount} results (avg: ${durationString(avgDuration)})`);
    }
  }

  log(`📦 Aggregator: Finished with ${resultCount} total results`);
  close(done);
}

// Dashboard shows the pool's metrics stream until the pool has finished, then sends the most
// workers it saw and leaves its last status on screen
async function dashboard(
  metrics: Receiver<PoolMetrics>,
  finished: Receiver<void>,
  interval: number,
  shape: PoolShape,
  start: Date,
  done: Sender<number>,
): Promise<void> {
  const rate = new RecentRate(time.second, interval);
  let peakWorkers = 0;

  for await (const m of metrics) {
    peakWorkers = Math.max(peakWorkers, m.workers);
    const elapsed = time.since(start);
    const closed = trySelect([recv(finished)]) !== undefined; // select { case <-finished: default: }
    const phase = closed ? 'closed' : (phaseAt(elapsed)?.name ?? 'ending');
    const now = { phase, elapsed, throughput: rate.add(m) };
    if (view.live) view.show(statusLines(m, shape, now));
    else log(statusLine(m, now));
  }

  view.end();
  await done.send(peakWorkers);
}

async function main(): Promise<void> {
  log('=== Multiple Producers, Multiple Consumers, on a Dynamic Worker Pool ===\n');

  const numProducers = 4;
  const minConsumers = 2;
  const maxConsumers = 8;
  const bufferSize = 20;
  const idleTimeout = 500 * time.millisecond;
  const interval = view.live ? 100 * time.millisecond : 500 * time.millisecond;

  const results = new Chan<Result>(bufferSize, { name: 'results' });
  const stats = new Stats();

  log('Configuration:');
  log(`  Producers: ${numProducers}`);
  log(`  Consumers: ${minConsumers} to ${maxConsumers} pool workers (idle timeout ${durationString(idleTimeout)})`);
  log(`  Buffer size: ${bufferSize}`);
  log(`  Phases: ${phases.map((phase) => `${phase.name} until ${durationString(phase.until)}`).join(', ')}\n`);

  const producerWg = new WaitGroup();
  const aggregatorDone = new Chan<void>(0, { name: 'aggregatorDone' });
  const dashboardDone = new Chan<number>(0, { name: 'dashboardDone' });

  // Start result aggregator
  go(resultAggregator, results, aggregatorDone);

  // Start consumers: the pool starts its minimum of workers, and more while jobs wait (3 or more)
  log('Starting consumers...');
  const shape: PoolShape = { min: minConsumers, max: maxConsumers, queueSize: bufferSize };
  const pool = new WorkerPool<void>({ ...shape, idleTimeout, growAt: 3, name: 'consumers' });
  const start = time.now();
  go(dashboard, pool.watch(interval), pool.done(), interval, shape, start, dashboardDone);

  // Start producers
  log('Starting producers...\n');
  for (let i = 0; i < numProducers; i++) {
    producerWg.add(1);
    go(producer, i, pool, start, results, stats, producerWg);
  }

  // Wait for producers to finish
  await producerWg.wait();
  log('\n✓ All producers finished');

  // Signal consumers no more jobs, and wait for them to finish (and for the live view's last status)
  await pool.close();
  const peakWorkers = (await dashboardDone.recv()) ?? 0;
  for (const [id, processed] of [...stats.processedBy].sort(([a], [b]) => a - b)) {
    log(`[Consumer ${id}] Finished, processed ${processed} jobs`);
  }
  log('✓ All consumers finished');
  close(results); // Signal aggregator no more results

  // Wait for aggregator
  await aggregatorDone.recv();
  log('✓ Result aggregator finished');

  stats.report();
  log(poolReport(pool.metrics(), shape, peakWorkers));
  log('\n✓ Pipeline complete!');
}

await main();
