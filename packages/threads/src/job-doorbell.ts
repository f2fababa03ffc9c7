/**
 * How the main thread learns that its pool's threads finished jobs, without a message: each
 * thread publishes its result in its {@link JobSlot}, and the main thread polls the busy slots.
 * Right after a job is posted to a thread that was awake (spinning for it), or while results are
 * streaming in (the last poll settled some), it spins for a short while (an empty job comes back in about a microsecond; waking a sleeping thread, or the event
 * loop of this one, costs tens of µs); when nothing comes back in time, or the thread had to be
 * woken, it raises the `Waiting` flag and sleeps with `Atomics.waitAsync` on the doorbell word,
 * which a finishing thread rings only when the flag is up. The spin adapts: a spin that caught a
 * result doubles the next one, one that did not halves it, so long jobs (and a loaded machine)
 * cost almost no spinning.
 *
 * Two pitfalls of `Atomics.waitAsync` (Node 20) are designed for. A pending wait does not keep
 * the process alive: a busy thread is ref'd (its `Worker` keeps the process alive) for as long
 * as its job runs, so the wait always has a thread that will ring. And a wait cannot be
 * cancelled: {@link JobDoorbell.stop} rings the doorbell itself, so that no wait stays pending
 * after the pool stopped.
 *
 * Polls chain as microtasks while results keep coming (their continuations, which post the next
 * jobs, run in between); past the event-loop budget of `@csp/channel` they continue on the next
 * macrotask, so timers (job timeouts) and I/O are never starved.
 *
 * @module
 */
import { settleNextTurn, spend } from '@csp/channel/internal';
import { wakeWaiters } from './thread-sleep-board.js';
import { waitAsync } from './wait-word.js';

const Waiting = 0;
const Rings = 1;

/** The longest spin, in ms, and the shortest. */
const MAX_SPIN_MS = 0.05;
const MIN_SPIN_MS = 0.002;

/** What the doorbell polls for: its pool. */
export interface DoorbellHost {
  /** Settles every job whose result is in its slot; returns how many. */
  reap(): number;
  /** Whether a job is posted and not settled yet. */
  waiting(): boolean;
}

/** The main thread's side: see the module's notes. */
export class JobDoorbell {
  /** `[Waiting, Rings]`, shared with every thread of the pool. */
  readonly words = new Int32Array(new SharedArrayBuffer(8));
  private spinMs = MAX_SPIN_MS;
  private scheduled = false;
  private asleep = false;
  /** Whether a job went to a thread that was awake since the last sleep: then spinning pays. */
  private awakeThread = false;
  /** Whether the last poll settled jobs: results are streaming in, so spinning pays. */
  private streaming = false;

  constructor(private readonly host: DoorbellHost) {}

  /** A job was posted (to a thread that was `awake`, or that had to be woken): its result is watched for. */
  watch(awake = false): void {
    if (awake) this.awakeThread = true;
    if (this.scheduled || this.asleep) return;
    this.scheduled = true;
    queueMicrotask(this.poll);
  }

  /** Ends a pending wait (the pool stopped). */
  stop(): void {
    ring(this.words, true);
  }

  private readonly poll = (): void => {
    this.scheduled = false;
    const host = this.host;
    if (host.reap() > 0) {
      this.streaming = true;
      return this.again();
    }
    if (!host.waiting()) return;
    if (!this.awakeThread && !this.streaming) return this.sleep();
    const deadline = performance.now() + this.spinMs;
    do {
      for (let i = 0; i < 64; i++) {
        if (host.reap() > 0) {
          this.spinMs = Math.min(MAX_SPIN_MS, this.spinMs * 2);
          return this.again();
        }
      }
      if (!host.waiting()) return;
    } while (performance.now() < deadline);
    this.spinMs = Math.max(MIN_SPIN_MS, this.spinMs / 2);
    this.streaming = false;
    this.sleep();
  };

  /** More results may come: polls again after the continuations of those just settled. */
  private again(): void {
    if (!this.host.waiting()) return;
    this.scheduled = true;
    if (spend()) queueMicrotask(this.poll);
    else settleNextTurn(this.poll);
  }

  private sleep(): void {
    const words = this.words;
    const rings = Atomics.load(words, Rings);
    Atomics.store(words, Waiting, 1);
    // A thread that finished before it could see the flag: its result is in its slot now.
    if (this.host.reap() > 0) {
      Atomics.store(words, Waiting, 0);
      return this.again();
    }
    const woken = waitAsync(words, Rings, rings);
    if (woken === undefined) {
      Atomics.store(words, Waiting, 0);
      return this.watch();
    }
    this.asleep = true;
    this.awakeThread = false;
    void woken.then(this.wake);
  }

  private readonly wake = (): void => {
    this.asleep = false;
    Atomics.store(this.words, Waiting, 0);
    this.watch();
  };
}

/**
 * A thread's side: a job finished; rings the doorbell if the main thread sleeps on it (or
 * always, with `force`).
 */
export function ring(words: Int32Array, force = false): void {
  if (!force && Atomics.load(words, Waiting) === 0) return;
  Atomics.add(words, Rings, 1);
  wakeWaiters(words, Rings);
}
