// Worker pool: 3 workers double 9 jobs and main prints the results (seed 004).
//
// A line-by-line port of main.go. Go's work takes 1 s per job; here 100 ms (scaled by 1/10).
import '@csp/channel/deadlock';
import { Chan, close, go, time, type Receiver, type Sender } from '@csp/channel';

async function worker(id: number, jobs: Receiver<number>, results: Sender<number>): Promise<void> {
  for await (const job of jobs) {
    console.log(`Worker ${id} processing job ${job}`);
    await time.sleep(time.second / 10); // Simulate work
    await results.send(job * 2);
  }
}

async function main(): Promise<void> {
  const jobs = new Chan<number>(100, { name: 'jobs' });
  const results = new Chan<number>(100, { name: 'results' });

  // Start 3 workers
  for (let w = 1; w <= 3; w++) {
    go(worker, w, jobs, results);
  }

  // Send 9 jobs
  for (let j = 1; j <= 9; j++) {
    await jobs.send(j);
  }
  close(jobs);

  // Collect results
  for (let r = 1; r <= 9; r++) {
    console.log(await results.recv());
  }
}

await main();
