/**
 * Every workload the runner knows: its id (what `--filter` matches), the libraries it runs (ours
 * first, each in its own child process), the metric the table ranks by, the extra metrics shown
 * beside it, and the targets it must reach. Workload modules are loaded only by the child that
 * runs them.
 *
 * @module
 */
import { atMost, fasterThan, fasterThanAll, ratio, round, type Results, type Target } from './targets.js';
import type { Workload } from './workload.js';

export type Group = 'channel' | 'sync' | 'patterns';

/** The metric the table shows and the ratios compare. */
export interface Primary {
  readonly key: string;
  readonly label: string;
  /** `false` for costs such as bytes: a smaller number is better. */
  readonly higherIsBetter: boolean;
}

export interface WorkloadDef {
  readonly id: string;
  readonly group: Group;
  readonly title: string;
  /** Library ids; the first is always `ours`. */
  readonly libs: readonly string[];
  readonly load: () => Promise<{ default: Workload }>;
  readonly primary: Primary;
  /** Extra metrics for the notes column, from one library's medians. */
  readonly details?: (medians: Readonly<Record<string, number>>) => string;
  readonly targets?: readonly Target[];
  /** The child's time limit in seconds (default 120). */
  readonly timeoutSeconds?: number;
}

const opsPerSec: Primary = { key: 'opsPerSec', label: 'ops/s', higherIsBetter: true };
const bytes = (key: string): Primary => ({ key, label: 'bytes', higherIsBetter: false });

const channelLibs = ['ours', 'ts-chan', 'ts-chan-unsafe', 'floor'];
/** The channel throughput targets: at least 0.6x the floor and faster than ts-chan unsafe. */
const channelThroughput: readonly Target[] = [
  fasterThan('floor', 'floor', 0.6),
  fasterThan('ts-chan-unsafe', 'ts-chan unsafe', 1, true),
];
const fairness = (m: Readonly<Record<string, number>>): string => `setTimeout(0) fired ${round(m['timerFiresPerSec'] ?? NaN)}/s`;

const sharesWithin1pp: Target = {
  label: 'every share within 1 pp of 25%',
  check: (results: Results) => {
    const deviation = results.get('ours')?.['maxDeviationPp'];
    return deviation === undefined ? undefined : { pass: deviation <= 1, measured: `max ${deviation.toFixed(2)} pp` };
  },
};

const linear: Target = {
  label: 'linear: 200k lockers take ≤ 8x the time of 50k (linear 4x, quadratic 16x)',
  check: (results: Results) => {
    const m = results.get('ours');
    const small = m?.['ms50k'];
    const large = m?.['ms200k'];
    return small === undefined || large === undefined
      ? undefined
      : { pass: large <= 8 * small, measured: `${(large / small).toFixed(2)}x` };
  },
};

const pipelineOverhead: Target = {
  label: 'at most 1.2x slower than hand-written channels',
  check: (results: Results) => {
    const r = ratio(results, 'hand-channels');
    if (r === undefined) return undefined;
    return { pass: r >= 1 / 1.2, measured: r >= 1 ? `${r.toFixed(2)}x faster` : `${(1 / r).toFixed(2)}x slower` };
  },
};

const poolPeers = ['async.queue', 'fastq', 'p-limit', 'p-queue'];

