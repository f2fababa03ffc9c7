import { SharedChan, ThreadPool } from '@csp/threads';
const jobsFile = new URL('./jobs.mjs', import.meta.url);
const pool = new ThreadPool({ concurrency: 1 });
const count = 2_000_000;
for (let round = 0; round < 3; round++) {
  const numbers = new SharedChan<number>(4096, { type: 'number' });
  const start = performance.now();
  const summed = pool.run<number>(jobsFile, 'sumNumbers', [numbers]);
  let fails = 0;
  for (let i = 0; i < count; i++) if (!numbers.trySend(i)) { fails++; await numbers.send(i); }
  const sendDone = performance.now();
  numbers.close();
  await summed;
  const t = performance.now() - start;
  console.log(`${(count / t / 1000).toFixed(2)}M/s, producer done at ${(sendDone - start).toFixed(0)}ms of ${t.toFixed(0)}ms, trySend failures ${fails}`);
}
await pool.close();
