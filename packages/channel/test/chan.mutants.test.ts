// Chan behaviour mutation testing found no test for (see mutation/README.md).
import { expect } from 'chai';
import { Chan, recv, select, time } from '@csp/channel';
import { synctest } from '@csp/testing';

describe('Chan (mutants)', () => {
  it('a due timer value is received with ok true, even right after a receive that got ok false', () =>
    synctest.test(async () => {
      const timer = time.after(1);
      await time.sleep(10);
      const closed = new Chan<number>();
      closed.close();
      expect(closed.tryRecv()).to.deep.equal([undefined, false]);
      const [value, ok] = timer.tryRecv() ?? [];
      expect(value).to.be.instanceOf(Date);
      expect(ok).to.equal(true);

      const ticker = time.newTicker(1);
      await time.sleep(10);
      expect(await closed.recvOk()).to.deep.equal([undefined, false]);
      const r = await select([recv(ticker.c)]);
      ticker.stop();
      expect(r.ok).to.equal(true);
      expect(r.value).to.be.instanceOf(Date);
    }));
});
