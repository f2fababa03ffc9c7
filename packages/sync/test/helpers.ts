// Test helpers for @csp/sync: observing promises without awaiting them, letting the event loop
// turn, aborting, counting armed timers, and running fixture programs in a child process. The
// helpers both packages need live in @csp/channel's test helpers and are re-exported here.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { runProgram, type ChildResult, type Outcome, type Tracked } from '../../channel/test/helpers.js';

export {
  abortedSignal,
  activeTimeouts,
  delay,
  flush,
  track,
  type ChildResult,
  type Outcome,
  type Tracked,
} from '../../channel/test/helpers.js';

/** The state of a tracked promise: 'pending', 'resolved' or 'rejected'. */
export function stateOf(tracked: Tracked<unknown>): Outcome<unknown>['state'] {
  return tracked.outcome.state;
}

/** Runs `fn` and returns what it threw synchronously (fails the test when it throws nothing). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  expect.fail('expected a synchronous throw');
}

/** Awaits `promise` and returns its rejection reason (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail('expected a rejection');
}

/**
 * Runs `test/fixtures/<name>` in a fresh Node process on the package sources and resolves once
 * it exits. A child still running after `killAfterMs` is killed, so a hang fails its test.
 */
export function runFixture(name: string, killAfterMs = 15_000): Promise<ChildResult> {
  return runProgram(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), [], { killAfterMs });
}

/** The size of a primitive's private wait queue `field`, to check that nothing is left behind. */
export function queued(primitive: object, field = 'waiters'): number {
  const queue = (primitive as Record<string, unknown>)[field] as { size: number } | undefined;
  if (queue === undefined) expect.fail(`no queue named ${field}`);
  return queue.size;
}

/**
 * Whether a loop of `step` calls lets a `setTimeout(0)` fire within `limit` iterations, i.e. the
 * loop does not starve the event loop.
 */
export async function letsTimersRun(step: () => Promise<void>, limit = 1_000_000): Promise<boolean> {
  let fired = false;
  setTimeout(() => (fired = true), 0);
  for (let i = 0; i < limit && !fired; i++) await step();
  return fired;
}
