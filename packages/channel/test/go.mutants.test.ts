// How a panicking goroutine crashes the process: the behaviour mutation testing found no test
// for (see mutation/README.md).
import { expect } from 'chai';
import { fixturePath, runFixture } from './helpers.js';

describe('go panics (mutants)', () => {
  it('prints the stack of a thrown Error after the panic line', async () => {
    const { code, stderr } = await runFixture('go-panic.ts', ['sync']);
    expect(code).to.equal(2);
    expect(stderr).to.contain('panic: boom sync\n\nError: boom sync\n    at ');
    expect(stderr).to.contain(fixturePath('go-panic.ts'));
  });

  it('crashes with exit code 2 and `panic: null` when a goroutine throws null', async () => {
    const { code, stderr } = await runFixture('go-panic-null.ts');
    expect(stderr.startsWith('panic: null\n'), stderr).to.equal(true);
    expect(code).to.equal(2);
  });
});
