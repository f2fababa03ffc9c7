// close(ch): receivers drain then get undefined forever, senders fail with Go's panic texts.
import { expect } from 'chai';
import { Chan, CloseOfClosedChannelError, CloseOfNilChannelError, SendOnClosedChannelError, close, len } from '@csp/channel';
import { flush, track } from './helpers.js';

/** Runs `fn` and returns what it threw (fails the test when it throws nothing). */
function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  expect.fail('expected a throw');
}

describe('close', () => {
  it('lets receivers drain the buffer, then gives undefined / [undefined, false] forever', async () => {
    const ch = new Chan<number>(3);
    await ch.send(1);
    await ch.send(2);
    ch.close();
    expect(len(ch)).to.equal(2);
    expect(await ch.recv()).to.equal(1);
    expect(await ch.recvOk()).to.deep.equal([2, true]);
    for (let i = 0; i < 3; i++) {
      expect(await ch.recv()).to.equal(undefined);
      expect(await ch.recvOk()).to.deep.equal([undefined, false]);
      expect(ch.tryRecv()).to.deep.equal([undefined, false]);
    }
  });

  it('wakes every parked receiver with undefined / [undefined, false]', async () => {
    const ch = new Chan<number>();
    const a = track(ch.recv());
    const b = track(ch.recvOk());
    const c = track(ch[Symbol.asyncIterator]().next());
    await flush();
    expect(ch.receivers.size).to.equal(3);
    ch.close();
    await flush();
    expect(a.outcome).to.deep.equal({ state: 'resolved', value: undefined });
    expect(b.outcome).to.deep.equal({ state: 'resolved', value: [undefined, false] });
    expect(c.outcome).to.deep.equal({ state: 'resolved', value: { value: undefined, done: true } });
    expect(ch.receivers.size).to.equal(0);
  });

  it('rejects every parked sender with SendOnClosedChannelError', async () => {
    for (const capacity of [0, 2]) {
      const ch = new Chan<number>(capacity);
      for (let i = 0; i < capacity; i++) await ch.send(i);
      const parked = [track(ch.send(10)), track(ch.send(11))];
      await flush();
      expect(ch.senders.size).to.equal(2);
      ch.close();
      await flush();
      for (const p of parked) {
        expect(p.outcome.state).to.equal('rejected');
        const reason = (p.outcome as { reason: unknown }).reason;
        expect(reason).to.be.instanceOf(SendOnClosedChannelError);
        expect((reason as Error).message).to.equal('send on closed channel');
      }
      expect(ch.senders.size).to.equal(0);
      // The values buffered before close are still received; the rejected ones never are.
      for (let i = 0; i < capacity; i++) expect(await ch.recvOk()).to.deep.equal([i, true]);
      expect(await ch.recvOk()).to.deep.equal([undefined, false]);
    }
  });

  it('makes every later send reject and trySend throw', async () => {
    const ch = new Chan<number>(5);
    close(ch);
    const error = await ch.send(1).then(
      () => expect.fail('send on a closed channel resolved'),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(SendOnClosedChannelError);
    const thrown = thrownBy(() => ch.trySend(1));
    expect(thrown).to.be.instanceOf(SendOnClosedChannelError);
    expect(thrown.name).to.equal('SendOnClosedChannelError');
    expect(len(ch)).to.equal(0);
  });

  it('throws CloseOfClosedChannelError when closed twice', () => {
    const ch = new Chan<number>();
    ch.close();
    const thrown = thrownBy(() => ch.close());
    expect(thrown).to.be.instanceOf(CloseOfClosedChannelError);
    expect(thrown.message).to.equal('close of closed channel');
    expect(thrown.name).to.equal('CloseOfClosedChannelError');
    expect(thrownBy(() => close(ch))).to.be.instanceOf(CloseOfClosedChannelError);
  });

  it('throws CloseOfNilChannelError for close(null)', () => {
    const thrown = thrownBy(() => close(null));
    expect(thrown).to.be.instanceOf(CloseOfNilChannelError);
    expect(thrown).to.be.instanceOf(Error);
    expect(thrown.message).to.equal('close of nil channel');
    expect(thrown.name).to.equal('CloseOfNilChannelError');
  });

  it('the free close closes the channel like ch.close', async () => {
    const ch = new Chan<string>(1);
    await ch.send('last');
    close(ch);
    expect(await ch.recvOk()).to.deep.equal(['last', true]);
    expect(await ch.recvOk()).to.deep.equal([undefined, false]);
  });
});
