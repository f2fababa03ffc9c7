// Worker pool: 3 workers share one job queue and square 9 jobs (seed 001; shown in the README).
//
// A line-by-line port of main.go. Go sleeps job × 500 ms; this sleeps job × 50 ms (scaled by
// 1/10) so that the example runs in about a second. The first line turns on Go's deadlock report.
import '@csp/channel/deadlock';
import { Chan, close, go, time, type Receiver, type Sender } from '@csp/channel';

async function main(): Promise<void> {
  // Create the shared job queue and results collection
  const jobs = new Chan<number>(100, { name: 'jobs' }); // Job queue (buffered)
  const results = new Chan<number>(100, { name: 'results' }); // Results collection (buffered)

  // Start 3 workers -> they all share the same job queue
  for (let workerID = 1; workerID <= 3; workerID++) {
    go(worker, workerID, jobs, results);
  }

  // Send 9 jobs into the shared queue
  for (let jobNumber = 1; jobNumber <= 9; jobNumber++) {
    await jobs.send(jobNumber);
    console.log(`Sent job ${jobNumber} to queue`);
  }
  close(jobs); // Signal "no more jobs coming"

  // Collect all 9 results
  for (let i = 1; i <= 9; i++) {
    const result = await results.recv();
    console.log(`Got result: ${result}`);
  }
}

async function worker(id: number, jobs: Receiver<number>, results: Sender<number>): Promise<void> {
  console.log(`Worker ${id} started`);

  // Keep taking jobs until channel is closed and empty
  for await (const job of jobs) {
    console.log(`Worker ${id} grabbed job ${job}`);

    // Simulate work (different workers take different time): job × 50 ms, Go's × 1/10
    await time.sleep(job * 50 * time.millisecond);

    // Send result back
    const result = job * job;
    await results.send(result);
    console.log(`Worker ${id} finished job ${job} → result ${result}`);
  }

  console.log(`Worker ${id} done (no more jobs)`);
}

await main();
