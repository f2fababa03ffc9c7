// Ports of the seeds' programs that use sync, as tests that check their results (not their
// printing): seed 000's multiple producers / multiple consumers system with its statistics and
// its priority queue (a heap, a Mutex and a Cond), and seed 002/003's WaitGroup worker pools.
// Each runs in a synctest bubble: the seeds' sleeps take virtual time, not real time.
import { expect } from 'chai';
import { Chan, close, go, time, type Receiver, type Sender } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import { synctest } from '@csp/testing';
import { PriorityJobQueue, type Job as PriorityJob } from '../../../examples/cond-priority-queue/priority-queue.js';

/** Go's `rand.Intn(n)`. */
const intn = (n: number): number => Math.floor(Math.random() * n);

describe('seed ports', () => {
  describe('seed 000: multiple producers, multiple consumers, with statistics', () => {
    // Go's durations divided by 10: producers run 300 ms, produce every 5-15 ms, jobs take 8-20 ms.
    const scale = 10;

    interface Job {
      id: number;
      producerID: number;
      data: number;
      createdAt: number;
    }

    interface Result {
      jobID: number;
      consumerID: number;
      output: number;
      duration: number;
    }

    class Stats {
      jobsCreated = 0;
      jobsProcessed = 0;
      totalDuration = 0;
    }

    async function producer(
      id: number,
      jobs: Sender<Job>,
      duration: number,
      stats: Stats,
      wg: WaitGroup,
      created: number[],
    ): Promise<void> {
      try {
        let jobNum = 0;
        const deadline = time.now().getTime() + duration;
        while (time.now().getTime() < deadline) {
          await jobs.send({ id: id * 1000 + jobNum, producerID: id, data: intn(100), createdAt: time.now().getTime() });
          stats.jobsCreated++;
          jobNum++;
          await time.sleep((50 + intn(100)) / scale);
        }
        created[id] = jobNum;
      } finally {
        wg.done();
      }
    }

    async function consumer(
      id: number,
      jobs: Receiver<Job>,
      results: Sender<Result>,
      stats: Stats,
      wg: WaitGroup,
      processed: number[],
      seen: Map<number, Job>,
    ): Promise<void> {
      try {
        let count = 0;
        for await (const job of jobs) {
          const start = time.now().getTime();
          await time.sleep((80 + intn(120)) / scale);
          seen.set(job.id, job);
          const result: Result = { jobID: job.id, consumerID: id, output: job.data * 2, duration: time.now().getTime() - start };
          await results.send(result);
          stats.jobsProcessed++;
          stats.totalDuration += result.duration;
          count++;
        }
        processed[id] = count;
      } finally {
        wg.done();
      }
    }

    it('every job created is processed exactly once, and the statistics add up', () =>
      synctest.test(async () => {
        const numProducers = 4;
        const numConsumers = 6;
        const jobs = new Chan<Job>(20);
        const results = new Chan<Result>(20);
        const stats = new Stats();
        const producerWg = new WaitGroup();
        const consumerWg = new WaitGroup();
        const aggregatorDone = new Chan<void>();
        const created: number[] = [];
        const processed: number[] = [];
        const seen = new Map<number, Job>();
        const aggregated: Result[] = [];
        const log: string[] = [];

        go(async () => {
          for await (const result of results) aggregated.push(result);
          close(aggregatorDone);
        });
        for (let i = 0; i < numConsumers; i++) {
          consumerWg.add(1);
          go(consumer, i, jobs, results, stats, consumerWg, processed, seen);
        }
        for (let i = 0; i < numProducers; i++) {
          producerWg.add(1);
          go(producer, i, jobs, 3000 / scale, stats, producerWg, created);
        }

        await producerWg.wait();
        log.push('producers finished');
        close(jobs);
        await consumerWg.wait();
        log.push('consumers finished');
        close(results);
        await aggregatorDone.recv();
        log.push('aggregator finished');

        const total = created.reduce((a, b) => a + b, 0);
        expect(created).to.have.length(numProducers);
        expect(total).to.be.above(numProducers);
        expect(stats.jobsCreated).to.equal(total);
        expect(stats.jobsProcessed, 'jobs in flight').to.equal(total);
        expect(seen.size, 'distinct jobs processed').to.equal(total);
        expect(aggregated, 'results aggregated').to.have.length(total);
        expect(log).to.deep.equal(['producers finished', 'consumers finished', 'aggregator finished']);
        expect(processed.reduce((a, b) => a + b, 0)).to.equal(total);
        expect(processed.filter((n) => n !== undefined)).to.have.length(numConsumers);
        expect(aggregated).to.have.length(total);
        expect(new Set(aggregated.map((r) => r.jobID)).size, 'each job once').to.equal(total);
        for (const result of aggregated) expect(result.output).to.equal(seen.get(result.jobID)!.data * 2);
        expect(stats.totalDuration / stats.jobsProcessed, 'average duration').to.be.at.least(8 - 1);
        expect(log).to.deep.equal(['producers finished', 'consumers finished', 'aggregator finished']);
      }));
  });

  describe('seed 000: the priority queue built from a heap, sync.Cond and a Mutex', () => {
    const job = (id: number): PriorityJob => ({ id, producerID: 0, data: id, createdAt: new Date() });

    it('dequeues the highest priority first', () =>
      synctest.test(async () => {
        const queue = new PriorityJobQueue();
        const priorities = [3, 9, 1, 7, 5, 8, 2, 6, 4, 10];
        for (const [i, p] of priorities.entries()) await queue.enqueue(job(i + 1), p);
        await queue.close();
        const order: number[] = [];
        for (let [j, ok] = await queue.dequeue(); ok; [j, ok] = await queue.dequeue()) order.push(priorities[j.id - 1]!);
        expect(order).to.deep.equal([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      }));

    it('a consumer blocked on an empty queue is woken by an enqueue (Signal)', () =>
      synctest.test(async () => {
        const queue = new PriorityJobQueue();
        const dequeued = queue.dequeue();
        await time.sleep(2);
        await queue.enqueue(job(7), 1);
        const [got, ok] = await dequeued;
        expect(ok).to.equal(true);
        expect(got.id).to.equal(7);
      }));

    it('close wakes every blocked consumer with ok = false (Broadcast)', () =>
      synctest.test(async () => {
        const queue = new PriorityJobQueue();
        const blocked = [queue.dequeue(), queue.dequeue(), queue.dequeue()];
        await time.sleep(2);
        await queue.close();
        for (const [, ok] of await Promise.all(blocked)) expect(ok).to.equal(false);
      }));

    it('concurrent producers and consumers process every job exactly once', () =>
      synctest.test(async () => {
        const queue = new PriorityJobQueue();
        const consumed: number[] = [];
        const consumers = new WaitGroup();
        for (let c = 0; c < 4; c++) {
          consumers.go(async () => {
            for (let [j, ok] = await queue.dequeue(); ok; [j, ok] = await queue.dequeue()) {
              consumed.push(j.id);
              await time.sleep(intn(3));
            }
          });
        }
        const producers = new WaitGroup();
        for (let p = 0; p < 3; p++) {
          producers.go(async () => {
            for (let i = 0; i < 30; i++) {
              await queue.enqueue(job(p * 100 + i), intn(10));
              if (i % 5 === 0) await time.sleep(1);
            }
          });
        }
        await producers.wait();
        await queue.close();
        await consumers.wait();
        expect(consumed.sort((a, b) => a - b)).to.deep.equal(
          [0, 1, 2].flatMap((p) => Array.from({ length: 30 }, (_, i) => p * 100 + i)),
        );
      }));
  });

  describe('seed 002: a worker pool whose WaitGroup closes the results channel', () => {
    it('collects the square of every job, then the range over results ends', () =>
      synctest.test(async () => {
        const jobs = new Chan<number>(100);
        const results = new Chan<[number, number]>(100);
        const wg = new WaitGroup();
        const worker = async (numbers: Receiver<number>, out: Sender<[number, number]>): Promise<void> => {
          try {
            for await (const n of numbers) {
              await time.sleep(1);
              await out.send([n, n * n]);
            }
          } finally {
            wg.done();
          }
        };
        for (let w = 1; w <= 3; w++) {
          wg.add(1);
          go(worker, jobs, results);
        }
        for (let j = 1; j <= 5; j++) await jobs.send(j);
        close(jobs);
        go(async () => {
          await wg.wait();
          close(results);
        });
        const collected: [number, number][] = [];
        for await (const result of results) collected.push(result);
        expect(collected.sort((a, b) => a[0] - b[0])).to.deep.equal([1, 2, 3, 4, 5].map((n) => [n, n * n]));
      }));
  });

  describe('seed 003: a worker pool that adds every task to the WaitGroup up front', () => {
    it('Start returns once all 23 tasks are processed, by 3 workers at most at a time', () =>
      synctest.test(async () => {
        const processed: number[] = [];
        let running = 0;
        let peak = 0;
        const tasks = Array.from({ length: 23 }, (_, i) => ({ id: i + 1 }));
        const queue = new Chan<{ id: number }>(tasks.length);
        const wg = new WaitGroup();
        const process = async (): Promise<void> => {
          for await (const task of queue) {
            running++;
            peak = Math.max(peak, running);
            processed.push(task.id);
            await time.sleep(1);
            running--;
            wg.done();
          }
        };
        for (let i = 0; i < 3; i++) go(process);
        wg.add(tasks.length);
        for (const task of tasks) await queue.send(task);
        close(queue);
        await wg.wait();
        expect(processed.sort((a, b) => a - b)).to.deep.equal(tasks.map((t) => t.id));
        expect(peak).to.equal(3);
      }));
  });
});
