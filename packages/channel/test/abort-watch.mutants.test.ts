// watchAbort, the one `abort` listener per signal that every parked operation shares: the
// behaviour mutation testing found no test for (see mutation/README.md).
import { expect } from 'chai';
import { getEventListeners } from 'node:events';
import { watchAbort } from '@csp/channel/internal';

describe('watchAbort (mutants)', () => {
  it('unlink after the abort, or a second time, does nothing', () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    const link = watchAbort(controller.signal, (reason) => seen.push(reason));
    const reason = new Error('stop');
    controller.abort(reason);
    expect(seen).to.deep.equal([reason]);
    expect(() => link.unlink()).to.not.throw();
    const other = new AbortController();
    const twice = watchAbort(other.signal, () => seen.push('twice'));
    twice.unlink();
    expect(() => twice.unlink()).to.not.throw();
    other.abort();
    expect(seen).to.deep.equal([reason]);
  });

  it('shares one listener per signal and removes it with the last link', () => {
    const controller = new AbortController();
    const links = [1, 2, 3].map(() => watchAbort(controller.signal, () => {}));
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(1);
    links[0]!.unlink();
    links[2]!.unlink();
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(1);
    links[1]!.unlink();
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);
    const again = watchAbort(controller.signal, () => {});
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(1);
    again.unlink();
  });
});
