// Timeouts with select: each job races time.after(1 s); slow jobs are reported as timed out (seed 002).
//
// A line-by-line port of main.go, with Go's durations (about 3 s in all): job j takes j × 200 ms
// and the timeout is 1 s. As in Go, jobs 1-4 finish, jobs 6-9 time out, and job 5 (exactly the
// timeout) may go either way. (Shortened durations left margins a loaded machine ate: a
// goroutine may start a turn of the event loop after the `go` that started it.)
import '@csp/channel/deadlock';
import { Chan, close, go, recv, select, time, type Receiver, type Sender } from '@csp/channel';
import { WaitGroup } from '@csp/sync';

async function worker(id: number, jobs: Receiver<number>, results: Sender<number>, wg: WaitGroup): Promise<void> {
  try {
    for await (const j of jobs) {
      console.log(`Worker ${id} started job ${j}`);

      // Create a channel for the job result
      const done = new Chan<boolean>(0, { name: 'done' });

      // Process the job in a separate goroutine
      go(async () => {
        // Simulate work that might take a variable amount of time
        await time.sleep(j * 200 * time.millisecond);
        await done.send(true);
      });

      // Wait for job completion or timeout
      const r = await select([recv(done), recv(time.after(1 * time.second))]);
      switch (r.index) {
        case 0:
          // Job completed successfully
          console.log(`Worker ${id} finished job ${j}`);
          await results.send(j * j);
          break;
        case 1:
          // Job timed out
          console.log(`Worker ${id} timeout on job ${j}`);
          await results.send(-j); // Indicate error with negative result
          break;
      }
    }
  } finally {
    wg.done();
  }
}

async function main(): Promise<void> {
  const jobs = new Chan<number>(10, { name: 'jobs' });
  const results = new Chan<number>(10, { name: 'results' });

  const wg = new WaitGroup();
  const numWorkers = 3;

  // Start workers
  for (let w = 1; w <= numWorkers; w++) {
    wg.add(1);
    go(worker, w, jobs, results, wg);
  }

  // Send jobs
  for (let j = 1; j <= 9; j++) {
    await jobs.send(j);
  }
  close(jobs);

  // Collect results
  go(async () => {
    await wg.wait();
    close(results);
  });

  // Process results
  for await (const r of results) {
    if (r < 0) {
      console.log(`Result: Job ${-r} timed out`);
    } else {
      console.log(`Result: ${r}`);
    }
  }
}

await main();
// As in Go, the goroutine of each timed-out job stays blocked forever on `done <- true` (nobody
// receives any more; a buffered `done` would fix that). Go's main returning ends the program
// regardless; here `process.exit` does, before the deadlock report would list those goroutines.
process.exit(0);
