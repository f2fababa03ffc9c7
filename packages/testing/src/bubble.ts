/**
 * A test bubble: Go 1.25's `testing/synctest` for csp. The bubble has its own goroutines (the
 * test function and every goroutine started from inside it with `go`, `WaitGroup.go`,
 * errgroup's `Group.go`, a context's `afterFunc` or `time.afterFunc`), its own virtual clock,
 * its own channels (a channel made inside it refuses operations from outside:
 * `ChanOutsideBubbleError`, as Go panics) and, when seeded, its own schedule.
 *
 * ## Durably blocked
 *
 * Go advances a bubble's clock only when every goroutine of the bubble is *durably blocked*:
 * blocked on something only another goroutine of the bubble (or the bubble's clock) can wake.
 * Here that is decided by counting:
 *
 * 1. **Goroutines.** Each goroutine runs in its own AsyncLocalStorage context, which every
 *    `await`, microtask and callback started from it inherits. The bubble counts its live
 *    goroutines: a goroutine starts when `go` is called (the core's goroutine-starter hook) and
 *    ends when its function returns or its promise settles.
 * 2. **Parked operations.** Every blocking operation of the three packages (channel send and
 *    receive, `select`, `for await`, every `@csp/sync` lock, wait and acquire, `time.sleep`,
 *    timer channels, `ctx.done()`) parks through one registry (`parkedOperations`); the bubble
 *    observes it and charges each parked operation to the goroutine whose context parked it,
 *    until the operation settles (the counterpart completing it uncharges it at once, before the
 *    parked goroutine even resumes).
 * 3. **Blocked** means: every live goroutine has at least one parked operation. A goroutine
 *    that awaits anything else (I/O, `fetch`, a plain `setTimeout`, a foreign promise) has none,
 *    so it is not blocked and the clock does not move, as in Go.
 * 4. **Quiescence.** The bubble is driven from outside, one macrotask (`setImmediate`) at a
 *    time, so all microtasks have run before it looks. It acts only when it found everything
 *    blocked on two consecutive turns with no park, wake, start or end in between.
 *
 * Then, in order: a pending `synctest.wait()` returns; else, once the test function has
 * returned, the blocked goroutines are reported as leaked; else the clock jumps to the next
 * timer and fires every timer due then; with no timer pending, the bubble deadlocked. Timers
 * already due fire at every turn, blocked or not, as real ones would.
 *
 * Limits: concurrency started without `go` (an async function called and not awaited,
 * `Promise.all` of several) belongs to the goroutine that started it, which counts as blocked as
 * soon as one of its operations is parked (so are the loops some `@csp/patterns` helpers run, and
 * a `WorkerPool`'s jobs, which run in the goroutine that submitted them). Channels made outside
 * the bubble count as bubble channels when a bubble goroutine parks on them.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isThenable } from '@csp/channel/internal';
import { VirtualClock } from './virtual-clock.js';
import { BubbleDeadlockError, GoroutineLeakError } from './errors.js';
import { userFrames, type BlockedGoroutine } from './report.js';
import { seededRandom } from './seeded-random.js';

/** What every `await` inside a bubble carries along: the bubble and the goroutine running. */
export interface BubbleScope {
  readonly bubble: Bubble;
  /** `null` inside a timer callback fired by the bubble (it belongs to no goroutine). */
  readonly goroutine: Goroutine | null;
}

/** The context of the code running now: in which bubble, in which goroutine. */
export const scope = new AsyncLocalStorage<BubbleScope>();

/** Turns waited, with nothing happening, before the driver polls with a 1 ms timer instead of `setImmediate`. */
const BUSY_TURNS = 64;
/** The most microtask hops a seeded bubble inserts before a new goroutine starts. */
const MAX_START_HOPS = 4;

// The driver's own macrotasks, taken before any test can replace the globals.
const realSetImmediate = setImmediate;
const realSetTimeout = setTimeout;

