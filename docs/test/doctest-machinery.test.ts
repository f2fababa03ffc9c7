// The doctest machinery itself: which blocks it takes, and that it catches a snippet that does not
// type-check, throws, deadlocks or prints something else than its page says.
import { expect } from 'chai';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparableLines, extractSnippets } from './doctest/snippets.js';
import { bundle, runProgram, typecheck, writePrograms } from './doctest/workspace.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docs, '..');

const page = [
  '# A page',
  '',
  '```ts',
  "console.log('plain');",
  '```',
  '',
  '```ts no-run',
  'fragment(',
  '```',
  '',
  '<!-- no-run -->',
  '```ts',
  'another fragment(',
  '```',
  '',
  '```typescript check-only',
  'const server: number = 1;',
  '```',
  '',
  '<!-- exit=2 -->',
  '```ts',
  'process.exit(2);',
  '```',
  '',
  '```text output',
  'expected',
  '```',
  '',
  '- a list item',
  '',
  '  ```ts exit=3',
  '  if (true) {',
  '    process.exit(3);',
  '  }',
  '  ```',
  '',
  '```js',
  'not typescript',
  '```',
].join('\n');

describe('doctest machinery', () => {
  describe('extractSnippets', () => {
    const snippets = extractSnippets('page.md', page);

    it('takes every ts block but the no-run fragments and other languages', () => {
      expect(snippets.map((s) => s.line)).to.deep.equal([4, 17, 22, 32]);
    });

    it('reads check-only, exit=N (in the fence or in a comment before it) and the output block', () => {
      expect(snippets.map((s) => [s.run, s.exitCode, s.output])).to.deep.equal([
        [true, 0, undefined],
        [false, 0, undefined],
        [true, 2, 'expected'],
        [true, 3, undefined],
      ]);
    });

    it('removes the indentation of a block inside a list item', () => {
      expect(snippets[3]!.code).to.equal('if (true) {\n  process.exit(3);\n}');
    });

    it('does not take an output block that is separated from its snippet by text', () => {
      const text = '```ts\nconsole.log(1);\n```\nSome text.\n```text output\n1\n```\n';
      expect(extractSnippets('p.md', text)[0]!.output).to.equal(undefined);
    });
  });

  describe('comparableLines', () => {
    it('leaves out stack frames and trailing blank lines', () => {
      const printed = 'panic: boom\n\nError: boom\n    at main (/tmp/x.ts:1:1)\n\tat <anonymous> (y.ts:2:2)\n\n';
      expect(comparableLines(printed)).to.deep.equal(['panic: boom', '', 'Error: boom']);
    });
  });

  describe('checking and running programs', function () {
    this.timeout(60_000);
    const scratch = join(docs, '.doctest-machinery');
    const snippets = extractSnippets(
      'bad.md',
      [
        '```ts',
        "const n: number = 'not a number';",
        '```',
        '```ts',
        "throw new Error('boom');",
        '```',
        '```ts',
        "import { Chan } from '@csp/channel';",
        'await new Chan<number>().recv();',
        '```',
      ].join('\n'),
    );
    const programs = writePrograms(scratch, snippets, join(root, 'tsconfig.base.json'));

    it('reports a type error at its line in the program', async () => {
      const errors = await typecheck(scratch, join(root, 'node_modules', 'typescript7', 'bin', 'tsc'));
      expect([...errors.keys()]).to.deep.equal([programs[0]!.source]);
      expect(errors.get(programs[0]!.source)![0])
        .to.include({ line: 1 })
        .and.have.property('message')
        .that.matches(/TS2322/);
    });

    it('runs a program that throws to a non-zero exit, and one that blocks forever to exit code 13', async () => {
      await bundle(scratch, programs);
      const [thrown, blocked] = await Promise.all([runProgram(programs[1]!, 10_000), runProgram(programs[2]!, 10_000)]);
      expect(thrown.exitCode).to.equal(1);
      expect(thrown.stderr).to.include('boom');
      expect(blocked.exitCode).to.equal(13);
    });
  });
});
