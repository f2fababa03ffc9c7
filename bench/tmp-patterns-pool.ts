import { WorkerPool } from '@csp/patterns';
import fastq from 'fastq';
import pLimit from 'p-limit';
import { Pool } from './tmp-mini.ts';
const N = 200000;
async function task() { await null; }
const best: Record<string, number> = {};
async function time(name: string, fn: () => Promise<unknown>) {
  const t = performance.now(); await fn(); const d = performance.now() - t;
  best[name] = Math.min(best[name] ?? Infinity, d);
}
for (let r = 0; r < 8; r++) {
  await time('ours', async () => { const pool = new WorkerPool({ concurrency: 8 }); const ps = []; for (let i = 0; i < N; i++) ps.push(pool.run(task)); await Promise.all(ps); });
  await time('fastq', async () => { const q = fastq.promise(async (_x: number) => { await null; }, 8); const ps = []; for (let i = 0; i < N; i++) ps.push(q.push(i)); await Promise.all(ps); });
  await time('mini', async () => { const pool = new Pool(8); const ps = []; for (let i = 0; i < N; i++) ps.push(pool.run(task)); await Promise.all(ps); });
}
console.log(best);
