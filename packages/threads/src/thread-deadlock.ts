/**
 * Go's deadlock report across threads: `fatal error: all goroutines are asleep - deadlock!` when
 * the main thread and every thread of the process's pools are parked for good, instead of a
 * process that hangs because a busy thread (ref'd while it runs a job) waits for something that
 * will never come. Active only while the report is on (`import '@csp/channel/deadlock'` in the
 * main thread) and a pool's thread runs a job: otherwise nothing of it exists, and no timer,
 * message or stack capture is added.
 *
 * Go's runtime sees every goroutine; here each thread has its own event loop, so the main thread
 * asks. Every {@link PERIOD_MS} it looks at every thread of the pools (busy or idle: an idle
 * thread may hold a timer left by its last job):
 *
 * - a thread blocked in `Atomics.wait` says so on its board, with its parked operations
 *   (`thread-sleep-board.ts`);
 * - any other thread is sent a probe, which it answers from its event loop, so while no code of
 *   it runs: asleep when it has nothing of its own that can run again (no timer, socket, port or
 *   pending request), with its parked operations. A thread that does not answer before the next
 *   look is running code, so not asleep.
 *
 * Between two looks, the process-wide wake-up counter must not move: a thread woken by another
 * one (a value handed over, a channel closed) counts when its wait ends, so an unchanged counter
 * means that nobody woke while the answers came in.
 *
 * Whether the main thread is asleep too, only its event loop knows exactly (a user's `Worker`,
 * for instance, keeps it alive without showing among its active resources). So once every thread
 * is asleep, the detector lets the busy threads stop keeping the process alive (it unrefs their
 * `Worker`s): if the main thread has nothing left either, the process reaches `beforeExit`, where
 * the detector holds `@csp/channel`'s report (see `holdDeadlockReport`), refs the threads again,
 * and looks {@link CONFIRMATIONS} more times. The main thread was idle then and can only be woken
 * by a thread (a wait of its own that ends, which the counter shows, or a thread's message, which
 * the detector notes), so if every thread stays asleep, no message comes and the counter does not
 * move, the program is deadlocked: the report lists the main thread's parked operations, then each thread's, and the
 * process exits with code 2. Any thread found awake, or any wake-up, ends it all: the threads
 * keep the process alive again and the detector starts over.
 *
 * Not covered: threads the program starts itself (they are not watched: while one is alive, the
 * process never reaches `beforeExit`), and a thread that woke but did not get to run for
 * {@link CONFIRMATIONS} periods (an overloaded machine) could be reported as still asleep.
 *
 * @module
 */
import { exitWithDeadlockReport, holdDeadlockReport, parkedOperations, type ParkedOperation } from '@csp/channel/internal';
import { blockedOperations, wakeCount, type SleepProbe, type SleepReply } from './thread-sleep-board.js';

/** Milliseconds between two looks at the threads: also the time a thread has to answer a probe. */
const PERIOD_MS = 100;
/** Looks that must find everyone asleep, with no wake-up, after the main thread was seen idle. */
const CONFIRMATIONS = 2;

/** Every watched thread of the process (of every pool), in the order they started. */
const watched = new Set<WatchedThread>();
/** How many of them run a job (the pool wants them to keep the process alive). */
let busy = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
/** Whether the busy threads were let go (unref'd) to see whether the main thread is idle. */
let suspended = false;
/** The number of the current probe, and the wake-up count when it went out. */
let round = 0;
let roundStart = 0;
/** Whether `beforeExit` found the main thread idle, with no wake-up since. */
let mainIdle = false;
/** Looks since then that found everyone asleep. */
let confirmations = 0;
let holding = false;

/**
 * Whether threads started now are to be watched: the deadlock report is on in this process.
 * (Threads started earlier are not: they have no board and do not record their operations.)
 */
export function deadlockReportOn(): boolean {
  return parkedOperations.reportInstalled;
}

/** What the detector uses of a thread's `Worker`. */
export interface WatchedWorker {
  postMessage(message: SleepProbe): void;
  ref(): void;
  unref(): void;
}

/** One thread of a pool, as the detector sees it. */
export class WatchedThread {
  /** Whether the pool wants it to keep the process alive (it runs a job). */
  private wanted = false;
  private reply: SleepReply | undefined = undefined;