/** One parked operation charged to a goroutine. */
interface Parked {
  readonly goroutine: Goroutine;
  readonly reason: string;
  readonly subject: string | undefined;
  /** Where it parked: a ready stack, or an `Error` formatted only if a report needs it. */
  readonly site: string | Error;
}

/** A goroutine of a bubble. */
export class Goroutine {
  /** How many of its operations are parked right now. */
  parked = 0;
  /** Whether its function has returned (or its promise settled). */
  ended = false;
  constructor(readonly id: number) {}
}

/** Options of a bubble. */
export interface BubbleOptions {
  /**
   * Seeds the schedule: `select`'s choice among ready cases, how many microtask turns each new
   * goroutine waits before it starts (0 to 4), and the order of timers due at the same instant
   * are drawn from it, so a failure replays from its seed. Without a seed, `select` uses
   * `Math.random`, goroutines start in the order they were made and timers fire in creation order.
   */
  seed?: number | undefined;
}

/** Which bubble each parked operation is charged to. */
const owners = new WeakMap<object, Bubble>();

/** A bubble; see the module's documentation. */
export class Bubble {
  readonly clock: VirtualClock;
  /** The seeded random source, or `null` when unseeded. */
  readonly random: (() => number) | null;
  private readonly live = new Set<Goroutine>();
  /** How many live goroutines have at least one parked operation. */
  private blocked = 0;
  private readonly parked = new Map<object, Parked>();
  private goroutines = 0;
  /** Bumped by every park, wake, start, end and timer fired: "something happened". */
  private generation = 0;
  private rootDone = false;
  private failure: { error: unknown } | null = null;
  private waiter: { readonly goroutine: Goroutine; readonly wake: () => void } | null = null;
  /** Whether the bubble is over (then it starts and charges nothing more). */
  ended = false;

  constructor(options: BubbleOptions) {
    const seed = options.seed;
    // Separate streams for select and for the scheduler, so a change in one leaves the other's
    // draws alone.
    this.random = seed === undefined ? null : seededStream(seed, 1);
    const schedule = seed === undefined ? null : seededStream(seed, 2);
    this.scheduleRandom = schedule;
    this.clock = new VirtualClock(schedule);
  }

  private readonly scheduleRandom: (() => number) | null;

  /** Starts `body` as a goroutine of this bubble (the test function when `root`). */
  start(body: () => unknown, root = false): void {
    const goroutine = new Goroutine(++this.goroutines);
    this.live.add(goroutine);
    this.generation++;
    const run = (): void => {
      if (this.ended) return;
      scope.run({ bubble: this, goroutine }, () => {
        let result: unknown;
        try {
          result = body();
        } catch (error) {
          this.end(goroutine, root);
          this.fail(error);
          return;
        }
        if (!isThenable(result)) return this.end(goroutine, root);
        result.then(
          () => this.end(goroutine, root),
          (error: unknown) => {
            this.end(goroutine, root);
            this.fail(error);
          },
        );
      });
    };
    let hops = this.scheduleRandom === null ? 0 : Math.floor(this.scheduleRandom() * (MAX_START_HOPS + 1));
    const hop = (): void => (hops-- > 0 ? queueMicrotask(hop) : run());
    queueMicrotask(hop);
  }

  private end(goroutine: Goroutine, root: boolean): void {
    if (goroutine.ended) return;
    goroutine.ended = true;
    this.live.delete(goroutine);
    if (goroutine.parked > 0) this.blocked--;
    if (root) this.rootDone = true;
    this.generation++;
  }

  /** The first failure (a panic in a goroutine, or the test function's error) ends the bubble. */
  fail(error: unknown): void {
    this.failure ??= { error };
  }

  /** `key` parked in `goroutine` (from the parked-operations registry). */
  park(key: object, goroutine: Goroutine, reason: string, subject: string | undefined, site: string | Error): void {
    if (this.ended || goroutine.ended) return;
    owners.set(key, this);
    this.parked.set(key, { goroutine, reason, subject, site });
    if (goroutine.parked++ === 0) this.blocked++;
    this.generation++;
  }

