// Doctests: every TypeScript block of the docs' Markdown pages and of the packages' READMEs (see
// doctest/snippets.ts for the markers) is type-checked and run as a program, so that the docs
// cannot drift from the code.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectSnippets, comparableLines, extractSnippets, type Snippet } from './doctest/snippets.js';
import {
  bundle,
  limited,
  runProgram,
  typecheck,
  writePrograms,
  type Diagnostic,
  type Program,
  type Run,
} from './doctest/workspace.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docs, '..');
const scratch = join(docs, '.doctest');
const tsc = join(root, 'node_modules', 'typescript7', 'bin', 'tsc');
/** A snippet still running after this long is killed and fails. */
const runTimeoutMs = 10_000;

/** The READMEs that npm shows for each package, relative to `docs/` like the pages. */
const packageReadmes = ['channel', 'sync', 'patterns', 'testing'].map((name) => `../packages/${name}/README.md`);
const snippets = [
  ...collectSnippets(docs),
  ...packageReadmes.flatMap((file) => extractSnippets(file, readFileSync(join(docs, file), 'utf8'))),
];
const files = [...new Set(snippets.map((snippet) => snippet.file))];

/** Where a line of a snippet's program is in its Markdown page. */
const at = (snippet: Snippet, line: number): string => `docs/${snippet.file}:${snippet.line + line - 1}`;

function describeFailure(run: Run): string {
  if (run.timedOut) return `still running after ${runTimeoutMs} ms (killed): does it wait forever?`;
  if (run.exitCode === 13)
    return 'it never finished: its top-level await was still pending when nothing was left to run (a deadlock?)';
  return `exit code ${run.exitCode ?? run.signal}`;
}

describe('doctests: every TypeScript block in docs/', function () {
  let programs = new Map<Snippet, Program>();
  let typeErrors = new Map<string, Diagnostic[]>();
  let runs = new Map<Snippet, Promise<Run>>();

  before(async function () {
    this.timeout(120_000);
    const written = writePrograms(scratch, snippets, join(root, 'tsconfig.base.json'));
    programs = new Map(written.map((program) => [program.snippet, program]));
    [typeErrors] = await Promise.all([typecheck(scratch, tsc), bundle(scratch, written)]);
    const toRun = written.filter((program) => program.snippet.run);
    const results = limited(toRun.map((program) => () => runProgram(program, runTimeoutMs)));
    runs = new Map(toRun.map((program, i) => [program.snippet, results[i]!]));
  });

  for (const file of files) {
    describe(`docs/${file}`, () => {
      for (const snippet of snippets.filter((s) => s.file === file)) {
        it(`the block at line ${snippet.line} ${snippet.run ? 'type-checks and runs' : 'type-checks'}`, async function () {
          this.timeout(runTimeoutMs + 60_000);
          const errors = typeErrors.get(programs.get(snippet)!.source) ?? [];
          const messages = errors.map((e) => `${at(snippet, e.line)}:${e.column} ${e.message}`);
          expect(messages, 'type errors').to.deep.equal([]);
          const running = runs.get(snippet);
          if (running === undefined) return;
          const run = await running;
          const printed = `${run.stdout}${run.stderr}`;
          expect(run.exitCode, `${describeFailure(run)}; it printed:\n${printed}`).to.equal(snippet.exitCode);
          if (snippet.output !== undefined) {
            expect(comparableLines(printed), 'its output').to.deep.equal(comparableLines(snippet.output));
          }
        });
      }
    });
  }
});
