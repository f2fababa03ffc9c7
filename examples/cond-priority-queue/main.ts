// Priority queue: a heap guarded by a Mutex, with a Cond waking 2 consumers (seed 000).
//
// A line-by-line port of main.go, with Go's durations (about 0.5 s): the queue and the heap are
// in priority-queue.ts and heap.ts (Go's container/heap).
import '@csp/channel/deadlock';
import { go, time } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import { PriorityJobQueue } from './priority-queue.js';

// Consumer that processes priority jobs
async function priorityConsumer(id: number, queue: PriorityJobQueue, wg: WaitGroup): Promise<void> {
  try {
    for (;;) {
      const [job, ok] = await queue.dequeue();
      if (!ok) {
        break;
      }

      console.log(`[Consumer ${id}] Processing high-priority job ${job.id}`);
      await time.sleep(100 * time.millisecond);
    }
  } finally {
    wg.done(); // defer wg.Done()
  }
}

async function main(): Promise<void> {
  const queue = new PriorityJobQueue();

  // Enqueue every job before the consumers start, so that they come out by priority.
  const priorities = [3, 9, 1, 7, 5, 8, 2, 6, 4, 10];
  for (const [i, priority] of priorities.entries()) {
    await queue.enqueue({ id: i + 1, producerID: 0, data: priority, createdAt: new Date() }, priority);
    console.log(`Enqueued job ${i + 1} with priority ${priority}`);
  }

  const wg = new WaitGroup();
  for (let id = 1; id <= 2; id++) {
    wg.add(1);
    go(priorityConsumer, id, queue, wg);
  }

  // Close lets the consumers drain what is queued, then makes dequeue report false.
  await queue.close();
  await wg.wait();
  console.log('All jobs processed');
}

await main();
