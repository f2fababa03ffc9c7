// Partitioned queue: jobs routed by the FNV-1a hash of their key, one consumer per partition (seed 000).
//
// A line-by-line port of main.go: the seed's queue and the glue main that drives it (the
// `@csp/patterns` partitioned queue packages this pattern). The keys go to the same partitions as
// in Go, and each key's jobs are processed in order.
import '@csp/channel/deadlock';
import { Chan, go } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import * as fnv from './fnv.js';

// Partition-based distribution
class PartitionedQueue {
  readonly #queues: Chan<Job>[];
  readonly #numPartitions: number;

  // Go's NewPartitionedQueue(numPartitions, bufferSize)
  constructor(numPartitions: number, bufferSize: number) {
    this.#queues = new Array<Chan<Job>>(numPartitions);
    this.#numPartitions = numPartitions;
    for (let i = 0; i < numPartitions; i++) {
      this.#queues[i] = new Chan<Job>(bufferSize, { name: `partition ${i}` });
    }
  }

  // Send to partition based on job key
  async send(job: Job, key: string): Promise<void> {
    const partition = this.partition(key);
    await this.#queues[partition]!.send(job);
  }

  partition(key: string): number {
    const h = fnv.new32a();
    h.write(new TextEncoder().encode(key));
    return h.sum32() % this.#numPartitions;
  }

  // Each consumer gets its own partition
  startConsumers(numConsumers: number, process: (job: Job) => void): void {
    for (let i = 0; i < numConsumers; i++) {
      go(async (partition: number) => {
        for await (const job of this.#queues[partition]!) {
          process(job);
        }
      }, i % this.#numPartitions);
    }
  }
}

// ---- glue ----

interface Job {
  id: number;
  producerID: number;
  data: number;
}

async function main(): Promise<void> {
  const numPartitions = 3;
  const pq = new PartitionedQueue(numPartitions, 10);

  const wg = new WaitGroup();
  pq.startConsumers(numPartitions, (job) => {
    console.log(`Processed job ${job.id} (key user-${job.producerID})`);
    wg.done();
  });

  for (let i = 1; i <= 12; i++) {
    const job: Job = { id: i, producerID: i % 4, data: i * 10 };
    const key = `user-${job.producerID}`;
    console.log(`Job ${job.id} (key ${key}) -> partition ${pq.partition(key)}`);
    wg.add(1);
    await pq.send(job, key);
  }
  await wg.wait();
}

await main();
// Go's main returning ends the program, and with it the consumers still waiting on their
// partitions (the seed's queue has no Close). `process.exit` does the same, before the deadlock
// report would list them.
process.exit(0);
