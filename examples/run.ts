// Runs one example by name (`pnpm example <name>` from the repository root); lists them otherwise.
//
// An example is a folder here with a `main.ts`; its one-line description is the first line of
// that file, a `//` comment. With no name this prints the list; with an unknown name it prints
// the list to stderr and exits with code 1.
//
// `--trace` draws the goroutines (see docs/trace.md and shared/trace-flag.ts): live swimlanes
// while the example runs, then its pictures written to `--trace-out=<dir>` (default: the system's
// temporary directory). `--trace=logical` numbers events instead of timing them: the same picture
// every run.
import { pathToFileURL } from 'node:url';
import { listExamples, type Example } from './shared/examples.js';
import { startTrace, traceFlags } from './shared/trace-flag.js';

function usage(examples: readonly Example[]): string {
  const width = Math.max(...examples.map((example) => example.name.length));
  const rows = examples.map((example) => `  ${example.name.padEnd(width)}  ${example.description}`);
  return ['Usage: pnpm example <name> [--trace[=logical]] [--trace-out=<dir>]', '', 'Examples:', ...rows, ''].join('\n');
}

const examples = listExamples();
const name = process.argv[2];
const chosen = examples.find((example) => example.name === name);
const trace = traceFlags(process.argv.slice(3));

if (chosen !== undefined) {
  if (trace !== undefined) await startTrace(chosen.name, trace);
  await import(pathToFileURL(chosen.main).href);
} else if (name === undefined) {
  process.stdout.write(usage(examples));
} else {
  process.stderr.write(`Unknown example "${name}".\n\n${usage(examples)}`);
  process.exitCode = 1;
}
