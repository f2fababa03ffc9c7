// select / trySelect: typing, readiness, random choice, exactly one commit, clean losers.
import { expect } from 'chai';
import { Chan, SendOnClosedChannelError, recv, select, send, trySelect, type SelectResult } from '@csp/channel';
import { flush, isPending, track } from './helpers.js';

/** Whether no case of a select is left on `channels`. */
function nothingRegistered(...channels: Chan<any>[]): boolean {
  return channels.every((ch) => ch.receivers.size === 0 && ch.senders.size === 0);
}

describe('select', () => {
  describe('typing', () => {
    it('narrows r.value per case with switch (r.index)', async () => {
      const numbers = new Chan<number>(1);
      const words = new Chan<string>(1);
      const flags = new Chan<boolean>(1);
      await words.send('w');
      const r = await select([recv(numbers), recv(words), send(flags, true)]);
      let seen: string;
      switch (r.index) {
        case 0: {
          const n: number | undefined = r.value;
          // @ts-expect-error: case 0 receives numbers, not strings.
          const wrong: string | undefined = r.value;
          seen = `number ${String(n)} ${String(wrong)}`;
          break;
        }
        case 1: {
          const s: string | undefined = r.value;
          // @ts-expect-error: case 1 receives strings, not numbers.
          const wrong: number | undefined = r.value;
          seen = `string ${String(s)} ${String(wrong)}`;
          break;
        }
        case 2: {
          const sent: undefined = r.value;
          seen = `sent ${String(sent)}`;
          break;
        }
        default: {
          const impossible: never = r;
          seen = String(impossible);
        }
      }
      expect(seen).to.be.oneOf(['string w w', 'sent undefined']);
      expect(r.ok).to.be.a('boolean');
    });

    it('types a select over an array of cases built at run time', async () => {
      const channels = [new Chan<number>(1), new Chan<number>(1)];
      channels[1]!.trySend(4);
      const r = await select(channels.map((ch) => recv(ch)));
      const index: number = r.index;
      const value: number | undefined = r.value;
      expect([index, value]).to.deep.equal([1, 4]);
    });

    it('types trySelect as the same result or undefined', () => {
      const ch = new Chan<number>(1);
      ch.trySend(3);
      const r: SelectResult<[ReturnType<typeof recv<number>>]> | undefined = trySelect([recv(ch)]);
      expect(r).to.deep.equal({ index: 0, value: 3, ok: true });
    });
  });

  describe('ready cases', () => {
    it('commits a ready receive with { index, value, ok: true }', async () => {
      const a = new Chan<number>(1);
      const b = new Chan<number>(1);
      await b.send(2);
      expect(await select([recv(a), recv(b)])).to.deep.equal({ index: 1, value: 2, ok: true });
      expect(nothingRegistered(a, b)).to.equal(true);
    });

    it('commits a ready send with { index, value: undefined, ok: true }', async () => {
      const a = new Chan<number>();
      const b = new Chan<number>(1);
      expect(await select([send(a, 1), send(b, 2)])).to.deep.equal({ index: 1, value: undefined, ok: true });
      expect(b.tryRecv()).to.deep.equal([2, true]);
      expect(nothingRegistered(a, b)).to.equal(true);
    });

    it('receives from a closed channel with ok false', async () => {
      const ch = new Chan<number>();
      ch.close();
      expect(await select([recv(ch)])).to.deep.equal({ index: 0, value: undefined, ok: false });
    });

    it('takes a parked sender’s value and completes that send', async () => {
      const ch = new Chan<string>();
      const sent = track(ch.send('s'));
      await flush();
      expect(await select([recv(ch)])).to.deep.equal({ index: 0, value: 's', ok: true });
      await flush();
      expect(sent.outcome.state).to.equal('resolved');
    });

    it('commits exactly one of several ready cases', async () => {
      for (let trial = 0; trial < 50; trial++) {
        const channels = [new Chan<number>(1), new Chan<number>(1), new Chan<number>(1)];
        for (const ch of channels) ch.trySend(1);
        await select(channels.map((ch) => recv(ch)));
        expect(channels.map((ch) => ch.length).sort()).to.deep.equal([0, 1, 1]);
      }
    });

    it('chooses among ready cases at random, each often', async () => {
      const channels = [new Chan<number>(1), new Chan<number>(1), new Chan<number>(1)];
      const counts = [0, 0, 0];
      for (let trial = 0; trial < 3000; trial++) {
        for (const ch of channels) ch.trySend(trial);
        const r = await select(channels.map((ch) => recv(ch)));
        counts[r.index]!++;
      }
      for (const count of counts) expect(count).to.be.within(800, 1200);
    });
  });

  describe('parked select', () => {
    it('commits the first case a counterpart completes and unregisters the others at once', async () => {
      const a = new Chan<number>();
      const b = new Chan<number>();
      const c = new Chan<number>();
      const selected = track(select([recv(a), recv(b), send(c, 3)]));
      await flush();
      expect([a.receivers.size, b.receivers.size, c.senders.size]).to.deep.equal([1, 1, 1]);
      expect(b.trySend(20)).to.equal(true);
      expect(nothingRegistered(a, b, c)).to.equal(true);
      // The losers are gone: nobody takes these any more.
      expect(a.trySend(10)).to.equal(false);
      expect(c.tryRecv()).to.equal(undefined);
      await flush();
      expect(selected.outcome).to.deep.equal({ state: 'resolved', value: { index: 1, value: 20, ok: true } });
    });

    it('commits a send case when a receiver comes', async () => {
      const a = new Chan<number>();
      const out = new Chan<number>();
      const selected = track(select([recv(a), send(out, 5)]));
      await flush();
      expect(await out.recv()).to.equal(5);
      await flush();
      expect(selected.outcome).to.deep.equal({ state: 'resolved', value: { index: 1, value: undefined, ok: true } });
      expect(nothingRegistered(a, out)).to.equal(true);
    });

    it('commits a receive case with ok false when its channel is closed', async () => {
      const a = new Chan<number>();
      const b = new Chan<number>();
      const selected = track(select([recv(a), recv(b)]));
      await flush();
      a.close();
      await flush();
      expect(selected.outcome).to.deep.equal({ state: 'resolved', value: { index: 0, value: undefined, ok: false } });
      expect(nothingRegistered(a, b)).to.equal(true);
    });

    it('rejects when a send case’s channel is closed, and unregisters the others', async () => {
      const a = new Chan<number>();
      const b = new Chan<number>();
      const selected = track(select([recv(a), send(b, 1)]));
      await flush();
      b.close();
      await flush();
      expect(selected.outcome.state).to.equal('rejected');
      expect((selected.outcome as { reason: unknown }).reason).to.be.instanceOf(SendOnClosedChannelError);
      expect(nothingRegistered(a, b)).to.equal(true);
    });

    it('registers two cases on one channel once each and commits only one', async () => {
      const ch = new Chan<number>();
      const selected = track(select([recv(ch), recv(ch)]));
      await flush();
      expect(ch.receivers.size).to.equal(2);
      ch.trySend(1);
      expect(ch.receivers.size).to.equal(0);
      expect(ch.trySend(2)).to.equal(false);
      await flush();
      expect((selected.outcome as { value: { value: number } }).value.value).to.equal(1);
    });

    it('does not match its own send and receive on one unbuffered channel', async () => {
      const ch = new Chan<number>();
      const selected = track(select([send(ch, 1), recv(ch)]));
      await flush();
      expect(selected.outcome.state).to.equal('pending');
      expect(await ch.recv()).to.equal(1);
      await flush();
      expect(selected.outcome).to.deep.equal({ state: 'resolved', value: { index: 0, value: undefined, ok: true } });
      expect(nothingRegistered(ch)).to.equal(true);
    });
  });

  describe('nil channel cases', () => {
    it('are never chosen', async () => {
      const ready = new Chan<number>(1);
      for (let i = 0; i < 100; i++) {
        ready.trySend(i);
        const r = await select([recv(null), send(null, 0), recv(ready)]);
        expect(r.index).to.equal(2);
      }
      expect(trySelect([recv(null), send(null, 1)])).to.equal(undefined);
    });

    it('block forever when they are all there is', async () => {
      const controller = new AbortController();
      const selected = select([recv(null), send(null, 1)], { signal: controller.signal });
      expect(await isPending(selected)).to.equal(true);
      controller.abort(new Error('end'));
      await selected.then(
        () => expect.fail('resolved'),
        (e: Error) => expect(e.message).to.equal('end'),
      );
    });
  });

  describe('send case on a closed channel', () => {
    it('is ready and throws SendOnClosedChannelError when chosen', async () => {
      const closed = new Chan<number>();
      closed.close();
      const error = await select([send(closed, 1)]).then(
        () => expect.fail('resolved'),
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(SendOnClosedChannelError);
      expect(() => trySelect([send(closed, 1)])).to.throw(SendOnClosedChannelError, 'send on closed channel');
    });

    it('competes at random with the other ready cases, as in Go', async () => {
      const closed = new Chan<number>();
      closed.close();
      const ready = new Chan<number>(1);
      let threw = 0;
      let received = 0;
      for (let i = 0; i < 400; i++) {
        ready.trySend(i);
        try {
          await select([send(closed, 1), recv(ready)]);
          received++;
          // The receive committed: the value was consumed.
          expect(ready.length).to.equal(0);
        } catch (error) {
          expect(error).to.be.instanceOf(SendOnClosedChannelError);
          threw++;
          // The send case threw: the other case committed nothing.
          expect(ready.length).to.equal(1);
          ready.tryRecv();
        }
      }
      expect(threw).to.be.within(120, 280);
      expect(received).to.equal(400 - threw);
    });
  });

  it('select([]) blocks forever, until its signal aborts', async () => {
    const controller = new AbortController();
    const selected = select([], { signal: controller.signal });
    expect(await isPending(selected)).to.equal(true);
    const reason = new Error('stop waiting');
    controller.abort(reason);
    expect(await selected.catch((e: unknown) => e)).to.equal(reason);
  });

  describe('trySelect', () => {
    it('returns undefined (Go’s default) when no case is ready, and registers nothing', () => {
      const a = new Chan<number>();
      const b = new Chan<number>(1);
      b.trySend(1);
      expect(trySelect([recv(a), send(b, 2)])).to.equal(undefined);
      expect(trySelect([])).to.equal(undefined);
      expect(nothingRegistered(a, b)).to.equal(true);
      expect(b.length).to.equal(1);
    });

    it('commits one ready case synchronously', () => {
      const a = new Chan<number>(1);
      const b = new Chan<number>(1);
      expect(trySelect([recv(a), send(b, 7)])).to.deep.equal({ index: 1, value: undefined, ok: true });
      expect(b.tryRecv()).to.deep.equal([7, true]);
    });
  });
});
