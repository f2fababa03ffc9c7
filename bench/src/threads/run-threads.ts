// Thread benchmarks: @csp/threads against piscina, tinypool, workerpool and poolifier, 2 threads
// each, in one process one pool at a time; and SharedChan's cross-thread throughput.
//
//   node --expose-gc --import=tsx/esm bench/src/threads/run-threads.ts [--quick]
//
// It imports @csp/threads without the @csp/source condition, so it measures the built dist/ (run
// `pnpm build` first) and the threads load plain JavaScript. Wall-clock times: threads are about
// elapsed time. On a shared machine, compare the ratios of one run, not numbers across runs.
import { loadavg } from 'node:os';
import { Piscina } from 'piscina';
import { FixedThreadPool } from 'poolifier';
import { Tinypool } from 'tinypool';
import workerpool from 'workerpool';
import { ThreadPool } from '@csp/threads';
import { channelThroughput, formatChannelThroughput } from './channel-throughput.js';

const quick = process.argv.includes('--quick');
const jobsFile = new URL('./jobs.mjs', import.meta.url);
const THREADS = 2;

/** What the benchmarks need of a pool. */
interface Pool {
  readonly name: string;
  empty(): Promise<unknown>;
  cpu(ms: number): Promise<unknown>;
  close(): Promise<unknown>;
}

/** Options of piscina and of tinypool (a fork of it, with the same options and `run`). */
const piscinaOptions = (threads: number, perThread: number) => ({
  filename: jobsFile.href,
  minThreads: threads,
  maxThreads: threads,
  concurrentTasksPerWorker: perThread,
});

/** A piscina or tinypool pool: one function (`run` in jobs.mjs) taking one argument. */
function piscinaLike(
  name: string,
  pool: { run(task: { kind: string; ms?: number }): Promise<unknown>; destroy(): Promise<unknown> },
): Pool {
  return {
    name,
    empty: () => pool.run({ kind: 'empty' }),
    cpu: (ms) => pool.run({ kind: 'cpu', ms }),
    close: () => pool.destroy(),
  };
}

/**
 * The pools, by name: each made with `threads` threads holding `perThread` jobs at once (ours:
 * `jobsPerThread`; piscina and tinypool: `concurrentTasksPerWorker`; poolifier: its tasks queue's
 * `concurrency`; workerpool has no such setting).
 */
const pools: Record<string, (threads: number, perThread: number) => Pool> = {
  ours: (threads, perThread) => {
    const pool = new ThreadPool({ concurrency: threads, jobsPerThread: perThread });
    return {
      name: 'ours',
      empty: () => pool.run(jobsFile, 'empty', []),
      cpu: (ms) => pool.run(jobsFile, 'cpu', [ms]),
      close: () => pool.close(),
    };
  },
  piscina: (threads, perThread) => piscinaLike('piscina', new Piscina(piscinaOptions(threads, perThread))),
  tinypool: (threads, perThread) => piscinaLike('tinypool', new Tinypool(piscinaOptions(threads, perThread))),
  workerpool: (threads) => {
    const pool = workerpool.pool(new URL('./workerpool-worker.mjs', import.meta.url).pathname, {
      minWorkers: threads,
      maxWorkers: threads,
      workerType: 'thread',
    });
    return {
      name: 'workerpool',
      // workerpool's own promise type: made a standard one.
      empty: () => Promise.resolve(pool.exec('empty', [])),
      cpu: (ms) => Promise.resolve(pool.exec('cpu', [ms])),
      close: () => Promise.resolve(pool.terminate()),
    };
  },
  poolifier: (threads, perThread) => {
    const pool = new FixedThreadPool(
      threads,
      new URL('./poolifier-worker.mjs', import.meta.url).pathname,
      perThread > 1 ? { enableTasksQueue: true, tasksQueueOptions: { concurrency: perThread } } : {},
    );
    return {
      name: 'poolifier',
      empty: () => pool.execute({ kind: 'empty' }),
      cpu: (ms) => pool.execute({ kind: 'cpu', ms }),
      close: () => pool.destroy(),
    };
  },
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time of the whole process (every thread), in µs. */
const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

interface EmptyJobs {
  /** µs per job, one after the other (latency): wall clock, and CPU time of all threads. */
  sequential: number;
  sequentialCpu: number;
  /** µs per job, all at once (throughput). */
  batch: number;
  batchCpu: number;
}

/** Rounds of each timed measurement: the median is reported, so one GC or scheduler hiccup does not decide it. */
const ROUNDS = 5;

/** The median of `values`. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Times `round` (which runs `jobs` jobs) `ROUNDS` times: the median µs per job, wall clock and CPU. */
async function perJob(jobs: number, round: () => Promise<unknown>): Promise<[wall: number, cpu: number]> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const cpu = cpuMicros();
    const start = performance.now();
    await round();
    walls.push(((performance.now() - start) * 1000) / jobs);
    cpus.push((cpuMicros() - cpu) / jobs);
  }
  return [median(walls), median(cpus)];
}

/**
 * Microseconds per empty job: `n` jobs one after the other (latency) and `4n` at once
 * (throughput). Both paths are warmed up first (the JIT compiles each pool's hot code), then each
 * is timed `ROUNDS` times and the median reported.
 */
