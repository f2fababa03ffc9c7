// SharedChan's cross-thread throughput, one way from the main thread to a worker thread: numbers
// in typed slots, and ~100-byte objects through the default codec; each the median of 3 rounds
// after a warm-up round. Run by `run-threads.ts` after the pools, or alone (a few seconds):
//
//   cd bench && node --import=tsx/esm src/threads/channel-throughput.ts [--quick]
//
// Like run-threads.ts it measures the built dist/ (run `pnpm build` first). Wall-clock times,
// with the load average printed alongside: on a shared machine they swing with the load.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SharedChan, ThreadPool } from '@csp/threads';

const jobsFile = new URL('./jobs.mjs', import.meta.url);

/** What {@link channelThroughput} measured. */
export interface ChannelThroughput {
  readonly numbersPerSecond: number;
  readonly objectMicros: number;
  /** CPU time of the process (both threads, spinning included) per number and per object, µs. */
  readonly numberCpuMicros: number;
  readonly objectCpuMicros: number;
  /** The 1-minute load average before and after the run. */
  readonly load: readonly [before: number, after: number];
}

/** Timed rounds of each measurement (after one untimed warm-up round): the median is reported. */
const ROUNDS = 3;

/** The median of `values`. */
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** CPU time of the process (every thread), in µs. */
const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Sends `count` numbers through a new channel to a thread that sums them; returns [µs wall, µs CPU]. */
async function numbersRound(pool: ThreadPool, count: number): Promise<[number, number]> {
  const numbers = new SharedChan<number>(4096, { type: 'number' });
  const start = performance.now();
  const cpu = cpuMicros();
  const summed = pool.run<number>(jobsFile, 'sumNumbers', [numbers]);
  for (let i = 0; i < count; i++) if (!numbers.trySend(i)) await numbers.send(i);
  numbers.close();
  if ((await summed) !== (count * (count - 1)) / 2) throw new Error('SharedChan lost or duplicated numbers');
  return [(performance.now() - start) * 1000, cpuMicros() - cpu];
}

/** Sends `count` ~100-byte objects through a new channel to a thread that counts them; returns [µs wall, µs CPU]. */
async function objectsRound(pool: ThreadPool, count: number): Promise<[number, number]> {
  const chan = new SharedChan<{ id: number; name: string; tags: string[] }>(1024, { maxValueBytes: 256 });
  const start = performance.now();
  const cpu = cpuMicros();
  const counted = pool.run<[number, number]>(jobsFile, 'countObjects', [chan]);
  for (let i = 0; i < count; i++) {
    // About 100 bytes once encoded.
    const value = { id: i, name: `object number ${i} of the benchmark`, tags: ['alpha', 'beta', 'gamma'] };
    if (!chan.trySend(value)) await chan.send(value);
  }
  chan.close();
  const [got, ids] = await counted;
  if (got !== count || ids !== (count * (count - 1)) / 2) throw new Error('SharedChan lost or duplicated objects');
  return [(performance.now() - start) * 1000, cpuMicros() - cpu];
}

/** The median per item of `ROUNDS` timed rounds of `round`, after one untimed (the JIT warms up both threads). */
async function perItem(round: () => Promise<[number, number]>, count: number): Promise<[wall: number, cpu: number]> {
  await round();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const [wall, cpu] = await round();
    walls.push(wall / count);
    cpus.push(cpu / count);
  }
  return [median(walls), median(cpus)];
}

/**
 * SharedChan throughput one way, main thread → a worker thread (`trySend`, else `send`; the
 * worker `recvSync`s): the median of 3 rounds after a warm-up round, for numbers and for objects.
 */
export async function channelThroughput(quick: boolean): Promise<ChannelThroughput> {
  const loadBefore = loadavg()[0]!;
  const pool = new ThreadPool({ concurrency: 1 });
  const count = quick ? 1_000_000 : 5_000_000;
  const [numberMicros, numberCpuMicros] = await perItem(() => numbersRound(pool, count), count);
  const objects = quick ? 50_000 : 200_000;
  const [objectMicros, objectCpuMicros] = await perItem(() => objectsRound(pool, objects), objects);
  await pool.close();
  return {
    numbersPerSecond: 1e6 / numberMicros,
    objectMicros,
    numberCpuMicros,
    objectCpuMicros,
    load: [loadBefore, loadavg()[0]!],
  };
}

/** The result as the line of bench/README.md. */
export function formatChannelThroughput(r: ChannelThroughput): string {
  return (
    `SharedChan, main thread → worker thread: ${(r.numbersPerSecond / 1e6).toFixed(2)}M numbers/s; ` +
    `${r.objectMicros.toFixed(2)} µs per ~100-byte object (CPU of both threads: ${(r.numberCpuMicros * 1000).toFixed(0)} ns per number, ` +
    `${r.objectCpuMicros.toFixed(2)} µs per object; load average ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}).`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(formatChannelThroughput(await channelThroughput(process.argv.includes('--quick'))));
}
