/**
 * `@csp/testing`: test concurrent code without waiting. Go 1.25's `testing/synctest` bubbles
 * (a virtual clock that advances only when every goroutine is durably blocked), Go's deadlock
 * report and a goleak-like leak report for a bubble, and seeded schedules that find races and
 * replay them.
 *
 * | Go | TypeScript |
 * |---|---|
 * | `synctest.Test(t, func(t *testing.T) { ... })` | `await synctest.test(async () => { ... })` |
 * | `synctest.Wait()` | `await synctest.wait()` |
 * | `goleak.VerifyNone(t)` | built in: a bubble fails with `GoroutineLeakError` |
 * | (none) | `await explore(fn, { runs: 1000 })`, then `synctest.test(fn, { seed })` |
 *
 * Node, Deno and Bun (it uses `node:async_hooks`' `AsyncLocalStorage`).
 *
 * @packageDocumentation
 */
export * as synctest from './synctest.js';
export { explore, type ExploreOptions, type ExploreSummary } from './explore.js';
export type { BubbleOptions } from './bubble.js';
export { BubbleDeadlockError, GoroutineLeakError, ScheduleFailureError } from './errors.js';
export type { BlockedGoroutine, BlockedOperation } from './report.js';
export { EPOCH } from './virtual-clock.js';
export { ChanOutsideBubbleError, TimerOutsideBubbleError } from '@csp/channel/internal';
