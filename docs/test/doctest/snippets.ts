// Finds the TypeScript code blocks of the docs' Markdown pages, with what each expects.
//
// Every ```ts (or ```typescript) block is a doctest: a complete program that must type-check and
// run to completion with exit code 0. The fence's info string, or a `<!-- ... -->` comment on the
// line before the fence, changes that:
// - `no-run`: a fragment; it is neither type-checked nor run.
// - `check-only`: type-checked but not run (e.g. a server that never stops).
// - `exit=N`: runs and must exit with code N (e.g. `exit=2` for a deadlock report or a panic).
// A ```text output (or ```txt output) block right after a doctest (only blank lines between) is
// its expected output: stdout and stderr together, compared line by line, stack frames left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One doctest: a TypeScript code block and what it must do. */
export interface Snippet {
  /** The Markdown file, relative to the docs folder, e.g. `primitives/channel.md`. */
  readonly file: string;
  /** The 1-based line, in that file, of the block's first line of code. */
  readonly line: number;
  /** The program. */
  readonly code: string;
  /** Whether it is run (else only type-checked). */
  readonly run: boolean;
  /** The exit code it must end with. */
  readonly exitCode: number;
  /** The output it must print, or `undefined` when not given. */
  readonly output: string | undefined;
  /** The words of its fence's info string and of its `<!-- ... -->` marker (e.g. `exit=2`, `trace`). */
  readonly flags: readonly string[];
}

/** Folders of the docs that hold no hand-written pages. */
const skippedFolders = new Set(['api', 'node_modules', '.vitepress', '.doctest', 'test', 'scripts']);

/** The Markdown pages under `docs`, as paths relative to it, sorted. */
export function markdownFiles(docs: string, dir = docs): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) found.push(...markdownFiles(docs, path));
    } else if (entry.name.endsWith('.md')) {
      found.push(relative(docs, path));
    }
  }
  return found.sort();
}

/** The doctests of every page under `docs` (fragments marked `no-run` left out). */
export function collectSnippets(docs: string): Snippet[] {
  return markdownFiles(docs).flatMap((file) => extractSnippets(file, readFileSync(join(docs, file), 'utf8')));
}

const fenceOpen = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;
const marker = /^\s*<!--\s*(.*?)\s*-->\s*$/;

interface Block {
  readonly lang: string;
  readonly info: string;
  /** The line before the fence (a `<!-- ... -->` marker there applies to the block). */
  readonly before: string;
  readonly line: number;
  readonly code: string;
  /** The line index just after the closing fence. */
  readonly end: number;
}

/** Every fenced block of a Markdown text, in order. */
function blocksOf(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = fenceOpen.exec(lines[i]!);
    if (open === null) continue;
    const [, indent = '', fence = '', lang = '', info = ''] = open;
    const close = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    const code = lines
      .slice(i + 1, j)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join('\n');
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    blocks.push({ lang, info, before: k >= 0 ? lines[k]! : '', line: i + 2, code, end: j + 1 });
    i = j;
  }
  return blocks;
}

/** The words of a block's info string and of a `<!-- ... -->` marker just before it. */
function flagsOf(block: Block): string[] {
  const comment = marker.exec(block.before)?.[1] ?? '';
  return `${block.info} ${comment}`.split(/\s+/).filter((word) => word !== '');
}

/** Whether `next` is an output block that directly follows `block` in `text`. */
function isOutputOf(block: Block, next: Block | undefined, lines: string[]): next is Block {
  if (next === undefined || !['text', 'txt', 'console'].includes(next.lang)) return false;
  if (!next.info.split(/\s+/).includes('output')) return false;
  return lines.slice(block.end, next.line - 2).every((line) => line.trim() === '');
}

/** The doctests of one Markdown page. */
export function extractSnippets(file: string, text: string): Snippet[] {
  const lines = text.split(/\r?\n/);
  const blocks = blocksOf(text);
  const snippets: Snippet[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'ts' && block.lang !== 'typescript') return;
    const flags = flagsOf(block);
    if (flags.includes('no-run')) return;
    const exit = flags.find((flag) => flag.startsWith('exit='));
    const next = blocks[i + 1];
    snippets.push({
      file,
      line: block.line,
      code: block.code,
      run: !flags.includes('check-only'),
      exitCode: exit === undefined ? 0 : Number(exit.slice('exit='.length)),
      output: isOutputOf(block, next, lines) ? next.code : undefined,
      flags,
    });
  });
  return snippets;
}

/** The lines of a program's output that are compared: no stack frames, no trailing blanks. */
export function comparableLines(output: string): string[] {
  const lines = output
    .split(/\r?\n/)
    .filter((line) => !/^\s+at /.test(line))
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
