// The workshop's own machinery (examples/workshop/run.ts, program.ts, pages.ts, support.ts), apart
// from the exercises: what `pnpm workshop NN --main` prints when a program deadlocks or leaks, the
// summary after a panic, the hints in tiers, the pages' copy of start.ts.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplesDir } from '../shared/examples.js';
import { hintsOf, pageOf, startMarker, withStart } from '../workshop/pages.js';
import { runMain } from '../workshop/support.js';

const scratch = mkdtempSync(join(tmpdir(), 'workshop-harness-'));

/** Runs a test file as `pnpm workshop NN` runs an exercise's tests: mocha in a child process. */
function mocha(file: string): Promise<{ exitCode: number | null; output: string }> {
  const bin = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
  const workshopDir = join(examplesDir, 'workshop');
  return run([bin, '--config', join(workshopDir, '.mocharc.json'), '--require', join(workshopDir, 'panic-summary.ts'), file], {});
}

/** Runs `node <args>`; resolves with its exit code and what it printed. */
function run(args: string[], env: Record<string, string>): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

/** Runs `pnpm workshop <args>` (examples/workshop/run.ts); resolves with its exit code and output. */
function workshop(...args: string[]): Promise<{ exitCode: number | null; output: string }> {
  // Which hint was shown last is kept in a scratch file, not in the learner's .tmp/.
  return run(['--conditions=@csp/source', '--import=tsx/esm', join(examplesDir, 'workshop', 'run.ts'), ...args], {
    WORKSHOP_HINT_STATE: join(scratch, 'hints.json'),
  });
}

describe('pnpm workshop NN --main: deadlock or leak', function () {
  this.timeout(30_000);

  it('reports a deadlock, with exit code 2, when main() itself is blocked for good', async () => {
    const run = await runMain('01-first-channel', 'start');
    expect(run.output).to.include('fatal error: all goroutines are asleep - deadlock!');
    expect(run.exitCode, run.output).to.equal(2);
  });

  it('reports goroutines left blocked after main() returned as leaked, with exit code 0 as in Go', async () => {
    // Exercise 04's start returns the first match and leaves the other workers blocked on a send:
    // a Go program whose main returns exits with code 0 whatever its other goroutines do.
    const run = await runMain('04-stop-the-workers', 'start');
    expect(run.output).to.include('first even: 2');
    expect(run.output).not.to.include('deadlock');
    expect(run.output).to.match(/leaked at exit: main\(\) returned while \d+ goroutines? (was|were) still blocked/);
    expect(run.output).to.include('[chan send] on found');
    expect(run.exitCode, run.output).to.equal(0);
  });
});

describe('pnpm workshop NN: the tests of an exercise', function () {
  this.timeout(30_000);

  it('still prints a summary when a goroutine panics in the middle of the tests', async () => {
    // A panic ends the test process, as it ends a Go test binary (exercise 03's start.ts does
    // it), but the learner still sees which test panicked and how many ran.
    const run = await mocha(join(examplesDir, 'test', 'fixtures', 'workshop-panic.fixture.ts'));
    expect(run.output).to.include('panic: boom');
    expect(run.output).to.include('The test run stopped at a panic in "a panicking exercise panics"');
    expect(run.output).to.include('1 passing, 1 failing, 1 panicked, 1 not run');
    expect(run.exitCode).to.equal(2);
  });
});

describe('pnpm workshop NN --hint', function () {
  this.timeout(30_000);

  it('reads the tiers of hints from the page, in order', () => {
    const hints = hintsOf(readFileSync(pageOf('04-stop-the-workers'), 'utf8'));
    expect(hints.map((hint) => hint.title)).to.deep.equal(['Hint 1: the idea', 'Hint 2: the selects']);
    expect(hints[1]!.text).to.include('trySelect([recv(done)])');
  });

  it('shows the tier asked for, and says where the next one is', async () => {
    const first = await workshop('04', '--hint=1');
    expect(first.output).to.include('Hint 1: the idea (1 of 2)');
    expect(first.output).to.include('pnpm workshop 04 --hint shows the next one');
    expect(first.output).not.to.include('Hint 2');
    const next = await workshop('04', '--hint');
    expect(next.output).to.include('Hint 2: the selects (2 of 2)');
    expect(next.output).to.include('That was the last hint.');
  });

  it('refuses a tier the page does not have', async () => {
    const run = await workshop('04', '--hint=3');
    expect(run.output).to.include('has 2 hints, not a hint 3');
    expect(run.exitCode).to.equal(1);
  });
});

describe("the pages' copy of start.ts", () => {
  it('fills an empty block without taking what follows it', () => {
    const page = [startMarker, '```ts:line-numbers [start.ts]', '```', '', '</div>', '', '```text', 'report', '```', ''].join(
      '\n',
    );
    expect(withStart(page, 'code();\n')).to.equal(
      [startMarker, '```ts:line-numbers [start.ts]', 'code();', '```', '', '</div>', '', '```text', 'report', '```', ''].join(
        '\n',
      ),
    );
  });

  it('is replaced whole, and only it', () => {
    const page = [
      '# Title',
      '',
      startMarker,
      '```ts:line-numbers [start.ts]',
      'old();',
      '```',
      '',
      '```ts',
      'other();',
      '```',
      '',
    ].join('\n');
    const updated = withStart(page, 'new();\n');
    expect(updated).to.include(`${startMarker}\n\`\`\`ts:line-numbers [start.ts]\nnew();\n\`\`\`\n`);
    expect(updated).not.to.include('old();');
    expect(updated).to.include('```ts\nother();\n```');
  });
});
