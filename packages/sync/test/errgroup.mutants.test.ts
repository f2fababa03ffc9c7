// errgroup's limit removal: the behaviour mutation testing found no test for (see
// mutation/README.md).
import { expect } from 'chai';
import { Group } from '@csp/sync';

describe('errgroup Group (mutants)', () => {
  it('setLimit(-1) removes the limit: tryGo succeeds however many functions run', async () => {
    const g = new Group();
    g.setLimit(1);
    g.setLimit(-1);
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const started = [1, 2, 3].map(() => g.tryGo(() => gate));
    expect(started).to.deep.equal([true, true, true]);
    openGate();
    await g.wait();
  });
});
