/**
 * What a trace is made of: the goroutines, channels and locks it saw, and its events in the
 * order they happened. A {@link Trace} is plain data (JSON-serialisable), so it can be saved,
 * compared against a golden file, or drawn later by any of the renderers.
 *
 * @module
 */

/**
 * A goroutine's id. `1` is `main` (all code not started by `go`), `0` is the runtime's timers
 * (the sender of every timer and ticker value); `go` numbers the others from `2`, as Go does.
 */
export type GoroutineId = number;

/** The id of the main goroutine. */
export const MAIN: GoroutineId = 1;
/** The id of the timers' lane: the sender of every `time.after`, timer and ticker value. */
export const TIMERS: GoroutineId = 0;

/** A goroutine the trace saw. */
export interface GoroutineInfo {
  readonly id: GoroutineId;
  /**
   * `main`, `timers`, the function's name with its simple arguments (`worker(1)`), or a worker
   * pool's worker (`pool worker 1`: pool workers are lanes of their own, though they are not
   * goroutines).
   */
  readonly name: string;
  /** The goroutine whose `go` started it (`-1` for `main` and `timers`). */
  readonly parent: GoroutineId;
}

/** A channel the trace saw. */
export interface ChannelInfo {
  /** Numbered from 1 in the order the trace first saw them. */
  readonly id: number;
  /** Its name (`new Chan(n, { name })`), else `chan N`. */
  readonly name: string;
  /** Its capacity (0: unbuffered). */
  readonly capacity: number;
}

/** A mutex, semaphore, context or worker pool the trace saw. */
export interface ResourceInfo {
  /** Numbered from 1 in the order the trace first saw them. */
  readonly id: number;
  /** `sync.Mutex`, `sync.RWMutex`, `semaphore`, `context` or `WorkerPool`. */
  readonly kind: string;
  /** Its name (its `name` property, or one given with `nameResource`), else `<kind> N`. */
  readonly name: string;
}

interface At {
  /** When: microseconds since tracing started, or the event's sequence number (logical clock). */
  readonly ts: number;
  /** The goroutine the event belongs to. */
  readonly g: GoroutineId;
}

/** Goroutine `g` ran `go`, creating goroutine `child`. */
export interface GoEvent extends At {
  readonly type: 'go';
  readonly child: GoroutineId;
}
/** Goroutine `g` starts running (its function is called). */
export interface StartEvent extends At {
  readonly type: 'start';
}
/** Goroutine `g` ended: its function returned, or its promise settled (`panicked`: it threw). */
export interface EndEvent extends At {
  readonly type: 'end';
  readonly panicked: boolean;
}
/**
 * Goroutine `g` blocks: Go's wait `reason` (`chan receive`, `sync.Mutex.Lock`, ...) on `subject`
 * (a channel's or a lock's name; for `sleep`, how long: `10ms`).
 */
export interface ParkEvent extends At {
  readonly type: 'park';
  /** Numbers the parked operation, so that its `unpark` can name it (a goroutine may park several at once, e.g. in `Promise.all`). */
  readonly op: number;
  readonly reason: string;
  readonly subject: string | undefined;
}
/** Goroutine `g` is runnable again, woken by goroutine `by`; `completed` is false when it was aborted or failed. */
export interface UnparkEvent extends At {
  readonly type: 'unpark';
  /** The `op` of the park it ends. */
  readonly op: number;
  readonly by: GoroutineId;
  readonly completed: boolean;
}
/**
 * Goroutine `g` sent message `msg` on channel `chan`: handed straight to goroutine `to`, or put
 * in the buffer (`to` is `null`).
 */
export interface SendEvent extends At {
  readonly type: 'send';
  readonly chan: number;
  readonly msg: number;
  readonly value: string;
  readonly to: GoroutineId | null;
}
/**
 * Goroutine `g` received message `msg` on channel `chan`, sent by goroutine `from` at `sentAt`
 * (so it sat `ts - sentAt` in the buffer). `msg` is `null` for the zero value of a closed channel.
 */
export interface RecvEvent extends At {
  readonly type: 'recv';
  readonly chan: number;
  readonly msg: number | null;
  readonly value: string;
  readonly from: GoroutineId | null;
  readonly sentAt: number | null;
}
/** Goroutine `g` closed channel `chan`. */
export interface CloseEvent extends At {
  readonly type: 'close';
  readonly chan: number;
}
/** The buffer of channel `chan` holds `length` values now (after a send or receive through it). */
export interface BufferEvent extends At {
  readonly type: 'buffer';
  readonly chan: number;
  readonly length: number;
}
/**
 * Goroutine `g`'s `select` over `cases` (e.g. `<-jobs`, `results<-`) chose case `chosen`; `ready`
 * lists the cases that were ready (the others that were ready are abandoned). `chosen` is -1 when
 * none was ready: then it `blocked`, or took `default` (`trySelect`).
 */
export interface SelectEvent extends At {
  readonly type: 'select';
  readonly cases: readonly string[];
  readonly chosen: number;
  readonly ready: readonly number[];
  readonly blocked: boolean;
}
/**
 * Goroutine `g` holds `n` more units of `resource` (a mutex, a semaphore, an `RWMutex`) from now;
 * `read` is `true` for an `RWMutex`'s read lock (absent otherwise).
 */
export interface AcquireEvent extends At {
  readonly type: 'acquire';
  readonly resource: number;
  readonly n: number;
  readonly read?: true | undefined;
}
/** Goroutine `g` gave back `n` units of `resource`. */
export interface ReleaseEvent extends At {
  readonly type: 'release';
  readonly resource: number;
  readonly n: number;
}
/** Goroutine `g` cancelled context `resource` with `cause`. */
export interface CancelEvent extends At {
  readonly type: 'cancel';
  readonly resource: number;
  readonly cause: string;
}

/**
 * Job `job` of worker pool `pool`: queued by goroutine `g` (`phase` `queue`), or started and
 * ended on the lane `g` of one of the pool's workers (`ok` false when it failed).
 */
export interface JobEvent extends At {
  readonly type: 'job';
  readonly pool: number;
  readonly job: number;
  readonly phase: 'queue' | 'run' | 'end';
  readonly ok: boolean;
}

/** One thing that happened. */
export type TraceEvent =
  | JobEvent
  | GoEvent
  | StartEvent
  | EndEvent
  | ParkEvent
  | UnparkEvent
  | SendEvent
  | RecvEvent
  | CloseEvent
  | BufferEvent
  | SelectEvent
  | AcquireEvent
  | ReleaseEvent
  | CancelEvent;

/** A recorded trace. */
export interface Trace {
  /** `logical`: `ts` counts events (the same program draws the same picture every run); `real`: microseconds. */
  readonly clock: 'logical' | 'real';
  readonly goroutines: readonly GoroutineInfo[];
  readonly channels: readonly ChannelInfo[];
  readonly resources: readonly ResourceInfo[];
  /** In the order they happened; `ts` never decreases. */
  readonly events: readonly TraceEvent[];
}