export const registry: readonly WorkloadDef[] = [
  {
    id: 'pingpong',
    group: 'channel',
    title: 'unbuffered ping-pong (round trips)',
    libs: channelLibs,
    load: () => import('../workloads/channel/ping-pong.js'),
    primary: opsPerSec,
    targets: channelThroughput,
  },
  {
    id: 'spsc-buffered',
    group: 'channel',
    title: 'buffered SPSC, cap 128',
    libs: channelLibs,
    load: () => import('../workloads/channel/spsc-buffered.js'),
    primary: opsPerSec,
    details: fairness,
    targets: channelThroughput,
  },
  {
    id: 'spsc-unbuffered',
    group: 'channel',
    title: 'unbuffered SPSC',
    libs: channelLibs,
    load: () => import('../workloads/channel/spsc-unbuffered.js'),
    primary: opsPerSec,
    details: fairness,
    targets: channelThroughput,
  },
  {
    id: 'mpmc',
    group: 'channel',
    title: '8 producers x 8 consumers, cap 64, exactly-once checked',
    libs: channelLibs,
    load: () => import('../workloads/channel/mpmc.js'),
    primary: opsPerSec,
    targets: channelThroughput,
  },
  {
    id: 'select4',
    group: 'channel',
    title: 'select over 4 channels',
    libs: channelLibs,
    load: () => import('../workloads/channel/select4.js'),
    primary: opsPerSec,
    details: (m) => `shares ${[0, 1, 2, 3].map((i) => (m[`share${i}`] ?? NaN).toFixed(1)).join('/')} %`,
    targets: [fasterThan('ts-chan-unsafe', 'ts-chan unsafe', 2), sharesWithin1pp],
  },
  {
    id: 'timer-select',
    group: 'channel',
    title: 'select with a 10 s time.after, in a loop',
    libs: channelLibs,
    load: () => import('../workloads/channel/timer-select.js'),
    primary: opsPerSec,
    details: (m) => `${round(m['retainedBytesPerIter'] ?? NaN)} B retained/iter, ${round(m['timersArmed'] ?? NaN)} timers armed`,
    targets: [
      atMost('retainedBytesPerIter', 0.5, 'retained per iteration', ' B'),
      atMost('timersArmed', 0, 'timers armed'),
      fasterThan('ts-chan', 'ts-chan', 2),
      fasterThan('ts-chan-unsafe', 'ts-chan unsafe', 2),
    ],
  },
  {
    id: 'chan-memory',
    group: 'channel',
    title: 'memory per channel with one parked receiver',
    libs: channelLibs,
    load: () => import('../workloads/channel/chan-memory.js'),
    primary: bytes('bytesPerChannel'),
    targets: [atMost('bytesPerChannel', 350, 'bytes per channel', ' B')],
  },
  {
    id: 'mutex',
    group: 'sync',
    title: '64 tasks contending on a mutex (lock, await, unlock)',
    libs: ['ours', 'async-mutex', 'async-sema', 'floor'],
    load: () => import('../workloads/sync/mutex.js'),
    primary: opsPerSec,
    targets: [fasterThan('async-mutex', 'async-mutex', 8), fasterThan('async-sema', 'async-sema', 1)],
  },
  {
    id: 'semaphore',
    group: 'sync',
    title: 'weighted semaphore(8), 32 tasks acquiring 1-4',
    libs: ['ours', 'async-mutex'],
    load: () => import('../workloads/sync/semaphore.js'),
    primary: opsPerSec,
  },
  {
    id: 'waitgroup',
    group: 'sync',
    title: 'WaitGroup add(64) / 64 x done / wait',
    libs: ['ours', 'floor', 'promise-all'],
    load: () => import('../workloads/sync/waitgroup.js'),
    primary: opsPerSec,
  },
  {
    id: 'context-tree',
    group: 'sync',
    title: 'create then cancel 100k contexts in a tree',
    libs: ['ours', 'abort-controller'],
    load: () => import('../workloads/sync/context-tree.js'),
    primary: opsPerSec,
    details: (m) => `create ${round(m['createMs'] ?? NaN)} ms, cancel ${round(m['cancelMs'] ?? NaN)} ms`,
  },
  {
    id: 'queued-lockers',
    group: 'sync',
    title: 'lockers queued on a held mutex, then served (ops/s at 50k)',
    libs: ['ours', 'async-mutex', 'floor'],
    load: () => import('../workloads/sync/queued-lockers.js'),
    primary: opsPerSec,
    details: (m) =>
      `50k in ${round(m['ms50k'] ?? NaN)} ms` +
      (m['ms200k'] === undefined ? ', 200k not run (--quick)' : `, 200k in ${round(m['ms200k'])} ms`),
    targets: [linear],
    timeoutSeconds: 300,
  },
  {
    id: 'locker-memory',
    group: 'sync',
    title: 'memory per locker parked on a held mutex',
    libs: ['ours', 'async-mutex', 'async-sema', 'floor'],
    load: () => import('../workloads/sync/locker-memory.js'),
    primary: bytes('bytesPerLocker'),
    targets: [atMost('bytesPerLocker', 250, 'bytes per parked locker', ' B')],
  },
  // @csp/patterns: worker pools, priorities, pipelines (issue 4).
  {
    id: 'pool',
    group: 'patterns',
    title: '200k one-await tasks through a pool of 8',
    libs: ['ours', ...poolPeers],
    load: () => import('../workloads/patterns/pool.js'),
    primary: opsPerSec,
    targets: [fasterThanAll(poolPeers, 1.5)],
  },
  {
    id: 'priority',
    group: 'patterns',
    title: 'pool of 8, 10 priority levels',
    libs: ['ours', 'p-queue'],
    load: () => import('../workloads/patterns/priority.js'),
    primary: opsPerSec,
    details: (m) => `${round(m['outOfOrder'] ?? NaN)} started out of priority order`,
    targets: [fasterThan('p-queue', 'p-queue', 2)],
  },
  {
    id: 'pipeline',
    group: 'patterns',
    title: '3-stage pipeline over unbuffered channels',
    libs: ['ours', 'hand-channels'],
    load: () => import('../workloads/patterns/pipeline.js'),
    primary: opsPerSec,
    targets: [pipelineOverhead],
  },
  {
    id: 'job-memory',
    group: 'patterns',
    title: 'memory per job queued behind 8 busy workers',
    libs: ['ours', ...poolPeers],
    load: () => import('../workloads/patterns/job-memory.js'),
    primary: bytes('bytesPerJob'),
  },
];
