import { WorkerPool } from '@csp/patterns';
const N = 200000;
async function task() { await null; }
for (let r = 0; r < 4; r++) {
  const pool = new WorkerPool({ concurrency: 8 });
  const t = performance.now(); const ps: Promise<unknown>[] = [];
  for (let i = 0; i < N; i++) ps.push(pool.run(task));
  await Promise.all(ps); console.log('ours', (performance.now() - t).toFixed(0));
}
