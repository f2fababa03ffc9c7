/**
 * The scaling part of a {@link WorkerPool}: its workers, Go's `for w := 1; w <= n; w++ { go worker() }`
 * made elastic. It starts a worker whenever `growAt` jobs wait (up to `max`), keeps the idle ones
 * (the most recently idle is reused first), and retires those above `min` that stayed idle for
 * `idleTimeout`, on one timer of the current clock.
 *
 * @module
 */
import { currentClock, tracer, type Clock, type TimerHandle } from '@csp/channel/internal';
import type { PoolJob } from './job.js';
import type { PoolSettings } from './options.js';
import { PoolWorker, type WorkerHost } from './worker.js';

/** @internal The workers of a pool, busy and idle. */
export class Scaling {
  /** Every live worker. */
  readonly workers = new Set<PoolWorker>();
  /** Idle workers, the longest idle first; the most recently idle is reused first. */
  private readonly idle: PoolWorker[] = [];
  private nextWorkerId = 1;
  private shrinkTimer: { readonly clock: Clock; readonly handle: TimerHandle } | null = null;
  private stopped = false;

  constructor(
    private readonly settings: PoolSettings,
    private readonly host: WorkerHost,
  ) {
    for (let i = 0; i < settings.min; i++) this.idle.push(this.spawn());
  }

  /** Live workers. */
  get size(): number {
    return this.workers.size;
  }

  /** Workers running a job. */
  get busy(): number {
    return this.workers.size - this.idle.length;
  }

  /** Whether a worker is idle. */
  get hasIdle(): boolean {
    return this.idle.length > 0;
  }

  /** Takes the most recently idle worker out of the idle ones, woken now; `undefined` if none. */
  wakeIdle(): PoolWorker | undefined {
    const worker = this.idle.pop();
    worker?.wake(currentClock().monotonic());
    return worker;
  }

  /** Starts workers (up to `max`) while `jobs.backlog` reaches `growAt`, each with `jobs.takeNext()` as its first job. */
  grow(jobs: { readonly backlog: number; takeNext(): PoolJob | null }): void {
    const { max, growAt } = this.settings;
    while (this.workers.size < max && jobs.backlog >= growAt) {
      const worker = this.spawn();
      worker.wake(worker.spawnedAt);
      worker.run(jobs.takeNext());
    }
  }

  /** `worker` has no job: it joins the idle ones, and the shrink timer is armed if needed. */
  rest(worker: PoolWorker): void {
    worker.rest(currentClock().monotonic());
    this.idle.push(worker);
    this.armShrink();
  }

  /** Stops retiring workers (the pool finished). */
  stop(): void {
    this.stopped = true;
    if (this.shrinkTimer !== null) this.shrinkTimer.clock.clearTimer(this.shrinkTimer.handle);
    this.shrinkTimer = null;
  }

  private spawn(): PoolWorker {
    const worker = new PoolWorker(this.nextWorkerId++, currentClock().monotonic(), this.host);
    this.workers.add(worker);
    if (tracer !== null) tracer.poolWorker(this.host, worker.id, true);
    return worker;
  }

  /** Schedules the retirement of the longest-idle worker above `min`, if any. */
  private armShrink(): void {
    if (this.shrinkTimer !== null || this.stopped || this.workers.size <= this.settings.min) return;
    const oldest = this.idle[0];
    if (oldest === undefined) return;
    const clock = currentClock();
    const delay = Math.max(1, oldest.idleSince + this.settings.idleTimeout - clock.monotonic());
    const handle = clock.setTimer(this.shrink, delay);
    clock.unrefTimer?.(handle); // housekeeping: an idle pool does not keep the program alive
    this.shrinkTimer = { clock, handle };
  }

  /** Stops the workers above `min` that have been idle for `idleTimeout`. */
  private readonly shrink = (): void => {
    this.shrinkTimer = null;
    const now = currentClock().monotonic();
    let excess = this.workers.size - this.settings.min;
    let kept = 0;
    for (const worker of this.idle) {
      if (excess > 0 && now - worker.idleSince >= this.settings.idleTimeout) {
        this.workers.delete(worker);
        if (tracer !== null) tracer.poolWorker(this.host, worker.id, false);
        excess--;
      } else {
        this.idle[kept++] = worker;
      }
    }
    this.idle.length = kept;
    this.armShrink();
  };
}