async function emptyJobs(pool: Pool, n: number): Promise<EmptyJobs> {
  const oneAtATime = async (): Promise<void> => {
    for (let i = 0; i < n; i++) await pool.empty();
  };
  const allAtOnce = (): Promise<unknown> => Promise.all(Array.from({ length: n * 4 }, () => pool.empty()));
  await oneAtATime();
  await allAtOnce();
  const [sequential, sequentialCpu] = await perJob(n, oneAtATime);
  const [batch, batchCpu] = await perJob(n * 4, allAtOnce);
  return { sequential, sequentialCpu, batch, batchCpu };
}

/** Milliseconds for `n` jobs of 5 ms of CPU, all submitted at once. */
async function cpuJobs(pool: Pool, n: number): Promise<number> {
  await Promise.all(Array.from({ length: THREADS * 2 }, () => pool.cpu(5)));
  const start = performance.now();
  await Promise.all(Array.from({ length: n }, () => pool.cpu(5)));
  return performance.now() - start;
}

/** Bytes of RSS per idle thread: a pool of 8 idle threads. */
async function idleThreadBytes(make: (threads: number) => Pool): Promise<number> {
  gc();
  await sleep(50);
  const before = process.memoryUsage().rss;
  const pool = make(8);
  await Promise.all(Array.from({ length: 8 }, () => pool.empty()));
  await sleep(200);
  gc();
  const after = process.memoryUsage().rss;
  await pool.close();
  return (after - before) / 8;
}

/** Bytes of heap per queued job: 20 000 empty jobs queued behind 1 busy thread. */
async function queuedJobBytes(make: (threads: number) => Pool): Promise<number> {
  const pool = make(1);
  await pool.empty();
  const busy = pool.cpu(300);
  await sleep(20);
  gc();
  const before = process.memoryUsage().heapUsed;
  const n = 20_000;
  const queued = Array.from({ length: n }, () => pool.empty());
  gc();
  const after = process.memoryUsage().heapUsed;
  await Promise.all([busy, ...queued]);
  await pool.close();
  return (after - before) / n;
}

const rows: string[] = [];
const n = quick ? 500 : 2000;
const cpuCount = quick ? 20 : 40;
const only = process.argv
  .find((arg) => arg.startsWith('--pools='))
  ?.slice('--pools='.length)
  .split(',');
type Result = EmptyJobs & { speedup: number; idle: number; queued: number };
const results = new Map<string, Result>();
/** The 1-minute load average now. */
const load = (): number => loadavg()[0] ?? 0;
const loads = [load()];
/** Every pool with its defaults, then those that have the setting with 4 jobs per thread ("× 4"). */
const PER_THREAD = 4;
const variants: [name: string, perThread: number][] = [
  ...Object.keys(pools).map((name): [string, number] => [name, 1]),
  ...['ours', 'piscina', 'tinypool', 'poolifier'].map((name): [string, number] => [name, PER_THREAD]),
];
const label = (name: string, perThread: number): string => (perThread === 1 ? name : `${name} × ${perThread}`);
for (const [name, perThread] of variants) {
  if (only !== undefined && !only.includes(name) && !only.includes(label(name, perThread).replace(' × ', 'x'))) continue;
  const make = (threads: number): Pool => pools[name]!(threads, perThread);
  const pool = make(THREADS);
  const empty = await emptyJobs(pool, n);
  const onTwo = await cpuJobs(pool, cpuCount);
  await pool.close();
  const single = make(1);
  const onOne = await cpuJobs(single, cpuCount);
  await single.close();
  const idle = await idleThreadBytes(make);
  const queued = await queuedJobBytes(make);
  results.set(label(name, perThread), { ...empty, speedup: onOne / onTwo, idle, queued });
  loads.push(load());
  console.error(`${label(name, perThread)}: done (load average ${load().toFixed(1)})`);
}
const ratio = (x: number): string => `${x.toFixed(2)}x`;
rows.push(
  `| pool | empty job, one at a time (µs) | CPU µs/job | empty job, ${n * 4} in flight (µs/job) | CPU µs/job | 5 ms CPU jobs: speedup 2 threads vs 1 | RSS per idle thread (MB) | heap per queued job (bytes) |`,
);
rows.push('|---|---|---|---|---|---|---|---|');
for (const [name, r] of results) {
  // Each pool against ours with the same jobs per thread.
  const oursName = name.includes(' × ') ? label('ours', PER_THREAD) : 'ours';
  const ours: Result | undefined = results.get(oursName);
  const versus = (pick: (r: Result) => number): string =>
    name === oursName || ours === undefined ? '' : ` (ours ${ratio(pick(r) / pick(ours))})`;
  rows.push(
    `| ${name} | ${r.sequential.toFixed(1)}${versus((x) => x.sequential)} | ${r.sequentialCpu.toFixed(1)}${versus((x) => x.sequentialCpu)} | ${r.batch.toFixed(2)}${versus((x) => x.batch)} | ${r.batchCpu.toFixed(2)}${versus((x) => x.batchCpu)} | ${r.speedup.toFixed(2)} | ${(r.idle / 2 ** 20).toFixed(1)} | ${r.queued.toFixed(0)} |`,
  );
}
rows.push('');
rows.push(`Load average (1 min) before and after each pool: ${loads.map((value) => value.toFixed(1)).join(', ')}.`);
if (only === undefined) {
  rows.push('');
  rows.push(formatChannelThroughput(await channelThroughput(quick)));
}
console.log(rows.join('\n'));
