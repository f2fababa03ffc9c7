/**
 * What the pictures draw, derived from a {@link Trace}: one lane per goroutine with the spans
 * it was blocked, and one arrow per message from its send to its receive.
 *
 * @module
 */
import { isTimerWait, selectOutcome } from './describe.js';
import type { ChannelInfo, GoroutineId, GoroutineInfo, ResourceInfo, Trace } from './events.js';

/** A span during which a goroutine was blocked. */
export interface BlockedSpan {
  readonly from: number;
  /** When it was woken; the end of the trace when it never was (`open`). */
  readonly to: number;
  readonly open: boolean;
  readonly reason: string;
  /** What it waited on; for `sleep`, how long (`10ms`). */
  readonly subject: string | undefined;
  /** Whether only a timer wakes it (`time.sleep`): not blocked on another goroutine. */
  readonly timer: boolean;
}

/** A span during which a goroutine held a mutex, semaphore units or an `RWMutex`. */
export interface HoldSpan {
  readonly from: number;
  readonly to: number;
  readonly open: boolean;
  readonly resource: ResourceInfo;
  /** Whether it held an `RWMutex` for reading. */
  readonly read: boolean;
}

/** A span during which a worker pool's worker ran a job, from where it was queued. */
export interface JobSpan {
  readonly pool: ResourceInfo;
  readonly job: number;
  /** When and by which goroutine it was queued, if the trace saw it. */
  readonly queuedAt: number | undefined;
  readonly queuedBy: GoroutineId | undefined;
  readonly from: number;
  readonly to: number;
  readonly open: boolean;
  /** `false` when it failed (threw, rejected, timed out). */
  readonly ok: boolean;
}

/** One goroutine's lane. */
export interface Lane {
  readonly goroutine: GoroutineInfo;
  /** When it was created (its `go`), or the trace's start. */
  readonly from: number;
  /** When it ended, or the trace's end (`ended` false). */
  readonly to: number;
  readonly ended: boolean;
  readonly blocked: readonly BlockedSpan[];
  readonly holds: readonly HoldSpan[];
  /** For a pool worker's lane: the jobs it ran. */
  readonly jobs: readonly JobSpan[];
}

/** One message, from its send to its receive. */
export interface Arrow {
  readonly msg: number;
  readonly channel: ChannelInfo;
  readonly from: GoroutineId;
  readonly to: GoroutineId;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly value: string;
}

/** A point event on a lane: a close, a select, a cancel, a spawn. */
export interface Mark {
  readonly ts: number;
  readonly g: GoroutineId;
  readonly kind: 'close' | 'select' | 'cancel' | 'go';
  readonly text: string;
  /** For `go`: the goroutine created. */
  readonly child?: GoroutineId;
}

/** The drawable form of a trace. */
export interface Model {
  readonly lanes: readonly Lane[];
  readonly arrows: readonly Arrow[];
  readonly marks: readonly Mark[];
  readonly start: number;
  readonly end: number;
}

/** Builds the lanes, arrows and marks of `trace`. */
export function modelOf(trace: Trace): Model {
  const events = trace.events;
  const start = events.length === 0 ? 0 : events[0]!.ts;
  const end = events.length === 0 ? 0 : events[events.length - 1]!.ts;
  const channels = new Map(trace.channels.map((c) => [c.id, c]));
  const resources = new Map(trace.resources.map((r) => [r.id, r]));
  interface Draft {
    goroutine: GoroutineInfo;
    from: number;
    to: number;
    ended: boolean;
    blocked: (BlockedSpan & { to: number; open: boolean })[];
    holds: { from: number; to: number; open: boolean; resource: ResourceInfo; read: boolean }[];
    jobs: { -readonly [K in keyof JobSpan]: JobSpan[K] }[];
  }
  const queued = new Map<string, { ts: number; g: GoroutineId }>();
  const parks = new Map<number, { to: number; open: boolean }>();
  const drafts = new Map<GoroutineId, Draft>();
  for (const goroutine of trace.goroutines) {
    drafts.set(goroutine.id, { goroutine, from: start, to: end, ended: false, blocked: [], holds: [], jobs: [] });
  }
  const arrows: Arrow[] = [];
  const marks: Mark[] = [];
  const nameOf = (g: GoroutineId): string => drafts.get(g)?.goroutine.name ?? `goroutine ${g}`;
  for (const e of events) {
    const lane = drafts.get(e.g);
    switch (e.type) {
      case 'go': {
        const child = drafts.get(e.child);
        if (child !== undefined) child.from = e.ts;
        marks.push({ ts: e.ts, g: e.g, kind: 'go', text: `go ${nameOf(e.child)}`, child: e.child });
        break;
      }
      case 'end':
        if (lane !== undefined) {
          lane.to = e.ts;
          lane.ended = true;
        }
        break;
      case 'park': {
        const span = { from: e.ts, to: end, open: true, reason: e.reason, subject: e.subject, timer: isTimerWait(e.reason) };
        lane?.blocked.push(span);
        parks.set(e.op, span);
        break;
      }
      case 'unpark': {
        const span = parks.get(e.op);
        parks.delete(e.op);
        if (span !== undefined) {
          span.to = e.ts;
          span.open = false;
        }
        break;
      }
      case 'recv':
        if (e.msg !== null && e.from !== null && e.sentAt !== null) {
          arrows.push({
            msg: e.msg,
            channel: channels.get(e.chan)!,
            from: e.from,
            to: e.g,
            sentAt: e.sentAt,
            receivedAt: e.ts,
            value: e.value,
          });
        }
        break;
      case 'close':
        marks.push({ ts: e.ts, g: e.g, kind: 'close', text: `close(${channels.get(e.chan)?.name ?? '?'})` });
        break;
      case 'select': {
        const what = selectOutcome(e);
        marks.push({ ts: e.ts, g: e.g, kind: 'select', text: `select {${e.cases.join(', ')}}: ${what}` });
        break;
      }
      case 'acquire': {
        const resource = resources.get(e.resource);
        if (lane !== undefined && resource !== undefined)
          lane.holds.push({ from: e.ts, to: end, open: true, resource, read: e.read === true });
        break;
      }
      case 'release': {
        const hold = lane?.holds.find((h) => h.open && h.resource.id === e.resource);
        if (hold !== undefined) {
          hold.to = e.ts;
          hold.open = false;
        }
        break;
      }
      case 'cancel':
        marks.push({ ts: e.ts, g: e.g, kind: 'cancel', text: `cancel ${resources.get(e.resource)?.name ?? '?'}: ${e.cause}` });
        break;
      case 'job': {
        const pool = resources.get(e.pool);
        const key = `${e.pool}/${e.job}`;
        if (e.phase === 'queue') queued.set(key, { ts: e.ts, g: e.g });
        else if (e.phase === 'run' && lane !== undefined && pool !== undefined) {
          const from = queued.get(key);
          queued.delete(key);
          lane.jobs.push({ pool, job: e.job, queuedAt: from?.ts, queuedBy: from?.g, from: e.ts, to: end, open: true, ok: true });
        } else if (e.phase === 'end') {
          const span = lane?.jobs.find((j) => j.open && j.job === e.job && j.pool.id === e.pool);
          if (span !== undefined) {
            span.to = e.ts;
            span.open = false;
            span.ok = e.ok;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  const order = (g: GoroutineId): number => (g === 0 ? Number.MAX_SAFE_INTEGER : g); // timers last
  const lanes = [...drafts.values()].sort((a, b) => order(a.goroutine.id) - order(b.goroutine.id));
  return { lanes, arrows, marks, start, end };
}
