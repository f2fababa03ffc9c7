// Runs one example by name (`pnpm example <name>` from the repository root); lists them otherwise.
//
// An example is a folder here with a `main.ts`; its one-line description is the first line of
// that file, a `//` comment. Unknown names list the examples and exit with code 1.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Example {
  readonly name: string;
  readonly description: string;
  readonly main: string;
}

const examplesDir = dirname(fileURLToPath(import.meta.url));

/** Every folder of `examplesDir` that holds a `main.ts`, by name. */
function listExamples(): Example[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'main.ts')))
    .map((entry) => {
      const main = join(examplesDir, entry.name, 'main.ts');
      return { name: entry.name, description: describe(main), main };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The text of the `//` comment on the first line of `file`, or '' when there is none. */
function describe(file: string): string {
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  return firstLine.startsWith('//') ? firstLine.slice(2).trim() : '';
}

function usage(examples: readonly Example[]): string {
  const width = Math.max(...examples.map((example) => example.name.length));
  const rows = examples.map((example) => `  ${example.name.padEnd(width)}  ${example.description}`);
  return ['Usage: pnpm example <name>', '', 'Examples:', ...rows, ''].join('\n');
}

const examples = listExamples();
const name = process.argv[2];
const chosen = examples.find((example) => example.name === name);

if (chosen === undefined) {
  if (name === undefined) {
    process.stdout.write(usage(examples));
  } else {
    process.stderr.write(`Unknown example "${name}".\n\n${usage(examples)}`);
    process.exitCode = 1;
  }
} else {
  await import(pathToFileURL(chosen.main).href);
}
