// The deadlock report covers SharedChan operations: a main thread parked on a shared channel with
// no thread left to complete it is reported as Go reports a deadlock, instead of hanging.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../channel/test/helpers.js';

describe('deadlock report with shared channels', () => {
  it('reports a receive parked on a SharedChan that no thread can complete', async function () {
    this.timeout(30_000);
    const fixture = fileURLToPath(new URL('./fixtures/deadlock-shared.ts', import.meta.url));
    const { code, stderr } = await runProgram(fixture, [], { killAfterMs: 10_000 });
    expect(code, stderr).to.equal(2);
    expect(stderr).to.contain('fatal error: all goroutines are asleep - deadlock!');
    expect(stderr).to.contain('goroutine 1 [chan receive] on results:');
    expect(stderr).to.contain(`${fixture}:6:`);
    expect(stderr).to.not.match(/packages[\\/]threads[\\/]src/);
  });
});
