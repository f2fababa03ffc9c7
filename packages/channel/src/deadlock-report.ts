/**
 * Go's deadlock detector, for Node: when the process is about to exit while operations are still
 * parked on channels or `@csp/sync` primitives, nothing can ever wake them. The report prints
 * Go's `fatal error: all goroutines are asleep - deadlock!`, then each parked operation (Go's wait
 * reason, what it waits on, and where it parked), and exits with code 2.
 *
 * @module
 */
import { parkedOperations, type ParkedOperation } from './parked-operations.js';

let installed = false;

/** Formats the report for `operations`, as Go prints it. */
export function formatDeadlockReport(operations: readonly ParkedOperation[]): string {
  const parts = ['fatal error: all goroutines are asleep - deadlock!', ''];
  operations.forEach((op, i) => {
    const on = op.subject === undefined ? '' : ` on ${op.subject}`;
    parts.push(`goroutine ${i + 1} [${op.reason}]${on}:`);
    for (const line of op.stack.split('\n')) if (line !== '') parts.push(`\t${line}`);
    parts.push('');
  });
  return parts.join('\n');
}

/**
 * Turns the deadlock report on (Node only; elsewhere it does nothing). Operations that park from
 * then on are recorded with their call site, which costs a stack capture per parked operation,
 * so enable it in programs and tests, not in hot production paths. Calling it again does nothing.
 *
 * The one line to add at the top of a program: `import '@csp/channel/deadlock';`
 */
export function enableDeadlockReport(): void {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (installed || proc === undefined || typeof proc.on !== 'function') return;
  installed = true;
  parkedOperations.enable();
  proc.on('beforeExit', () => {
    const operations = parkedOperations.list();
    if (operations.length === 0) return;
    proc.stderr.write(formatDeadlockReport(operations));
    proc.exit(2);
  });
}
