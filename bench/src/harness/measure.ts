/**
 * Measuring helpers shared by the workloads: repeated runs with warm-up, timing, heap usage after
 * a full garbage collection, armed timers, and the event-loop fairness probe.
 *
 * @module
 */
import { getHeapSpaceStatistics } from 'node:v8';
import type { Sample, Samples, Settings } from './workload.js';

/** How a child warms up and how many runs it measures. */
export interface Repeats {
  /** Warm-up runs (discarded) go on until this much CPU time is spent, at most {@link maxWarmups}; 0: none. */
  readonly warmupMs: number;
  /** Measured runs. */
  readonly runs: number;
}

/** A cap on warm-up runs, for workloads much faster than their warm-up budget. */
const maxWarmups = 5;

/**
 * The default repeats of a timed workload, per round (the runner runs each pair once per round,
 * see `run.ts`): warm up for 300 ms of CPU (so the JIT reaches its steady state), then 2 runs;
 * with `--quick`, 250 ms and 2 runs (but smaller sizes and a single round).
 */
export function repeats(settings: Settings): Repeats {
  return settings.quick ? { warmupMs: 250, runs: 2 } : { warmupMs: 300, runs: 2 };
}

/**
 * The repeats of a memory measurement: one run, no warm-up (object sizes do not depend on the
 * JIT, and a warm-up's objects can stay reachable from optimized code specialized on its closures
 * until that code is thrown away, in the middle of the next measurement). The rounds of the runner
 * give the repeats.
 */
export function memoryRepeats(_settings: Settings): Repeats {
  return { warmupMs: 0, runs: 1 };
}

/** Runs `once` to warm up (results discarded), then for the measured runs, and collects them. */
export async function repeat(count: Repeats, once: () => Promise<Sample>): Promise<Samples> {
  const start = process.cpuUsage();
  const spentMs = (): number => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let i = 0; i < maxWarmups && spentMs() < count.warmupMs; i++) await once();
  const samples: Samples = {};
  for (let i = 0; i < count.runs; i++) {
    // No forced collection between runs: it shrinks the young generation, and the next run would
    // pay for growing it again (halving some workloads' throughput), which a running program does not.
    const sample = await once();
    for (const [key, value] of Object.entries(sample)) (samples[key] ??= []).push(value);
  }
  return samples;
}

/**
 * Milliseconds of CPU time (user + system, all threads of this process) `body` takes. CPU time,
 * not wall-clock time: on a shared machine the wall clock also counts the time other processes
 * held the CPU, while a busy single-threaded workload's CPU time is what its wall-clock time would
 * be on an idle machine (plus the garbage collector's helper threads).
 */
export async function cpuMs(body: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await body();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Runs `body` and returns `ops` per second of CPU time (see {@link cpuMs}). */
export async function opsPerSecond(ops: number, body: () => Promise<void>): Promise<number> {
  return ops / ((await cpuMs(body)) / 1000);
}

const gc = (globalThis as { gc?: () => void }).gc;

/** A full garbage collection (the children run with `--expose-gc`). */
function collectGarbage(): void {
  if (gc === undefined) throw new Error('run the benchmarks with --expose-gc (use `pnpm bench`)');
  gc();
  gc();
}

/**
 * Bytes of live heap after a full garbage collection, without the code spaces (the JIT's
 * compiled code lives on the heap too, and compiling a function is not a leak).
 */
export function liveHeap(): number {
  collectGarbage();
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('code')) used += space.space_used_size;
  return used;
}

/**
 * Bytes of heap each of `count` items retains: `create(i)` makes item `i`, which is kept reachable
 * (in an array allocated before the first measurement) until the heap is measured again (see
 * {@link settledHeap}).
 */
export async function bytesPerItem(count: number, create: (i: number) => unknown): Promise<number> {
  const kept: unknown[] = new Array<unknown>(count).fill(null);
  const before = await settledHeap();
  for (let i = 0; i < count; i++) kept[i] = create(i);
  const after = await settledHeap();
  keepAlive(kept);
  return (after - before) / count;
}

/**
 * The live heap after a macrotask turn (so work a library defers, a microtask that enqueues or a
 * lazily started worker, is done) and a full collection.
 */
async function settledHeap(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  return liveHeap();
}

/** Where {@link keepAlive} puts its value; being exported, the optimiser cannot drop the store. */
export let lastKept: unknown;

/** Keeps `value` reachable up to this call, so a measurement sees it. */
export function keepAlive(value: unknown): void {
  lastKept = value;
  lastKept = undefined;
}

/** How many `setTimeout` / `setInterval` timers are armed (they keep the process alive). */
export function armedTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

/**
 * The fairness probe: a `setTimeout(0)` that re-arms itself each time it fires. `stop()` returns
 * how many times per second it fired since `start`: near 0 means the event loop was starved.
 */
export function startFairnessProbe(): { stop(): number } {
  let fired = 0;
  let handle = setTimeout(function tick() {
    fired++;
    handle = setTimeout(tick, 0);
  }, 0);
  const start = performance.now();
  return {
    stop() {
      clearTimeout(handle);
      return fired / ((performance.now() - start) / 1000);
    },
  };
}

/** The median of `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
