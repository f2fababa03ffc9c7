/**
 * A thread's inbox: its {@link JobSlot}s (one per job it may hold at once, the pool's
 * `jobsPerThread`) and the bell that wakes it. The pool posts a job into a free slot and rings;
 * the thread takes its posted jobs in the order they were posted (by sequence number), so jobs
 * given to one thread start first come, first served.
 *
 * Waking a sleeping thread costs tens of µs, so the thread spins on its slots for a short while
 * before it sleeps, and says so in the `Sleeping` word: the pool notifies only a sleeper. The
 * thread sleeps on the `Posts` word, which every post increments, so a post to any slot wakes it.
 *
 * @module
 */
import { JobSlot, SlotState, type TakenJob } from './job-slot.js';
import { wakeWaiters } from './thread-sleep-board.js';

/** The words of the bell. */
const B = {
  /** 1 while the thread sleeps (or is about to) waiting for a job: a post must notify it. */
  Sleeping: 0,
  /** Incremented by every post: what a sleeping thread waits on. */
  Posts: 1,
} as const;

/** The shared memory of an inbox, as a thread receives it. */
export interface InboxMemory {
  readonly slots: readonly SharedArrayBuffer[];
  readonly bell: SharedArrayBuffer;
}

/** One thread's inbox, as either side sees it. */
export class JobInbox {
  readonly slots: readonly JobSlot[];
  readonly bell: Int32Array;

  /** Opens the inbox in `memory`, or makes a new one of `size` slots. */
  constructor(memory: InboxMemory | number) {
    if (typeof memory === 'number') {
      this.slots = Array.from({ length: memory }, () => new JobSlot());
      this.bell = new Int32Array(new SharedArrayBuffer(8));
    } else {
      this.slots = memory.slots.map((buffer) => new JobSlot(buffer));
      this.bell = new Int32Array(memory.bell);
    }
  }

  /** Its memory, to hand to the thread. */
  get memory(): InboxMemory {
    return { slots: this.slots.map((slot) => slot.buffer), bell: this.bell.buffer as SharedArrayBuffer };
  }

  // ── The pool's side ───────────────────────────────────────────────────────────────────────

  /**
   * After a job was posted into one of the slots: wakes the thread if it sleeps. Returns whether
   * it was awake (spinning for a job: no notify was needed).
   */
  ring(): boolean {
    const bell = this.bell;
    Atomics.add(bell, B.Posts, 1);
    if (Atomics.load(bell, B.Sleeping) === 0) return true;
    wakeWaiters(bell, B.Posts, 1);
    return false;
  }

  // ── The thread's side ─────────────────────────────────────────────────────────────────────

  /** Takes the posted job that was posted first; `null` when none is posted. */
  take(): TakenJob | null {
    for (;;) {
      let first: JobSlot | undefined;
      let firstSeq = Infinity;
      for (const slot of this.slots) {
        const seq = slot.postedSeq();
        if (seq >= 0 && seq < firstSeq) {
          firstSeq = seq;
          first = slot;
        }
      }
      if (first === undefined) return null;
      const job = first.take();
      // Taken back by the pool between the look and the take: look again.
      if (job !== null) return job;
    }
  }

  /**
   * The sequence numbers of the jobs in its slots that are not over (posted, taken or running:
   * not taken back), and the newest of them (-1 when none).
   */
  held(): { readonly seqs: Set<number>; readonly newest: number } {
    const seqs = new Set<number>();
    let newest = -1;
    for (const slot of this.slots) {
      const seq = slot.heldSeq();
      if (seq < 0) continue;
      seqs.add(seq);
      newest = Math.max(newest, seq);
    }
    return { seqs, newest };
  }

  /** Whether any job is posted. */
  private posted(): boolean {
    for (const slot of this.slots) if (Atomics.load(slot.words, 0) === SlotState.Posted) return true;
    return false;
  }

  /** Waits up to `spinMs` for a job without sleeping. Returns whether one is posted. */
  spinForJob(spinMs: number): boolean {
    if (this.posted()) return true;
    const bell = this.bell;
    const posts = Atomics.load(bell, B.Posts);
    const deadline = performance.now() + spinMs;
    for (;;) {
      for (let i = 0; i < 128; i++) if (Atomics.load(bell, B.Posts) !== posts) return true;
      if (performance.now() > deadline) return this.posted();
    }
  }

  /**
   * Marks the thread as going to sleep and returns the `Posts` count to sleep on (a post changes
   * it and notifies); `undefined` (the mark cleared) when a job is posted already.
   */
  sleeping(): number | undefined {
    const bell = this.bell;
    Atomics.store(bell, B.Sleeping, 1);
    const posts = Atomics.load(bell, B.Posts);
    if (!this.posted()) return posts;
    this.awake();
    return undefined;
  }

  /** Clears the sleeping mark. */
  awake(): void {
    Atomics.store(this.bell, B.Sleeping, 0);
  }

  /** The index of the word a sleeping thread waits on. */
  static readonly SLEEP_WORD = B.Posts;
}
