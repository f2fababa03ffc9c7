// The workshop's own machinery (examples/workshop/run.ts, program.ts, support.ts), apart from the
// exercises: what `pnpm workshop NN --main` prints when a program deadlocks or leaks.
import { expect } from 'chai';
import { runMain } from '../workshop/support.js';

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
