/**
 * The reports of a bubble that cannot go on: every blocked goroutine, what each of its parked
 * operations waits on (Go's wait reason and the channel's name) and where it parked.
 *
 * @module
 */

/** One parked operation of a blocked goroutine. */
export interface BlockedOperation {
  /** Go's wait reason: `chan receive`, `select`, `sleep`, `sync.Mutex.Lock`, `synctest.Wait`, ... */
  readonly reason: string;
  /** What it waits on, e.g. the channel's name; `undefined` when unnamed. */
  readonly subject: string | undefined;
  /** Where it parked: the user's frames of the stack, innermost first. */
  readonly stack: string;
}

/** A goroutine of a bubble that is blocked, with the operations it is parked on. */
export interface BlockedGoroutine {
  /** Its number in the bubble: 1 is the test function, the others count `go` calls in order. */
  readonly id: number;
  readonly operations: readonly BlockedOperation[];
}

const ownFrame =
  /[\\/](packages[\\/](channel|sync|patterns|testing)[\\/](src|dist)|node_modules[\\/]@csp)[\\/]|[( ]node:|\(native\)|^Error$/;

/** The user's frames of a stack captured where an operation parked (at most `keep` of them). */
export function userFrames(stack: string, keep = 4): string {
  const lines = stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !ownFrame.test(line));
  return lines.slice(0, keep).join('\n');
}

/** Formats `headline`, then each goroutine as Go prints it in a crash report. */
export function formatReport(headline: string, goroutines: readonly BlockedGoroutine[]): string {
  const parts = [headline, ''];
  for (const goroutine of goroutines) {
    for (const op of goroutine.operations) {
      const on = op.subject === undefined ? '' : ` on ${op.subject}`;
      parts.push(`goroutine ${goroutine.id} [${op.reason}]${on}:`);
      for (const line of op.stack.split('\n')) if (line !== '') parts.push(`\t${line}`);
      parts.push('');
    }
  }
  return parts.join('\n');
}
