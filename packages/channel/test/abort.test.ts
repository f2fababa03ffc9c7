// AbortSignal on every blocking call: an aborted call rejects with signal.reason and leaves no trace.
import { expect } from 'chai';
import { getEventListeners } from 'node:events';
import { Chan, recv, select, send, time } from '@csp/channel';
import { abortedSignal, activeTimeouts, flush, track } from './helpers.js';

/** Resolves with what `promise` rejected with; fails the test when it resolves. */
function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
}

describe('abort', () => {
  describe('with an already aborted signal', () => {
    it('every blocking call rejects with signal.reason before anything happens', async () => {
      const reason = new Error('already aborted');
      const signal = abortedSignal(reason);
      // Each of these would complete at once without the signal.
      const buffered = new Chan<number>(1);
      expect(await rejectionOf(buffered.send(1, { signal }))).to.equal(reason);
      expect(buffered.length).to.equal(0);

      buffered.trySend(2);
      expect(await rejectionOf(buffered.recv({ signal }))).to.equal(reason);
      expect(await rejectionOf(buffered.recvOk({ signal }))).to.equal(reason);
      expect(await rejectionOf(select([recv(buffered)], { signal }))).to.equal(reason);
      expect(buffered.length).to.equal(1);

      const empty = new Chan<number>(1);
      expect(await rejectionOf(select([send(empty, 3)], { signal }))).to.equal(reason);
      expect(empty.length).to.equal(0);

      expect(await rejectionOf(time.sleep(1, { signal }))).to.equal(reason);
    });

    it('rejects with the reason, not with SendOnClosedChannelError, on a closed channel', async () => {
      const ch = new Chan<number>();
      ch.close();
      const signal = abortedSignal('why');
      expect(await rejectionOf(ch.send(1, { signal }))).to.equal('why');
      expect(await rejectionOf(select([send(ch, 1)], { signal }))).to.equal('why');
    });

    it('uses the default AbortError reason when none was given', async () => {
      const controller = new AbortController();
      controller.abort();
      const reason = await rejectionOf(new Chan<number>().recv({ signal: controller.signal }));
      expect((reason as Error).name).to.equal('AbortError');
    });
  });

  describe('while parked', () => {
    it('an aborted send delivered nothing', async () => {
      for (const capacity of [0, 1]) {
        const ch = new Chan<number>(capacity);
        if (capacity > 0) await ch.send(0);
        const controller = new AbortController();
        const sent = track(ch.send(1, { signal: controller.signal }));
        await flush();
        expect(ch.senders.size).to.equal(1);
        const reason = new Error('gave up');
        controller.abort(reason);
        await flush();
        expect(sent.outcome).to.deep.equal({ state: 'rejected', reason });
        expect(ch.senders.size).to.equal(0);
        if (capacity > 0) expect(ch.tryRecv()).to.deep.equal([0, true]);
        expect(ch.tryRecv()).to.equal(undefined);
      }
    });

    it('an aborted receive consumed nothing', async () => {
      const ch = new Chan<number>(2);
      const controller = new AbortController();
      const received = track(ch.recv({ signal: controller.signal }));
      const receivedOk = track(ch.recvOk({ signal: controller.signal }));
      await flush();
      controller.abort('stop');
      await flush();
      expect(received.outcome).to.deep.equal({ state: 'rejected', reason: 'stop' });
      expect(receivedOk.outcome).to.deep.equal({ state: 'rejected', reason: 'stop' });
      expect(ch.receivers.size).to.equal(0);
      await ch.send(5);
      expect(ch.length).to.equal(1);
      expect(await ch.recv()).to.equal(5);
    });

    it('an aborted receive leaves the receivers after it in FIFO order', async () => {
      const ch = new Chan<number>();
      const controller = new AbortController();
      const first = track(ch.recv());
      const aborted = track(ch.recv({ signal: controller.signal }));
      const third = track(ch.recv());
      await flush();
      controller.abort('middle');
      ch.trySend(1);
      ch.trySend(3);
      await flush();
      expect(first.outcome).to.deep.equal({ state: 'resolved', value: 1 });
      expect(aborted.outcome).to.deep.equal({ state: 'rejected', reason: 'middle' });
      expect(third.outcome).to.deep.equal({ state: 'resolved', value: 3 });
    });

    it('an aborted select committed no case and left nothing registered', async () => {
      const a = new Chan<number>();
      const b = new Chan<number>(1);
      await b.send(0); // full, so the send case parks
      const timer = time.newTimer(10_000);
      const before = activeTimeouts();
      const controller = new AbortController();
      const selected = track(select([recv(a), send(b, 1), recv(timer.c)], { signal: controller.signal }));
      await flush();
      expect(activeTimeouts()).to.equal(before + 1);
      controller.abort('cancel');
      await flush();
      expect(selected.outcome).to.deep.equal({ state: 'rejected', reason: 'cancel' });
      expect([a.receivers.size, b.senders.size, (timer.c as Chan<Date>).receivers.size]).to.deep.equal([0, 0, 0]);
      expect(activeTimeouts()).to.equal(before);
      expect(a.trySend(1)).to.equal(false);
      expect(b.tryRecv()).to.deep.equal([0, true]);
      expect(b.tryRecv()).to.equal(undefined);
      timer.stop();
    });

    it('an abort after the call completed changes nothing', async () => {
      const ch = new Chan<number>();
      const controller = new AbortController();
      const received = ch.recv({ signal: controller.signal });
      await ch.send(4);
      controller.abort('late');
      expect(await received).to.equal(4);
    });

    it('the abort listener is removed once the call settles', async () => {
      const controller = new AbortController();
      const { signal } = controller;
      const ch = new Chan<number>();
      const pending = [ch.recv({ signal }), ch.send(1, { signal }), select([recv(ch)], { signal })];
      await flush();
      expect(getEventListeners(signal, 'abort').length).to.be.greaterThan(0);
      ch.trySend(2);
      ch.close();
      await Promise.allSettled(pending);
      expect(getEventListeners(signal, 'abort')).to.have.length(0);
    });

    it('many operations sharing one signal add one listener, and one abort undoes them all', async () => {
      const controller = new AbortController();
      const { signal } = controller;
      const channels = Array.from({ length: 1000 }, () => new Chan<number>());
      const pending = channels.map((ch) => track(ch.recv({ signal })));
      expect(getEventListeners(signal, 'abort')).to.have.length(1);
      channels[0]!.trySend(7); // one settles: its link goes, the listener stays for the others
      expect(getEventListeners(signal, 'abort')).to.have.length(1);
      controller.abort('stop');
      await flush();
      expect(pending[0]!.outcome).to.deep.equal({ state: 'resolved', value: 7 });
      for (const p of pending.slice(1)) expect(p.outcome).to.deep.equal({ state: 'rejected', reason: 'stop' });
      expect(channels.every((ch) => ch.receivers.size === 0)).to.equal(true);
      expect(getEventListeners(signal, 'abort')).to.have.length(0);
    });
  });

  describe('time.sleep', () => {
    it('clears its timer and rejects when aborted', async () => {
      await flush(); // mocha arms its own test timeout once the test function has returned
      const before = activeTimeouts();
      const controller = new AbortController();
      const slept = track(time.sleep(10_000, { signal: controller.signal }));
      expect(activeTimeouts()).to.equal(before + 1);
      controller.abort('wake');
      await flush();
      expect(slept.outcome).to.deep.equal({ state: 'rejected', reason: 'wake' });
      expect(activeTimeouts()).to.equal(before);
    });

    it('removes its abort listener when it resolves', async () => {
      const controller = new AbortController();
      await time.sleep(1, { signal: controller.signal });
      expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);
    });
  });
});
