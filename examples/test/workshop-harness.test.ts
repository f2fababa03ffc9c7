// The workshop's own machinery (examples/workshop/run.ts, program.ts, support.ts), apart from the
// exercises: what `pnpm workshop NN --main` prints when a program deadlocks or leaks.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { examplesDir } from '../shared/examples.js';
import { runMain } from '../workshop/support.js';

/** Runs `pnpm workshop <args>` (examples/workshop/run.ts); resolves with its exit code and output. */
function workshop(...args: string[]): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@csp/source', '--import=tsx/esm', join(examplesDir, 'workshop', 'run.ts'), ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
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
    // Exercise 03's start closes a channel twice: the panic ends the test process, as it ends a
    // Go test binary, but the learner still sees which test panicked and how many ran.
    const run = await workshop('03');
    expect(run.output).to.include('panic: ');
    expect(run.output).to.match(/The test run stopped at a panic in "workshop 03: close once [^"]+"/);
    expect(run.output).to.match(/\d+ passing, \d+ failing, 1 panicked, \d+ not run/);
    expect(run.exitCode).to.equal(2);
  });
});
