// Chan basics: construction, len/cap, unbuffered rendezvous, buffered hand-off, FIFO of parked
// senders and receivers, the try forms and the free `send`/`recv` forms (incl. the nil channel).
import { expect } from 'chai';
import { Chan, cap, len, recv, send, type Receiver, type Sender } from '@csp/channel';
import { flush, isPending, track } from './helpers.js';

describe('Chan', () => {
  describe('new Chan(capacity)', () => {
    it('makes an unbuffered channel by default and a buffered one for n > 0', () => {
      expect(new Chan<number>().capacity).to.equal(0);
      expect(new Chan<number>(0).capacity).to.equal(0);
      expect(new Chan<number>(3).capacity).to.equal(3);
    });

    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53]) {
      it(`throws a plain RangeError for capacity ${String(bad)}`, () => {
        let thrown: unknown;
        try {
          new Chan<number>(bad);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).to.be.instanceOf(RangeError);
        expect((thrown as Error).constructor).to.equal(RangeError);
        expect((thrown as Error).message).to.match(/^makechan: size out of range/);
        expect((thrown as Error).message).to.contain('non-negative integer');
      });
    }

    it('keeps the optional name', () => {
      expect(new Chan<number>(0, { name: 'jobs' }).name).to.equal('jobs');
      expect(new Chan<number>().name).to.equal(undefined);
    });
  });

  describe('len and cap', () => {
    it('count buffered values and report the capacity, also as length/capacity', async () => {
      const ch = new Chan<string>(3);
      expect([len(ch), cap(ch), ch.length, ch.capacity]).to.deep.equal([0, 3, 0, 3]);
      await ch.send('a');
      await ch.send('b');
      expect([len(ch), cap(ch), ch.length]).to.deep.equal([2, 3, 2]);
      await ch.recv();
      expect(len(ch)).to.equal(1);
    });

    it('are 0 for an unbuffered channel, even with a parked sender', async () => {
      const ch = new Chan<number>();
      const sent = track(ch.send(1));
      await flush();
      expect(sent.outcome.state).to.equal('pending');
      expect([len(ch), cap(ch)]).to.deep.equal([0, 0]);
      await ch.recv();
    });

    it('are 0 for the nil channel', () => {
      expect(len(null)).to.equal(0);
      expect(cap(null)).to.equal(0);
    });
  });

  describe('unbuffered rendezvous', () => {
    it('settles a send only once a receiver took the value', async () => {
      const ch = new Chan<number>();
      const sent = track(ch.send(42));
      await flush();
      expect(sent.outcome.state).to.equal('pending');
      expect(ch.senders.size).to.equal(1);
      expect(await ch.recv()).to.equal(42);
      await flush();
      expect(sent.outcome.state).to.equal('resolved');
      expect(ch.senders.size).to.equal(0);
    });

    it('hands a send straight to a parked receiver', async () => {
      const ch = new Chan<number>();
      const received = track(ch.recv());
      await flush();
      expect(received.outcome.state).to.equal('pending');
      await ch.send(7);
      await flush();
      expect(received.outcome).to.deep.equal({ state: 'resolved', value: 7 });
      expect(ch.receivers.size).to.equal(0);
    });

    it('blocks a receive until a sender comes', async () => {
      const ch = new Chan<number>();
      expect(await isPending(ch.recv())).to.equal(true);
    });
  });

  describe('buffered channel', () => {
    it('settles sends at once while there is room, then parks', async () => {
      const ch = new Chan<number>(2);
      await ch.send(1);
      await ch.send(2);
      const third = track(ch.send(3));
      await flush();
      expect(third.outcome.state).to.equal('pending');
      expect(len(ch)).to.equal(2);
    });

    it('hands a value straight to a parked receiver without buffering it', async () => {
      const ch = new Chan<number>(2);
      const received = track(ch.recv());
      await flush();
      await ch.send(5);
      expect(len(ch)).to.equal(0);
      await flush();
      expect(received.outcome).to.deep.equal({ state: 'resolved', value: 5 });
    });

    it('on a receive from a full buffer with parked senders, takes the head and moves the first parked sender in', async () => {
      const ch = new Chan<number>(2);
      await ch.send(1);
      await ch.send(2);
      const s3 = track(ch.send(3));
      const s4 = track(ch.send(4));
      await flush();
      expect(await ch.recv()).to.equal(1);
      await flush();
      expect(len(ch)).to.equal(2);
      expect(s3.outcome.state).to.equal('resolved');
      expect(s4.outcome.state).to.equal('pending');
      expect(ch.senders.size).to.equal(1);
      expect(await ch.recv()).to.equal(2);
      await flush();
      expect(s4.outcome.state).to.equal('resolved');
      expect([await ch.recv(), await ch.recv()]).to.deep.equal([3, 4]);
      expect(len(ch)).to.equal(0);
    });

    it('keeps FIFO order across wrap-around of its storage', async () => {
      const ch = new Chan<number>(3);
      const out: number[] = [];
      await ch.send(0);
      await ch.send(1);
      for (let i = 2; i < 20; i++) {
        await ch.send(i);
        out.push((await ch.recv())!);
      }
      while (len(ch) > 0) out.push((await ch.recv())!);
      expect(out).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
    });
  });

  describe('FIFO of parked operations', () => {
    it('serves parked receivers in the order they parked', async () => {
      const ch = new Chan<number>();
      const receivers = [0, 1, 2, 3, 4].map(() => track(ch.recv()));
      await flush();
      for (const v of [10, 11, 12, 13, 14]) await ch.send(v);
      await flush();
      expect(receivers.map((r) => r.outcome)).to.deep.equal([10, 11, 12, 13, 14].map((value) => ({ state: 'resolved', value })));
    });

    it('serves parked senders in the order they parked', async () => {
      const ch = new Chan<number>(1);
      await ch.send(0);
      const senders = [1, 2, 3, 4].map((v) => track(ch.send(v)));
      await flush();
      const got: (number | undefined)[] = [];
      for (let i = 0; i < 5; i++) got.push(await ch.recv());
      expect(got).to.deep.equal([0, 1, 2, 3, 4]);
      await flush();
      expect(senders.every((s) => s.outcome.state === 'resolved')).to.equal(true);
    });
  });

  describe('recvOk', () => {
    it('resolves with [value, true] for a sent value, also a sent undefined', async () => {
      const ch = new Chan<number | undefined>(2);
      await ch.send(1);
      await ch.send(undefined);
      expect(await ch.recvOk()).to.deep.equal([1, true]);
      expect(await ch.recvOk()).to.deep.equal([undefined, true]);
    });

    it('takes a parked sender’s value with ok true', async () => {
      const ch = new Chan<string>();
      const sent = ch.send('x');
      expect(await ch.recvOk()).to.deep.equal(['x', true]);
      await sent;
    });

    it('parks until a value comes', async () => {
      const ch = new Chan<string>();
      const received = track(ch.recvOk());
      await flush();
      expect(received.outcome.state).to.equal('pending');
      ch.trySend('late');
      await flush();
      expect(received.outcome).to.deep.equal({ state: 'resolved', value: ['late', true] });
    });
  });

  describe('trySend and tryRecv', () => {
    it('trySend returns false and sends nothing when it would block', () => {
      const unbuffered = new Chan<number>();
      expect(unbuffered.trySend(1)).to.equal(false);
      expect(unbuffered.tryRecv()).to.equal(undefined);
      const full = new Chan<number>(1);
      expect(full.trySend(1)).to.equal(true);
      expect(full.trySend(2)).to.equal(false);
      expect(full.tryRecv()).to.deep.equal([1, true]);
      expect(full.tryRecv()).to.equal(undefined);
    });

    it('trySend hands the value to a parked receiver', async () => {
      const ch = new Chan<number>();
      const received = track(ch.recv());
      await flush();
      expect(ch.trySend(9)).to.equal(true);
      await flush();
      expect(received.outcome).to.deep.equal({ state: 'resolved', value: 9 });
    });

    it('tryRecv takes a parked sender’s value and completes that send', async () => {
      const ch = new Chan<number>();
      const sent = track(ch.send(3));
      await flush();
      expect(ch.tryRecv()).to.deep.equal([3, true]);
      await flush();
      expect(sent.outcome.state).to.equal('resolved');
    });
  });

  describe('free send and recv', () => {
    it('are awaitable on their own, like ch.send and ch.recv', async () => {
      const ch = new Chan<number>(1);
      await send(ch, 5);
      expect(len(ch)).to.equal(1);
      expect(await recv(ch)).to.equal(5);
    });

    it('rendezvous on an unbuffered channel', async () => {
      const ch = new Chan<string>();
      const sent = track(Promise.resolve(send(ch, 'hi')));
      await flush();
      expect(sent.outcome.state).to.equal('pending');
      expect(await recv(ch)).to.equal('hi');
      await flush();
      expect(sent.outcome.state).to.equal('resolved');
    });

    it('pass rejections on to the awaiting code', async () => {
      const ch = new Chan<number>();
      ch.close();
      const caught = await Promise.resolve(send(ch, 1)).then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      expect(caught).to.equal('send on closed channel');
    });

    it('block forever on the nil channel', async () => {
      expect(await isPending(Promise.resolve(recv(null)))).to.equal(true);
      expect(await isPending(Promise.resolve(send(null, 1)))).to.equal(true);
    });
  });

  describe('Sender and Receiver types', () => {
    it('accept a Chan as either side', async () => {
      const produce = async (out: Sender<number>): Promise<void> => {
        await out.send(1);
        out.close();
      };
      const consume = async (input: Receiver<number>): Promise<number[]> => {
        const got: number[] = [];
        for await (const v of input) got.push(v);
        return got;
      };
      const ch = new Chan<number>(1);
      const [, got] = await Promise.all([produce(ch), consume(ch)]);
      expect(got).to.deep.equal([1]);
    });
  });
});
