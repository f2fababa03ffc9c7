// setRandomSource, the seam a schedule-replaying harness uses to steer select: the behaviour
// mutation testing found no test for (see mutation/README.md).
import { expect } from 'chai';
import { Chan, recv, trySelect } from '@csp/channel';
import { random, setRandomSource } from '@csp/channel/internal';

/** Three buffered channels, each with a value ready. */
function ready(): Chan<number>[] {
  return [0, 1, 2].map((i) => {
    const ch = new Chan<number>(1);
    ch.trySend(i);
    return ch;
  });
}

describe('setRandomSource (mutants)', () => {
  afterEach(() => setRandomSource(null));

  it('steers which ready case select takes, and null restores Math.random', () => {
    setRandomSource(() => 0);
    expect(trySelect(ready().map((ch) => recv(ch)))?.index).to.equal(0);
    setRandomSource(() => 0.99);
    expect(trySelect(ready().map((ch) => recv(ch)))?.index).to.equal(2);
    expect(random()).to.equal(0.99);

    setRandomSource(null);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(random());
    expect(seen.size).to.be.above(100);
    const picked = new Set<number | undefined>();
    for (let i = 0; i < 100; i++) picked.add(trySelect(ready().map((ch) => recv(ch)))?.index);
    expect([...picked].sort()).to.deep.equal([0, 1, 2]);
  });
});
