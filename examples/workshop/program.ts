// Runs an exercise's `main()` with Go's deadlock report on, to see what the toolkit prints:
// `pnpm workshop NN --main` (the learner's start.ts) or `--main --solution`.
// Usage: program.ts <exercise folder> <start|solution> [--trace[=logical]] [--trace-out=<dir>]
import '@csp/channel/deadlock';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTrace, traceFlags } from '../shared/trace-flag.js';

const [exercise, impl] = process.argv.slice(2);
if (exercise === undefined || (impl !== 'start' && impl !== 'solution')) {
  throw new Error('usage: program.ts <exercise folder> <start|solution>');
}
const trace = traceFlags(process.argv.slice(4));
if (trace !== undefined) await startTrace(`${exercise}-${impl}`, trace);
const file = join(dirname(fileURLToPath(import.meta.url)), exercise, `${impl}.ts`);
const module = (await import(pathToFileURL(file).href)) as { main?: () => Promise<void> };
if (module.main === undefined) throw new Error(`${exercise}/${impl}.ts has no main() to run`);
await module.main();
