// The exercises' pages in docs/workshop/ and what the workshop command reads from them or writes
// to them: the hints, in tiers (`pnpm workshop NN --hint`), and the copy of start.ts as given,
// which the page shows whatever the learner has made of their own start.ts since
// (`pnpm workshop --docs` writes it, `pnpm workshop --check` checks it).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workshopDir = dirname(fileURLToPath(import.meta.url));

/** docs/workshop/, where the pages are. */
export const pagesDir = join(workshopDir, '..', '..', 'docs', 'workshop');

/** The page of an exercise folder: docs/workshop/<exercise>.md. */
export function pageOf(exercise: string): string {
  return join(pagesDir, `${exercise}.md`);
}

/**
 * The exercises that a page meant to list them all (the index, the agenda) leaves out: each one
 * must be linked from it as `](./<exercise>)`.
 */
export function missingFrom(page: string, exercises: readonly string[]): string[] {
  const text = readFileSync(join(pagesDir, page), 'utf8');
  return exercises.filter((exercise) => !text.includes(`](./${exercise})`));
}

/** One tier of an exercise's hints. */
export interface Hint {
  /** Its title on the page, e.g. `Hint 2: the selects`. */
  readonly title: string;
  /** Its Markdown text. */
  readonly text: string;
}

/** The hints of a page, in order: its `::: details Hint ...` blocks. */
export function hintsOf(page: string): Hint[] {
  const hints: Hint[] = [];
  for (const match of page.matchAll(/^::: details (Hint[^\n]*)\n([\s\S]*?)^:::$/gm)) {
    hints.push({ title: match[1]!.trim(), text: match[2]!.trim() });
  }
  return hints;
}

/**
 * The line that comes right before the page's copy of start.ts. It marks the block for
 * `pnpm workshop --docs`, and as `no-run` for the docs' doctests (start.ts is a module, not a
 * program to run).
 */
export const startMarker = '<!-- no-run (start.ts as given: `pnpm workshop --docs` copies it here) -->';

/** The fenced block that shows `code` as start.ts, with line numbers (the reports cite them). */
function startBlock(code: string): string {
  return ['```ts:line-numbers [start.ts]', code.trimEnd(), '```'].join('\n');
}

/** The marker and the fenced block after it (which may be empty). */
const markedBlock = new RegExp(
  `(${startMarker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n)\`\`\`[^\\n]*\\n(?:(?!\`\`\`)[^\\n]*\\n)*\`\`\`(?=\\n)`,
);

/**
 * The page with its copy of start.ts replaced by `code`. Throws when the page has no marked
 * block (see {@link startMarker}).
 */
export function withStart(page: string, code: string): string {
  if (!markedBlock.test(page)) throw new Error(`the page has no block after ${startMarker}`);
  return page.replace(markedBlock, (_, marker: string) => `${marker}${startBlock(code)}`);
}

/**
 * What is wrong with an exercise's page, if anything: no page, no Go program, no hint, no
 * pictures, or a copy of start.ts that differs from `start` (the exercise's start.ts).
 */
export function pageProblems(exercise: string, start: string): string[] {
  let page: string;
  try {
    page = readFileSync(pageOf(exercise), 'utf8');
  } catch {
    return [`docs/workshop/${exercise}.md is missing`];
  }
  const problems: string[] = [];
  if (!/^```go$/m.test(page)) problems.push('shows no Go program');
  if (hintsOf(page).length === 0) problems.push('has no "::: details Hint" block');
  for (const impl of ['start', 'solution']) {
    if (!page.includes(`](./pictures/${exercise}.${impl}.svg)`)) problems.push(`does not show pictures/${exercise}.${impl}.svg`);
  }
  const opened = page.match(/^<div class="go-ts">$/gm)?.length ?? 0;
  if (opened !== (page.match(/^<\/div>$/gm)?.length ?? 0)) problems.push('does not close each <div class="go-ts">');
  if (!markedBlock.test(page)) problems.push(`has no copy of start.ts after ${startMarker}`);
  else if (withStart(page, start) !== page)
    problems.push("shows a start.ts that differs from the exercise's: run pnpm workshop --docs");
  return problems;
}
