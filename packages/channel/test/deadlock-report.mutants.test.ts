// The deadlock report's installation: the behaviour mutation testing found no test for (see
// mutation/README.md).
import { expect } from 'chai';
import { runFixture } from './helpers.js';

describe('enableDeadlockReport (mutants)', () => {
  it('installs its exit hook once, however often it is called', async () => {
    const { code, stdout } = await runFixture('deadlock-enable-twice.ts');
    expect(stdout.trim()).to.equal('hooks added: 1');
    expect(code).to.equal(0);
  });
});
