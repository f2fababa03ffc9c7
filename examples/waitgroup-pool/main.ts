// WaitGroup pool: 3 workers square 5 jobs; a WaitGroup closes the results channel (seed 002).
//
// A line-by-line port of main.go. Go's work takes 1 s per job; here 100 ms (scaled by 1/10).
import '@csp/channel/deadlock';
import { Chan, close, go, time, type Receiver, type Sender } from '@csp/channel';
import { WaitGroup } from '@csp/sync';

// Job represents a task to be processed
interface Job {
  id: number;
  number: number;
}

// Result represents the outcome of processing a job
interface Result {
  jobID: number;
  number: number;
  square: number;
}

async function main(): Promise<void> {
  // Create channels for jobs and results
  const jobs = new Chan<Job>(100, { name: 'jobs' });
  const results = new Chan<Result>(100, { name: 'results' });
  // WaitGroup to wait for all workers to finish
  const wg = new WaitGroup();
  // Start 3 worker goroutines
  const numWorkers = 3;
  for (let w = 1; w <= numWorkers; w++) {
    wg.add(1);
    go(worker, w, jobs, results, wg);
  }
  // Send 5 jobs
  const numJobs = 5;
  for (let j = 1; j <= numJobs; j++) {
    await jobs.send({ id: j, number: j });
  }
  close(jobs);
  // Start a goroutine to close the results channel after all workers are done
  go(async () => {
    await wg.wait();
    close(results);
  });
  // Collect all results
  for await (const result of results) {
    console.log(`Result: Job ID ${result.jobID}, Number ${result.number}, Square ${result.square}`);
  }
}

// worker processes jobs from the jobs channel and sends results
// to the results channel
async function worker(id: number, jobs: Receiver<Job>, results: Sender<Result>, wg: WaitGroup): Promise<void> {
  try {
    for await (const job of jobs) {
      console.log(`Worker ${id} processing job ${job.id}`);
      await time.sleep(time.second / 10); // Simulate work
      await results.send({
        jobID: job.id,
        number: job.number,
        square: job.number * job.number,
      });
    }
  } finally {
    wg.done(); // defer wg.Done()
  }
}

await main();
