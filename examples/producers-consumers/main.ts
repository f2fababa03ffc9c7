// Producers and consumers: fan-in to one queue, fan-out to 6 consumers, an aggregator (seed 000).
//
// A line-by-line port of main.go. Every duration is Go's divided by `speedup` (5), so that the
// example runs for about 0.7 s instead of 3.5 s: producers run for 600 ms, a job is produced
// every 10-30 ms and takes 16-40 ms, and a job counts as queued too long after 100 ms.
import '@csp/channel/deadlock';
import { Chan, close, go, time, type Receiver, type Sender } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import { durationString } from '../shared/duration.js';
import * as rand from '../shared/rand.js';

const speedup = 5;

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

// Stats tracks system metrics (Go's atomic counters are plain numbers: one goroutine runs at a time)
class Stats {
  jobsCreated = 0;
  jobsProcessed = 0;
  totalDuration = 0; // milliseconds

  report(): void {
    const created = this.jobsCreated;
    const processed = this.jobsProcessed;
    let avgDuration = 0;
    if (processed > 0) {
      avgDuration = this.totalDuration / processed;
    }

    console.log(`
📊 Final Statistics:
   Jobs created:   ${created}
   Jobs processed: ${processed}
   Avg duration:   ${durationString(avgDuration)}
   Jobs in flight: ${created - processed}`);
  }
}

// Producer generates jobs
async function producer(id: number, jobs: Sender<Job>, duration: number, stats: Stats, wg: WaitGroup): Promise<void> {
  try {
    let jobNum = 0;
    const deadline = Date.now() + duration;

    while (Date.now() < deadline) {
      const job: Job = {
        id: id * 1000 + jobNum,
        producerID: id,
        data: rand.intn(100),
        createdAt: time.now(),
      };

      await jobs.send(job);
      stats.jobsCreated++;
      jobNum++;

      // Variable production rate
      await time.sleep(((50 + rand.intn(100)) * time.millisecond) / speedup);
    }

    console.log(`[Producer ${id}] Finished, created ${jobNum} jobs`);
  } finally {
    wg.done();
  }
}

// Consumer processes jobs and sends results
async function consumer(id: number, jobs: Receiver<Job>, results: Sender<Result>, stats: Stats, wg: WaitGroup): Promise<void> {
  try {
    let processed = 0;

    for await (const job of jobs) {
      const start = time.now();

      // Simulate work
      const processingTime = ((80 + rand.intn(120)) * time.millisecond) / speedup;
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
      processed++;

      const queueTime = start.getTime() - job.createdAt.getTime();
      if (queueTime > (500 * time.millisecond) / speedup) {
        console.log(`[Consumer ${id}] ⚠️  Job ${job.id} queued for ${durationString(queueTime)}`);
      }
    }

    console.log(`[Consumer ${id}] Finished, processed ${processed} jobs`);
  } finally {
    wg.done();
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
      console.log(`📦 Aggregator: ${resultCount} results (avg: ${durationString(avgDuration)})`);
    }
  }

  console.log(`📦 Aggregator: Finished with ${resultCount} total results`);
  close(done);
}

async function main(): Promise<void> {
  console.log('=== Multiple Producers, Multiple Consumers ===\n');

  const numProducers = 4;
  const numConsumers = 6;
  const bufferSize = 20;
  const duration = (3 * time.second) / speedup;

  const jobs = new Chan<Job>(bufferSize, { name: 'jobs' });
  const results = new Chan<Result>(bufferSize, { name: 'results' });
  const stats = new Stats();

  console.log('Configuration:');
  console.log(`  Producers: ${numProducers}`);
  console.log(`  Consumers: ${numConsumers}`);
  console.log(`  Buffer size: ${bufferSize}`);
  console.log(`  Duration: ${durationString(duration)}\n`);

  const producerWg = new WaitGroup();
  const consumerWg = new WaitGroup();
  const aggregatorDone = new Chan<void>(0, { name: 'aggregatorDone' });

  // Start result aggregator
  go(resultAggregator, results, aggregatorDone);

  // Start consumers
  console.log('Starting consumers...');
  for (let i = 0; i < numConsumers; i++) {
    consumerWg.add(1);
    go(consumer, i, jobs, results, stats, consumerWg);
  }

  // Start producers
  console.log('Starting producers...\n');
  for (let i = 0; i < numProducers; i++) {
    producerWg.add(1);
    go(producer, i, jobs, duration, stats, producerWg);
  }

  // Wait for producers to finish
  await producerWg.wait();
  console.log('\n✓ All producers finished');
  close(jobs); // Signal consumers no more jobs

  // Wait for consumers to finish
  await consumerWg.wait();
  console.log('✓ All consumers finished');
  close(results); // Signal aggregator no more results

  // Wait for aggregator
  await aggregatorDone.recv();
  console.log('✓ Result aggregator finished');

  stats.report();
  console.log('\n✓ Pipeline complete!');
}

await main();
