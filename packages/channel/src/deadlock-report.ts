/**
 * Go's deadlock detector, for Node: when the process is about to exit while operations are still
 * parked on channels or `@csp/sync` primitives, nothing can ever wake them. The report prints
 * Go's `fatal error: all goroutines are asleep - deadlock!`, then each parked operation (Go's wait
 * reason, what it waits on, and where it parked), and exits with code 2.
 *
 * Only the program's own operations count: the library's background work that parks by design
 * (a rate limiter's refill, a priority queue's standing offer) parks as a daemon and is left out,
 * as Go leaves out its system goroutines. Every frame of a `@csp/*` package is left out of the
 * stacks, so each operation is shown at the program's line that made it.
 *
 * @module
 */
import { parkedOperations, type ParkedOperation } from './parked-operations.js';

/**
 * One part of the report after the goroutine list, e.g. a wait-for graph: returns its lines, or
 * `undefined` to print nothing.
 */
export type DeadlockReportSection = (operations: readonly ParkedOperation[]) => string | undefined;

const sections: DeadlockReportSection[] = [];

/** Adds a part to every later report (see {@link DeadlockReportSection}). */
export function addDeadlockReportSection(section: DeadlockReportSection): void {
  sections.push(section);
}

/**
 * Asked at `beforeExit` before the report is printed: returns `true` to hold it, because the
 * program may not be over (see {@link holdDeadlockReport}).
 */
export type DeadlockReportHold = () => boolean;

const holds: DeadlockReportHold[] = [];

/**
 * Adds a check that can hold the report at `beforeExit`: for work the event loop does not see,
 * such as worker threads that a thread pool lets the process exit without (`@csp/threads`). A
 * check that returns `true` has kept the process alive itself (the loop goes on, and the next
 * `beforeExit` asks again), and prints the report itself if it finds the program deadlocked.
 */
export function holdDeadlockReport(hold: DeadlockReportHold): void {
  holds.push(hold);
}

/** One goroutine's block: `goroutine 3 [chan send] on jobs (thread 2):` and its frames, tab-indented. */
function formatGoroutine(operation: ParkedOperation, index: number): string[] {
  const on = operation.subject === undefined ? '' : ` on ${operation.subject}`;
  const thread = operation.thread === undefined ? '' : ` (thread ${operation.thread})`;
  const lines = [`goroutine ${index + 1} [${operation.reason}]${on}${thread}:`];
  for (const line of operation.stack.split('\n')) if (line !== '') lines.push(`\t${line}`);
  return lines;
}

/** Formats the report for `operations`, as Go prints it, followed by any added section. */
export function formatDeadlockReport(operations: readonly ParkedOperation[]): string {
  const parts = ['fatal error: all goroutines are asleep - deadlock!', ''];
  operations.forEach((operation, i) => parts.push(...formatGoroutine(operation, i), ''));
  for (const section of sections) {
    const text = section(operations);
    if (text !== undefined) parts.push(text, '');
  }
  return parts.join('\n');
}

/**
 * Turns the deadlock report on (Node only; elsewhere it does nothing). Operations that park from
 * then on are recorded with their call site, which costs a stack capture per parked operation,
 * so enable it in programs and tests, not in hot production paths. Calling it again, from this
 * copy of the package or another, does nothing.
 *
 * The one line to add at the top of a program: `import '@csp/channel/deadlock';`
 */
export function enableDeadlockReport(): void {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (parkedOperations.reportInstalled || proc === undefined || typeof proc.on !== 'function') return;
  parkedOperations.reportInstalled = true;
  parkedOperations.enable();
  proc.on('beforeExit', () => {
    if (holds.some((hold) => hold())) return;
    const operations = parkedOperations.list();
    if (operations.length > 0) exitWithDeadlockReport(operations);
  });
}

/**
 * Go's `fatal error: all goroutines are asleep - deadlock!`: prints the report for `operations`
 * (see {@link formatDeadlockReport}) to stderr and exits the process with code 2. Never returns
 * (Node only).
 */
export function exitWithDeadlockReport(operations: readonly ParkedOperation[]): never {
  const proc = (globalThis as { process: NodeJS.Process }).process;
  proc.stderr.write(formatDeadlockReport(operations));
  return proc.exit(2);
}
