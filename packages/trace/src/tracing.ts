/**
 * Turning tracing on and off.
 *
 * @module
 */
import { setTracer, tracer } from '@csp/channel/internal';
import type { Trace } from './events.js';
import { Recorder, type Clock, type WaitState } from './recorder.js';
import { TimelineWriter, type TimelineOptions } from './timeline.js';
import { formatWaitFor } from './wait-for.js';

/** Options of {@link startTracing} and {@link trace}. */
export interface TracingOptions {
  /**
   * `'real'` (the default): timestamps are microseconds since tracing started. `'logical'`:
   * each event advances the clock by one, so a program whose order of events is fixed (no
   * random `select` among ready cases, no racing timers) draws the same picture every run.
   */
  clock?: Clock | undefined;
  /**
   * Print terminal swimlanes as events happen: `true` writes them to stdout, a function gets each
   * line. Off by default.
   */
  live?: boolean | ((line: string) => void) | undefined;
  /** Options of the live swimlanes (column width, colours: on by default for a terminal). */
  timeline?: TimelineOptions | undefined;
  /**
   * When the program deadlocks (the deadlock report of `@csp/channel/deadlock` exits with code
   * 2), print the wait-for graph after the report (default `true`; Node only).
   */
  waitForGraph?: boolean | undefined;
}

/** Thrown by {@link startTracing} while a trace is already being recorded. */
export class TracingActiveError extends Error {
  override readonly name = 'TracingActiveError';
  constructor() {
    super('startTracing: a trace is already being recorded (stop it first; one tracer at a time)');
  }
}

/** Names given with {@link nameResource}, for objects that have no `name` of their own. */
const names = new WeakMap<object, string>();

/**
 * Names a mutex, semaphore, context or channel in traces and in the wait-for graph (a channel
 * is better named at creation: `new Chan(n, { name })`). Returns `object`. Never blocks.
 */
export function nameResource<T extends object>(object: T, name: string): T {
  names.set(object, name);
  return object;
}

/** A trace being recorded: see {@link startTracing}. */
export class Tracing {
  private stopped = false;
  private readonly onBeforeExit: (() => void) | undefined;
  private readonly onExit: ((code: number) => void) | undefined;

  /** @internal */
  constructor(
    private readonly recorder: Recorder,
    options: TracingOptions | undefined,
  ) {
    const proc = (globalThis as { process?: NodeJS.Process }).process;
    if ((options?.waitForGraph ?? true) && proc !== undefined && typeof proc.prependListener === 'function') {
      // The deadlock report exits from its own `beforeExit` listener; decide before it runs.
      let deadlocked = false;
      this.onBeforeExit = () => {
        deadlocked = recorder.waitState().parked.length > 0;
      };
      this.onExit = (code) => {
        if (deadlocked && code === 2) proc.stderr.write(formatWaitFor(recorder.waitState()));
      };
      proc.prependListener('beforeExit', this.onBeforeExit);
      proc.on('exit', this.onExit);
    }
  }

  /** The trace so far; recording goes on. */
  snapshot(): Trace {
    return this.recorder.snapshot();
  }

  /** Who is parked on what and who holds what, now (for {@link formatWaitFor} and {@link waitForSvg}). */
  waitState(): WaitState {
    return this.recorder.waitState();
  }

  /**
   * Stops recording and returns the trace. Goroutines started while tracing keep their ids
   * but record nothing more. Calling it again returns the same events.
   */
  stop(): Trace {
    if (!this.stopped) {
      this.stopped = true;
      if (tracer === this.recorder) setTracer(null);
      this.recorder.dispose();
      const proc = (globalThis as { process?: NodeJS.Process }).process;
      if (this.onBeforeExit !== undefined) proc?.off('beforeExit', this.onBeforeExit);
      if (this.onExit !== undefined) proc?.off('exit', this.onExit);
    }
    return this.recorder.snapshot();
  }

  /** @internal Whether nothing will happen without a timer: no parked goroutine waits on one. */
  quietWithoutTimers(): boolean {
    return this.recorder.waitState().parked.every((p) => !p.timed);
  }

  /** @internal How many events so far. */
  get count(): number {
    return this.recorder.events.length;
  }
}

/**
 * Starts recording everything goroutines do, from now until {@link Tracing.stop}: goroutine
 * starts and ends, parks and wake-ups with Go's wait reasons, every message from its send to its
 * receive, selects, closes, timers, locks and context cancellations. Code running outside any
 * goroutine started while tracing belongs to `main`. Never blocks.
 *
 * Node, Deno and Bun only (it tells goroutines apart with `AsyncLocalStorage`). Tracing slows
 * channel operations down several times; with tracing off each hook costs one `null` check.
 *
 * @throws {@link TracingActiveError} when a trace is already being recorded.
 */
export function startTracing(options?: TracingOptions): Tracing {
  if (tracer !== null) throw new TracingActiveError();
  const recorder = new Recorder(options?.clock ?? 'real', names);
  const live = options?.live;
  if (live !== undefined && live !== false) {
    const write = live === true ? (line: string) => process.stdout.write(`${line}\n`) : live;
    const color = options?.timeline?.color ?? (live === true && process.stdout.isTTY === true);
    const writer = new TimelineWriter(
      {
        goroutine: (id) => recorder.goroutineInfo(id),
        channel: (id) => recorder.snapshotChannel(id),
        resource: (id) => recorder.snapshotResource(id),
      },
      write,
      { ...options?.timeline, color },
    );
    recorder.listen((event) => writer.add(event));
  }
  setTracer(recorder);
  return new Tracing(recorder, options);
}

/** Waits one macrotask turn. */
function turn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `main` as the traced program's main goroutine and returns its trace: waits for `main`'s
 * promise, then for the goroutines it started to end or block for good (until a turn of the
 * event loop passes with no event while no goroutine waits on a timer), then stops. Rejects with
 * what `main` throws (tracing is stopped first).
 *
 * @throws {@link TracingActiveError} when a trace is already being recorded.
 * @example
 * ```ts
 * const trace = await traceProgram(main, { clock: 'logical' });
 * writeFileSync('trace.json', JSON.stringify(toChromeTrace(trace)));
 * ```
 */
export async function traceProgram(main: () => unknown, options?: TracingOptions): Promise<Trace> {
  const tracing = startTracing({ waitForGraph: false, ...options });
  try {
    await main();
    for (;;) {
      const count = tracing.count;
      await turn();
      if (tracing.count === count && tracing.quietWithoutTimers()) break;
    }
  } finally {
    tracing.stop();
  }
  return tracing.stop();
}
