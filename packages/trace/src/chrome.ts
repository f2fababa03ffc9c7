/**
 * The Chrome Trace Event format (the JSON that Perfetto, `chrome://tracing` and Chrome DevTools'
 * Performance panel open): one track per goroutine with its lifetime and the spans it was
 * blocked, a counter track per buffered channel (its occupancy), and a flow arrow per message
 * from the sender's send to the receiver's receive.
 *
 * @module
 */
import { describeHold, describeWait } from './describe.js';
import type { Trace } from './events.js';
import { modelOf } from './model.js';

/** One Trace Event (the fields this toolkit writes). */
export interface ChromeEvent {
  readonly name: string;
  readonly ph: 'M' | 'X' | 'i' | 's' | 'f' | 'C' | 'b' | 'e';
  readonly pid: number;
  readonly tid?: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly id?: string;
  readonly bp?: 'e';
  readonly s?: 't';
  readonly cname?: string;
  readonly args?: Record<string, unknown>;
}

/** A Trace Event file: `{ traceEvents, displayTimeUnit }`. */
export interface ChromeTrace {
  readonly traceEvents: readonly ChromeEvent[];
  readonly displayTimeUnit: 'ms' | 'ns';
  readonly otherData: Record<string, string>;
}

const PID = 1;

/** Sort rank among events at the same timestamp: metadata, then enclosing slices first. */
function rank(e: ChromeEvent): number {
  switch (e.ph) {
    case 'M':
      return -Infinity;
    case 'X':
      return -(e.dur ?? 0) - 1;
    case 'e':
      return -2; // an ending async span before a new one starts
    default:
      return 0;
  }
}

/**
 * Converts `trace` to the Chrome Trace Event format. Timestamps are microseconds (for a logical
 * clock: one per event). Save it with `JSON.stringify` and open the file in
 * https://ui.perfetto.dev or `chrome://tracing`.
 */
export function toChromeTrace(trace: Trace): ChromeTrace {
  const model = modelOf(trace);
  const out: ChromeEvent[] = [{ name: 'process_name', ph: 'M', pid: PID, args: { name: 'csp goroutines' } }];
  const channels = new Map(trace.channels.map((c) => [c.id, c]));
  for (const [index, lane] of model.lanes.entries()) {
    const { id, name } = lane.goroutine;
    const tid = id;
    out.push({ name: 'thread_name', ph: 'M', pid: PID, tid, args: { name: `G${id} ${name}` } });
    out.push({ name: 'thread_sort_index', ph: 'M', pid: PID, tid, args: { sort_index: index } });
    out.push({
      name,
      ph: 'X',
      pid: PID,
      tid,
      ts: lane.from,
      dur: lane.to - lane.from,
      cat: 'goroutine',
      args: { goroutine: id, ended: lane.ended },
    });
    // A goroutine may wait on several operations at once (`Promise.all`): a span that overlaps the
    // previous one without nesting in it goes on an async track, so the thread's slices still nest.
    let nestedUntil = -Infinity;
    lane.blocked.forEach((span, i) => {
      const name = describeWait(span.reason, span.subject);
      const cat = span.timer ? 'timer' : 'blocked';
      const args = { reason: span.reason, subject: span.subject, woken: !span.open };
      if (span.from < nestedUntil && span.to > nestedUntil) {
        const id = `blocked-${tid}-${i}`;
        out.push({ name, ph: 'b', pid: PID, tid, ts: span.from, cat, id, args });
        out.push({ name, ph: 'e', pid: PID, tid, ts: span.to, cat, id });
        return;
      }
      nestedUntil = Math.max(nestedUntil, span.to);
      out.push({
        name,
        ph: 'X',
        pid: PID,
        tid,
        ts: span.from,
        dur: span.to - span.from,
        cat,
        cname: span.timer ? 'grey' : 'terrible',
        args,
      });
    });
    for (const job of lane.jobs) {
      const name = `job ${job.job}${job.ok ? '' : ' (failed)'}`;
      const args = {
        pool: job.pool.name,
        job: job.job,
        ok: job.ok,
        waited: job.queuedAt === undefined ? null : job.from - job.queuedAt,
      };
      out.push({ name, ph: 'X', pid: PID, tid, ts: job.from, dur: job.to - job.from, cat: 'job', args });
      if (job.queuedAt !== undefined && job.queuedBy !== undefined) {
        const flow = `${job.pool.id}-${job.job}`;
        out.push({ name: `queue ${name}`, ph: 'X', pid: PID, tid: job.queuedBy, ts: job.queuedAt, dur: 0, cat: 'job', args });
        out.push({ name: 'job', ph: 's', pid: PID, tid: job.queuedBy, ts: job.queuedAt, cat: 'job', id: flow });
        out.push({ name: 'job', ph: 'f', bp: 'e', pid: PID, tid, ts: job.from, cat: 'job', id: flow });
      }
    }
    lane.holds.forEach((hold, i) => {
      const id = `hold-${tid}-${i}`;
      const name = describeHold(hold.resource.name, hold.read);
      out.push({ name, ph: 'b', pid: PID, tid, ts: hold.from, cat: 'lock', id });
      out.push({ name, ph: 'e', pid: PID, tid, ts: hold.to, cat: 'lock', id });
    });
  }
  for (const arrow of model.arrows) {
    const id = String(arrow.msg);
    const name = `${arrow.channel.name} ← ${arrow.value}`;
    const args = { msg: arrow.msg, channel: arrow.channel.name, value: arrow.value, waited: arrow.receivedAt - arrow.sentAt };
    out.push({ name: `send ${name}`, ph: 'X', pid: PID, tid: arrow.from, ts: arrow.sentAt, dur: 0, cat: 'chan', args });
    out.push({ name: 'message', ph: 's', pid: PID, tid: arrow.from, ts: arrow.sentAt, cat: 'message', id });
    out.push({ name: `recv ${name}`, ph: 'X', pid: PID, tid: arrow.to, ts: arrow.receivedAt, dur: 0, cat: 'chan', args });
    out.push({ name: 'message', ph: 'f', bp: 'e', pid: PID, tid: arrow.to, ts: arrow.receivedAt, cat: 'message', id });
  }
  for (const mark of model.marks) {
    out.push({ name: mark.text, ph: 'i', s: 't', pid: PID, tid: mark.g, ts: mark.ts, cat: mark.kind });
  }
  const started = new Set<number>();
  for (const e of trace.events) {
    if (e.type !== 'buffer') continue;
    const channel = channels.get(e.chan)!;
    const name = `${channel.name} (buffer of ${channel.capacity})`;
    if (!started.has(e.chan) && e.ts > model.start) out.push({ name, ph: 'C', pid: PID, ts: model.start, args: { length: 0 } });
    started.add(e.chan);
    out.push({ name, ph: 'C', pid: PID, ts: e.ts, args: { length: e.length } });
  }
  const ordered = out
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.ts ?? -1) - (b.event.ts ?? -1) || rank(a.event) - rank(b.event) || a.index - b.index)
    .map((entry) => entry.event);
  return {
    traceEvents: ordered,
    displayTimeUnit: trace.clock === 'logical' ? 'ns' : 'ms',
    otherData: { generator: '@csp/trace', clock: trace.clock },
  };
}
