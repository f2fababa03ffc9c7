// singleflight.Group: x/sync's duplicate call suppression.
import { expect } from 'chai';
import { singleflight } from '@csp/sync';
import { time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { abortedSignal, flush, rejectionOf, stateOf, track } from './helpers.js';

describe('singleflight.Group', () => {
  it('runs fn once for concurrent calls with the same key, and shares the result', () =>
    synctest.test(async () => {
      const g = new singleflight.Group<number>();
      let calls = 0;
      const fn = async (): Promise<number> => {
        calls++;
        await time.sleep(3);
        return 7;
      };
      const results = await Promise.all([g.do('k', fn), g.do('k', fn), g.do('other', fn)]);
      expect(results).to.deep.equal([
        [7, true],
        [7, true],
        [7, false],
      ]);
      expect(calls).to.equal(2);
    }));

  it('runs fn again once the previous flight finished', async () => {
    const g = new singleflight.Group<number>();
    let calls = 0;
    expect(await g.do('k', () => ++calls)).to.deep.equal([1, false]);
    expect(await g.do('k', () => ++calls)).to.deep.equal([2, false]);
  });

  it('rejects every caller of the flight with the error', () =>
    synctest.test(async () => {
      const g = new singleflight.Group<number>();
      const boom = new Error('boom');
      const fn = async (): Promise<number> => {
        await time.sleep(1);
        throw boom;
      };
      const [a, b] = [g.do('k', fn), g.do('k', fn)];
      expect(await rejectionOf(a)).to.equal(boom);
      expect(await rejectionOf(b)).to.equal(boom);
      expect(
        await rejectionOf(
          g.do('k', () => {
            throw boom;
          }),
        ),
      ).to.equal(boom);
    }));

  it('forget makes the next call run fn anew while the old flight goes on', () =>
    synctest.test(async () => {
      const g = new singleflight.Group<string>();
      const first = g.do('k', async () => {
        await time.sleep(3);
        return 'old';
      });
      g.forget('k');
      const second = g.do('k', () => 'new');
      expect(await second).to.deep.equal(['new', false]);
      expect(await first).to.deep.equal(['old', false]);
    }));

  it('an aborted caller leaves; the flight goes on for the others', async () => {
    const g = new singleflight.Group<number>();
    let finish!: (n: number) => void;
    const first = track(g.do('k', () => new Promise<number>((resolve) => (finish = resolve))));
    const controller = new AbortController();
    const aborted = track(g.do('k', () => 0, { signal: controller.signal }));
    controller.abort(new Error('leave'));
    await flush();
    expect(stateOf(aborted)).to.equal('rejected');
    finish(5);
    await flush();
    expect(first.outcome).to.deep.equal({ state: 'resolved', value: [5, true] });
    await rejectionOf(g.do('k', () => 1, { signal: abortedSignal() }));
  });

  it('doChan delivers the Result on a channel', () =>
    synctest.test(async () => {
      const g = new singleflight.Group<number>();
      const a = g.doChan('k', async () => {
        await time.sleep(1);
        return 3;
      });
      const b = g.doChan('k', () => 4);
      expect(await a.recv()).to.deep.equal({ val: 3, err: undefined, shared: true });
      expect(await b.recv()).to.deep.equal({ val: 3, err: undefined, shared: true });
    }));
});
