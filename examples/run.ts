// Runs one example by name (`pnpm example <name>` from the repository root); lists them otherwise.
//
// An example is a folder here with a `main.ts`; its one-line description is the first line of
// that file, a `//` comment. With no name this prints the list; with an unknown name it prints
// the list to stderr and exits with code 1.
import { pathToFileURL } from 'node:url';
import { listExamples, type Example } from './shared/examples.js';

function usage(examples: readonly Example[]): string {
  const width = Math.max(...examples.map((example) => example.name.length));
  const rows = examples.map((example) => `  ${example.name.padEnd(width)}  ${example.description}`);
  return ['Usage: pnpm example <name>', '', 'Examples:', ...rows, ''].join('\n');
}

const examples = listExamples();
const name = process.argv[2];
const chosen = examples.find((example) => example.name === name);

if (chosen !== undefined) {
  await import(pathToFileURL(chosen.main).href);
} else if (name === undefined) {
  process.stdout.write(usage(examples));
} else {
  process.stderr.write(`Unknown example "${name}".\n\n${usage(examples)}`);
  process.exitCode = 1;
}
