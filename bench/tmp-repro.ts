import { WorkerPool } from '@csp/patterns';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (let round = 0; round < 300; round++) {
  const jobs = [{ kind: 'slow', ms: 2 }, { kind: 'reject', ms: 2 }, { kind: 'ok', ms: 2 }, { kind: 'slow', ms: 3 }];
  const pool = new WorkerPool<number>({ min: 0, max: 3, idleTimeout: 5, queueSize: 2, timeout: 6, results: 4 });
  const reading = (async () => { for await (const _ of pool.results!) { /* drain */ } })();
  const outcomes: Promise<unknown>[] = [];
  const log: string[] = [];
  const t0 = performance.now();
  const submitting = (async () => {
    for (const [i, job] of jobs.entries()) {
      const result = pool.run(async ({ signal }) => {
        log.push(`start ${i} ${(performance.now() - t0).toFixed(1)}`);
        await delay(job.kind === 'slow' ? 12 : job.ms);
        log.push(`end ${i} ${(performance.now() - t0).toFixed(1)} aborted=${signal.aborted} ${String(signal.reason)}`);
        if (job.kind === 'reject') return Promise.reject(new Error(`job ${i}`));
        return i;
      });
      outcomes.push(result.then((v) => ({ ok: true, v }), (e) => ({ ok: false, e: String(e) })));
      if (i % 3 === 0) await delay(0);
    }
  })();
  await submitting; await delay(4); await pool.abort(new Error('stop'));
  const settled = await Promise.all(outcomes); await reading;
  for (const [i, o] of settled.entries()) if (jobs[i]!.kind === 'slow' && (o as any).ok) { console.log('BUG', round, i, settled, log); process.exit(1); }
}
console.log('ok');
