// A mocha root-hook plugin for `pnpm workshop NN` (loaded by examples/workshop/.mocharc.json): a
// goroutine's panic ends the test process at once, as it ends a Go test binary, before mocha can
// print its summary. This prints one instead, from the process's `exit` event: which test was
// running when the panic came, and how many passed, failed or did not run.
import type { Context, RootHookObject, Test } from 'mocha';

let total = 0;
let passed = 0;
let failed = 0;
let running: Test | undefined;

/** The summary printed when the process exits while a test is still running. */
function summarize(): void {
  if (running === undefined) return;
  const notRun = total - passed - failed - 1;
  process.stdout.write(
    [
      '',
      `The test run stopped at a panic in "${running.fullTitle()}" (its message is above).`,
      `${passed} passing, ${failed} failing, 1 panicked, ${notRun} not run`,
      '',
    ].join('\n'),
  );
}

export const mochaHooks: RootHookObject = {
  beforeAll(this: Context) {
    let root = this.test?.parent;
    while (root?.parent !== undefined) root = root.parent;
    total = root?.total() ?? 0;
    process.on('exit', summarize);
  },
  beforeEach(this: Context) {
    running = this.currentTest;
  },
  afterEach(this: Context) {
    if (this.currentTest?.state === 'passed') passed++;
    else if (this.currentTest?.state === 'failed') failed++;
    running = undefined;
  },
};
