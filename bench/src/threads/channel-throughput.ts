// SharedChan's cross-thread throughput, one way from the main thread to a worker thread: numbers
// in typed slots, and ~100-byte objects through the default codec. Run by `run-threads.ts` after
// the pools, or alone (a few seconds):
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

/** SharedChan throughput one way, main thread → a worker thread (`trySend`, else `send`; the worker `recvSync`s). */
export async function channelThroughput(quick: boolean): Promise<ChannelThroughput> {
  const loadBefore = loadavg()[0]!;
  const pool = new ThreadPool({ concurrency: 1 });
  const count = quick ? 1_000_000 : 5_000_000;
  const numbers = new SharedChan<number>(4096, { type: 'number' });
  let start = performance.now();
  let cpu = process.cpuUsage();
  const summed = pool.run<number>(jobsFile, 'sumNumbers', [numbers]);
  for (let i = 0; i < count; i++) if (!numbers.trySend(i)) await numbers.send(i);
  numbers.close();
  if ((await summed) !== (count * (count - 1)) / 2) throw new Error('SharedChan lost or duplicated numbers');
  const numbersPerSecond = count / ((performance.now() - start) / 1000);
  let used = process.cpuUsage(cpu);
  const numberCpuMicros = (used.user + used.system) / count;

  const objects = quick ? 50_000 : 200_000;
  const chan = new SharedChan<{ id: number; name: string; tags: string[] }>(1024, { maxValueBytes: 256 });
  start = performance.now();
  cpu = process.cpuUsage();
  const counted = pool.run<[number, number]>(jobsFile, 'countObjects', [chan]);
  for (let i = 0; i < objects; i++) {
    // About 100 bytes once encoded.
    const value = { id: i, name: `object number ${i} of the benchmark`, tags: ['alpha', 'beta', 'gamma'] };
    if (!chan.trySend(value)) await chan.send(value);
  }
  chan.close();
  const [got, ids] = await counted;
  if (got !== objects || ids !== (objects * (objects - 1)) / 2) throw new Error('SharedChan lost or duplicated objects');
  const objectMicros = ((performance.now() - start) * 1000) / objects;
  used = process.cpuUsage(cpu);
  const objectCpuMicros = (used.user + used.system) / objects;
  await pool.close();
  return { numbersPerSecond, objectMicros, numberCpuMicros, objectCpuMicros, load: [loadBefore, loadavg()[0]!] };
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
