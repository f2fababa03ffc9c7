// How a channel shows itself: `Object.prototype.toString`, `util.inspect` and `console.log`.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { Chan } from '@csp/channel';
import { flush, track } from './helpers.js';

describe('inspecting a Chan', () => {
  it('has the tag Chan', () => {
    expect(Object.prototype.toString.call(new Chan<number>())).to.equal('[object Chan]');
    expect(String(new Chan<number>())).to.equal('[object Chan]');
  });

  it('shows its name and public state, not its private fields', async () => {
    const jobs = new Chan<number>(10, { name: 'jobs' });
    for (let i = 0; i < 3; i++) jobs.trySend(i);
    expect(inspect(jobs)).to.equal('Chan<jobs> { len: 3, cap: 10, closed: false, recvWaiting: 0, sendWaiting: 0 }');

    const results = new Chan<string>();
    const receivers = [track(results.recv()), track(results.recv())];
    expect(inspect(results)).to.equal('Chan { len: 0, cap: 0, closed: false, recvWaiting: 2, sendWaiting: 0 }');
    results.close();
    await flush();
    expect(receivers.map((r) => r.outcome.state)).to.deep.equal(['resolved', 'resolved']);
    expect(inspect(results)).to.equal('Chan { len: 0, cap: 0, closed: true, recvWaiting: 0, sendWaiting: 0 }');
  });

  it('inside other values too', () => {
    const ch = new Chan<number>(1, { name: 'x' });
    expect(inspect({ ch }, { breakLength: Infinity })).to.equal(
      '{ ch: Chan<x> { len: 0, cap: 1, closed: false, recvWaiting: 0, sendWaiting: 0 } }',
    );
  });
});