  /**
   * @param number The thread's number in the registry (shown in the report).
   * @param board The thread's board (`thread-sleep-board.ts`), given in its `ThreadSetup`.
   * @param worker The thread's `Worker`, started with that setup.
   */
  constructor(
    readonly number: number,
    private readonly board: SharedArrayBuffer,
    private readonly worker: WatchedWorker,
  ) {
    watched.add(this);
    if (!holding) {
      holding = true;
      holdDeadlockReport(hold);
    }
  }

  /** The pool's `ref`: the thread runs a job, and keeps the process alive while it does. */
  ref(): void {
    if (!this.wanted) {
      this.wanted = true;
      busy++;
    }
    // A new job: the main thread is at work, so the threads are not let go.
    mainIdle = false;
    if (suspended) resume();
    else this.worker.ref();
    if (timer === undefined) probeAll(wakeCount());
  }

  /** The pool's `unref`: the thread is idle. */
  unref(): void {
    this.worker.unref();
    if (!this.wanted) return;
    this.wanted = false;
    if (--busy === 0) stop();
  }

  /** The thread is gone (exited or terminated): the main thread has that to handle. */
  forget(): void {
    this.unref();
    watched.delete(this);
    mainIdle = false;
  }

  /** A message from the thread that answers a probe. */
  answered(reply: SleepReply): void {
    this.reply = reply;
  }

  /**
   * Any other message from the thread (a job's result): the main thread runs code for it, so it
   * was not idle for good, whatever `beforeExit` saw while the message was on its way.
   */
  delivered(): void {
    mainIdle = false;
  }

  /** Asks the thread whether it is asleep, unless it is blocked (then its board says so). */
  probe(): void {
    if (blockedOperations(this.board) === undefined) this.worker.postMessage({ cspSleepProbe: round });
  }

  /** The thread's parked operations if it is asleep (see the module's notes), else `undefined`. */
  asleep(): ParkedOperation[] | undefined {
    const reply = this.reply;
    const operations =
      blockedOperations(this.board) ?? (reply?.cspSleepReply === round && reply.asleep ? reply.operations : undefined);
    return operations?.map((operation) => ({ ...operation, thread: this.number }));
  }

  /** Lets the process exit without this thread, whatever the pool wants (see {@link suspend}). */
  letGo(): void {
    this.worker.unref();
  }

  /** Keeps the process alive again if the pool wants it (after {@link suspend}). */
  keepAliveAsWanted(): void {
    if (this.wanted) this.worker.ref();
  }
}

function schedule(): ReturnType<typeof setTimeout> {
  const next = setTimeout(look, PERIOD_MS);
  next.unref();
  return next;
}

/** No thread runs a job any more: the event loop alone tells when the program is over. */
function stop(): void {
  clearTimeout(timer);
  timer = undefined;
  suspended = false;
  mainIdle = false;
}

/** One look at every thread (see the module's notes), then the next probe. */
function look(): void {
  const now = wakeCount();
  const operations = now === roundStart ? threadsAsleep() : undefined;
  if (operations === undefined) {
    mainIdle = false;
    if (suspended) resume();
  } else if (!mainIdle) {
    // Every thread is asleep: is the main thread? Its event loop tells, at `beforeExit`.
    suspend();
  } else if (++confirmations >= CONFIRMATIONS) {
    exitWithDeadlockReport([...parkedOperations.list(), ...operations]);
  }
  probeAll(now);
}

/** Every watched thread's parked operations if all are asleep, else `undefined`. */
function threadsAsleep(): ParkedOperation[] | undefined {
  const all: ParkedOperation[] = [];
  for (const thread of watched) {
    const operations = thread.asleep();
    if (operations === undefined) return undefined;
    all.push(...operations);
  }
  return all;
}

function probeAll(now: number): void {
  round++;
  roundStart = now;
  for (const thread of watched) thread.probe();
  timer = schedule();
}

function suspend(): void {
  suspended = true;
  for (const thread of watched) thread.letGo();
}

function resume(): void {
  suspended = false;
  for (const thread of watched) thread.keepAliveAsWanted();
}

/**
 * At `beforeExit`: when the busy threads were let go, the main thread has nothing left to do, so
 * the threads keep the process alive again while the detector confirms (see the module's notes),
 * and `@csp/channel`'s report waits.
 */
function hold(): boolean {
  if (!suspended) return false;
  mainIdle = true;
  confirmations = 0;
  resume();
  clearTimeout(timer);
  probeAll(wakeCount());
  return true;
}
