/**
 * The building blocks `@csp/sync` and `@csp/patterns` share with the channels: the O(1) waiter
 * queue, the parked-operation promise with abort handling and deadlock reporting, and the
 * event-loop budget. Not part of the semver-stable API.
 *
 * @module
 */
export { WaitQueue, type WaitNode } from './wait-queue.js';
export { Waiter } from './waiter.js';
export { watchAbort, type AbortLink } from './abort-watch.js';
export {
  parkedOperations,
  userFrames,
  type ParkedOperation,
  type ParkedOperationRegistry,
  type Subject,
} from './parked-operations.js';
export {
  formatDeadlockReport,
  addDeadlockReportSection,
  holdDeadlockReport,
  exitWithDeadlockReport,
  type DeadlockReportSection,
  type DeadlockReportHold,
} from './deadlock-report.js';
export { completed, failed, spend, settleNextTurn, TURN_BUDGET } from './scheduler.js';
export { crash } from './go.js';
export { closedAndDrained, raced } from './chan.js';
/** The old name of {@link crash}, kept for importers (not the public `panic`, which never returns). */
export { crash as panic } from './go.js';
export { setGoroutineStarter, type GoroutineStarter } from './go.js';
export { isThenable } from './thenable.js';
export { signalOf, isAbortSignal, describeValue, nonNegativeInteger, integer, func } from './validate.js';
export { GoPanicError } from './panic-error.js';
export {
  currentClock,
  setClockProvider,
  realClock,
  MAX_TIMEOUT,
  TimerOutsideBubbleError,
  type Clock,
  type TimerHandle,
} from './clock.js';
export { random, setRandomSource } from './random.js';
export { ChanOutsideBubbleError, type BubbledOperation } from './bubble-owner.js';
export { inspectCustom, formatState } from './inspect.js';
export { tracer, setTracer, type Tracer } from './trace-hooks.js';
