// What the live view shows of a WorkerPool's metrics snapshots: a few status lines on a terminal,
// one plain line elsewhere, and the summary printed at the end.
import type { PoolMetrics } from '@csp/patterns';
import { durationString } from '../shared/duration.js';

/** The pool's settings the status is drawn against. */
export interface PoolShape {
  readonly min: number;
  readonly max: number;
  readonly queueSize: number;
}

/** What the program adds to a snapshot. */
export interface Moment {
  /** The production phase; then 'ending' (last jobs), then 'closed' (the pool has finished). */
  readonly phase: string;
  /** Milliseconds since the producers started. */
  readonly elapsed: number;
  /** Jobs processed per second, over the last second (see {@link RecentRate}). */
  readonly throughput: number;
}

/**
 * Jobs processed per second over about the last `span` milliseconds of snapshots taken every
 * `interval` ms. (A snapshot's own `throughput` covers only the time since the previous one: over
 * 100 ms, a handful of jobs, it jumps around.)
 */
export class RecentRate {
  /** The last snapshots, a ring; the slot at `next` holds the oldest. */
  private readonly ring: (PoolMetrics | undefined)[];
  private next = 0;

  constructor(span: number, interval: number) {
    this.ring = Array.from({ length: Math.max(1, Math.round(span / interval)) }, () => undefined);
  }

  /** Adds `snapshot`; returns the rate since the oldest snapshot kept (since the pool started, at first). */
  add(snapshot: PoolMetrics): number {
    const oldest = this.ring[this.next] ?? { processed: 0, time: snapshot.time - snapshot.uptime };
    this.ring[this.next] = snapshot;
    this.next = (this.next + 1) % this.ring.length;
    const seconds = (snapshot.time - oldest.time) / 1000;
    return seconds > 0 ? (snapshot.processed - oldest.processed) / seconds : 0;
  }
}

/** `filled` full cells then empty ones, `size` cells in all. */
function bar(filled: number, size: number): string {
  const full = Math.min(filled, size);
  return '█'.repeat(full) + '░'.repeat(size - full);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const roundMs = (ms: number): string => `${Math.round(ms)}ms`;
const perSecond = (rate: number): string => `${rate.toFixed(1)} jobs/s`;

/** The status block for a terminal: phase, workers, queue, flow. */
export function statusLines(m: PoolMetrics, shape: PoolShape, now: Moment): string[] {
  const waiting = m.waitingSubmitters > 0 ? `   +${m.waitingSubmitters} submits waiting for room` : '';
  return [
    `  phase    ${now.phase.padEnd(6)}  at ${seconds(now.elapsed)}`,
    `  workers  ${bar(m.workers, shape.max)}  ${m.workers} (busy ${m.busyWorkers}; min ${shape.min}, max ${shape.max})`,
    `  queue    ${bar(m.queueDepth, shape.queueSize)}  ${m.queueDepth}/${shape.queueSize}${waiting}`,
    `  flow     ${m.inFlight} in flight   ${perSecond(now.throughput)}   p95 run time ${roundMs(m.runTime.p95)}`,
  ];
}

/** The status as one plain line, for logs. */
export function statusLine(m: PoolMetrics, now: Moment): string {
  return [
    `[${seconds(now.elapsed)} ${now.phase}] workers ${m.workers} (busy ${m.busyWorkers})`,
    `queue ${m.queueDepth} (+${m.waitingSubmitters} waiting)`,
    `in flight ${m.inFlight}`,
    perSecond(now.throughput),
    `p95 run ${roundMs(m.runTime.p95)}`,
  ].join(' | ');
}

/** The pool's metrics summary, after the seed's final statistics. */
export function poolReport(m: PoolMetrics, shape: PoolShape, peakWorkers: number): string {
  const percentiles = (p: PoolMetrics['runTime']): string =>
    `p50 ${roundMs(p.p50)}, p95 ${roundMs(p.p95)}, p99 ${roundMs(p.p99)}`;
  const utilisation = m.perWorker.map((worker) => `#${worker.id} ${Math.round(worker.utilisation * 100)}%`).join(', ');
  return `
📈 Pool Metrics:
   Workers:        ${m.workers} now, ${peakWorkers} at peak (min ${shape.min}, max ${shape.max})
   Jobs:           ${m.created} created, ${m.processed} processed, ${m.failed} failed, ${m.inFlight} in flight
   Throughput:     ${perSecond(m.throughput)} over ${durationString(Math.round(m.uptime))}
   Queue wait:     ${percentiles(m.queueWait)}
   Run time:       ${percentiles(m.runTime)}
   Utilisation:    ${utilisation} (the workers left)`;
}