  /** `key` settled. */
  wake(key: object): void {
    const parked = this.parked.get(key);
    if (parked === undefined) return;
    this.parked.delete(key);
    const goroutine = parked.goroutine;
    if (--goroutine.parked === 0 && !goroutine.ended) this.blocked--;
    this.generation++;
  }

  /** `synctest.wait()` from `goroutine`: resolves once every other goroutine is durably blocked. */
  wait(goroutine: Goroutine): Promise<void> {
    if (this.waiter !== null) throw new Error('synctest.wait: called concurrently by two goroutines of one bubble');
    const key = {};
    this.park(key, goroutine, 'synctest.Wait', undefined, captureSite());
    return new Promise<void>((resolve) => {
      this.waiter = {
        goroutine,
        wake: () => {
          this.waiter = null;
          this.wake(key);
          resolve();
        },
      };
    });
  }

  /**
   * Drives the bubble from outside until it is over: fires due timers, advances the clock when
   * everything is durably blocked, and settles with the first failure, a deadlock or a leak.
   */
  async drive(): Promise<void> {
    let stableAt = -1;
    let idle = 0;
    let seen = this.generation;
    try {
      for (;;) {
        await (idle < BUSY_TURNS ? nextTurn() : nextMillisecond());
        if (this.failure !== null) throw this.failure.error;
        idle = this.generation === seen ? idle + 1 : 0;
        seen = this.generation;
        if (this.fireDue()) continue;
        if (this.live.size === 0) return;
        if (this.blocked < this.live.size) continue;
        // Everything is blocked; act only once it stayed so for a whole turn.
        if (stableAt !== this.generation) {
          stableAt = this.generation;
          continue;
        }
        if (this.waiter !== null) {
          this.waiter.wake();
          continue;
        }
        if (this.rootDone) throw new GoroutineLeakError(this.report());
        const next = this.clock.next();
        if (next === undefined) throw new BubbleDeadlockError(this.report());
        this.clock.advanceTo(next);
        idle = 0;
      }
    } finally {
      this.ended = true;
    }
  }

  /** Fires the timers due now, each in the bubble's context; returns whether any fired. */
  private fireDue(): boolean {
    let fired = false;
    for (let callback = this.clock.takeDue(); callback !== null; callback = this.clock.takeDue()) {
      fired = true;
      this.generation++;
      scope.run({ bubble: this, goroutine: null }, () => {
        try {
          callback();
        } catch (error) {
          this.fail(error);
        }
      });
    }
    return fired;
  }

  /** The blocked goroutines and their parked operations, oldest goroutine first. */
  private report(): BlockedGoroutine[] {
    const byGoroutine = new Map<Goroutine, Parked[]>();
    for (const parked of this.parked.values()) {
      if (parked.goroutine.ended) continue;
      const list = byGoroutine.get(parked.goroutine) ?? [];
      list.push(parked);
      byGoroutine.set(parked.goroutine, list);
    }
    return [...byGoroutine]
      .sort(([a], [b]) => a.id - b.id)
      .map(([goroutine, operations]) => ({
        id: goroutine.id,
        operations: operations.map((op) => ({
          reason: op.reason,
          subject: op.subject,
          stack: typeof op.site === 'string' ? userFrames(op.site) : userFrames(op.site.stack ?? ''),
        })),
      }));
  }
}

/** The bubble a parked operation is charged to, if any. */
export function ownerOf(key: object): Bubble | undefined {
  return owners.get(key);
}

/** A stack captured now, formatted only if a report needs it. */
export function captureSite(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const site = new Error();
  Error.stackTraceLimit = limit;
  return site;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

function nextMillisecond(): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, 1));
}

/** An independent stream `stream` of the seed's random numbers. */
function seededStream(seed: number, stream: number): () => number {
  return seededRandom((seed ^ Math.imul(stream, 0x85ebca6b)) >>> 0);
}
