// Runs an exercise's `main()` with Go's deadlock report on, to see what the toolkit prints:
// `pnpm workshop NN --main` (the learner's start.ts) or `--main --solution`.
// Usage: program.ts <exercise folder> <start|solution> [--trace[=logical]] [--trace-out=<dir>]
//                   [--picture=<file.svg>]   (the swimlane of the run, as pictures.ts draws it)
//
// A program that is blocked for good before main() returns gets Go's deadlock report (exit code
// 2). Goroutines still blocked after main() returned are a leak, not a deadlock: Go exits with
// code 0 there and says nothing; here they are listed as leaked, and the exit code is 0 too.
import '@csp/channel/deadlock';
import { formatDeadlockReport, parkedOperations } from '@csp/channel/internal';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTrace, traceFlags } from '../shared/trace-flag.js';

const [exercise, impl] = process.argv.slice(2);
if (exercise === undefined || (impl !== 'start' && impl !== 'solution')) {
  throw new Error('usage: program.ts <exercise folder> <start|solution>');
}
const trace = traceFlags(process.argv.slice(4));
if (trace !== undefined) await startTrace(`${exercise}-${impl}`, trace);
const picture = process.argv.find((arg) => arg.startsWith('--picture='))?.slice('--picture='.length);
if (picture !== undefined) await drawOnExit(picture, `${exercise}: ${impl}.ts`);
const file = join(dirname(fileURLToPath(import.meta.url)), exercise, `${impl}.ts`);
const module = (await import(pathToFileURL(file).href)) as { main?: () => Promise<void> };
if (module.main === undefined) throw new Error(`${exercise}/${impl}.ts has no main() to run`);
await module.main();
// Runs before the deadlock report's own `beforeExit` listener.
process.prependListener('beforeExit', reportLeaks);

/** After main() returned: lists the goroutines still blocked as leaked and exits with code 0, as Go does. */
function reportLeaks(): void {
  const leaked = parkedOperations.list();
  if (leaked.length === 0) return;
  const count = leaked.length === 1 ? '1 goroutine was' : `${leaked.length} goroutines were`;
  const header = [
    `leaked at exit: main() returned while ${count} still blocked.`,
    'Go exits with code 0 here and says nothing: in a long-running program these goroutines, and',
    'everything they hold, would stay in memory for good.',
  ].join('\n');
  // The report's goroutine list, under the leak's header instead of the deadlock's.
  process.stderr.write(formatDeadlockReport(leaked).replace(/^.*\n/, `${header}\n`));
  process.exit(0);
}

/**
 * Records the run with the logical clock and a fixed seed for `select`'s random choices, so that
 * the same program draws the same picture every time, and writes its SVG swimlane to `file` when
 * the process exits, however it exits: at the end, at a deadlock, at a leak or at a panic.
 */
async function drawOnExit(file: string, title: string): Promise<void> {
  const { startTracing, toSvg } = await import('@csp/trace');
  const { setRandomSource } = await import('@csp/channel/internal');
  let seed = 1;
  setRandomSource(() => (seed = (seed * 48271) % 2147483647) / 2147483647);
  const tracing = startTracing({ clock: 'logical', waitForGraph: false });
  process.on('exit', () => writeFileSync(file, `${toSvg(tracing.stop(), { title })}\n`));
}
