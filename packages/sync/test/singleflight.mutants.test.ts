// singleflight after forget: the behaviour mutation testing found no test for (see
// mutation/README.md).
import { expect } from 'chai';
import { singleflight } from '@csp/sync';
import { flush } from './helpers.js';

describe('singleflight.Group (mutants)', () => {
  it('a forgotten flight that ends does not drop the newer flight for its key', async () => {
    const g = new singleflight.Group<string>();
    let finishOld!: (v: string) => void;
    let finishNew!: (v: string) => void;
    const old = g.do('k', () => new Promise<string>((resolve) => (finishOld = resolve)));
    g.forget('k');
    let runs = 0;
    const newer = g.do('k', () => {
      runs++;
      return new Promise<string>((resolve) => (finishNew = resolve));
    });
    finishOld('old');
    expect(await old).to.deep.equal(['old', false]);
    await flush();
    // The newer flight is still the one in progress for 'k': a third caller joins it.
    const joined = g.do('k', () => {
      runs++;
      return 'third';
    });
    finishNew('new');
    expect(await newer).to.deep.equal(['new', true]);
    expect(await joined).to.deep.equal(['new', true]);
    expect(runs).to.equal(1);
  });
});
