import { expect } from 'chai';
import { Chan, go, time } from '@csp/channel';
import { synctest } from '@csp/testing';

describe('smoke', () => {
  it('sleeps an hour', async () => {
    const t0 = Date.now();
    const r = await synctest.test(async () => {
      const start = time.now();
      await time.sleep(time.hour);
      return time.since(start);
    });
    expect(r).to.equal(time.hour);
    console.log('real', Date.now() - t0);
  });
  it('deadlock', async () => {
    const err = await synctest.test(async () => {
      const ch = new Chan<number>(0, { name: 'jobs' });
      go(async () => { await ch.recv(); });
      await ch.recv();
    }).catch((e: unknown) => e);
    console.log(String(err));
  });
});
