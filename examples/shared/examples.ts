// The examples: every folder of examples/ that holds a main.ts, with its one-line description.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Example {
  /** The folder's name, which `pnpm example <name>` takes. */
  readonly name: string;
  /** The `//` comment on the first line of its main.ts ('' when there is none). */
  readonly description: string;
  /** The absolute path of its main.ts. */
  readonly main: string;
}

/** The absolute path of examples/. */
export const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every example, sorted by name. */
export function listExamples(): Example[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'main.ts')))
    .map((entry) => {
      const main = join(examplesDir, entry.name, 'main.ts');
      return { name: entry.name, description: describe(main), main };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function describe(file: string): string {
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  return firstLine.startsWith('//') ? firstLine.slice(2).trim() : '';
}
