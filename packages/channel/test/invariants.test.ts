// The invariant checker of `test/invariants.ts` (used by the model and property tests) holds on
// sound channels and catches each kind of broken state, so the tests that use it can fail.
import { expect } from 'chai';
import { Chan, recv, select, send } from '@csp/channel';
import { WaitQueue, Waiter } from '@csp/channel/internal';
import { ChanWaiter, WaitKind } from '../src/chan.js';
import { chanViolations, expectChanInvariants, waitQueueViolations } from './invariants.js';
import { flush, track } from './helpers.js';

/** A parked waiter for `ch`, as a blocked call would make (its promise is never awaited). */
function waiter(ch: Chan<number>, kind: WaitKind): ChanWaiter<number> {
  const w = new ChanWaiter<number>(kind, 1, ch);
  void w.park('test', undefined, undefined, () => {});
  return w;
}

describe('channel invariants', () => {
  it('hold when one select waits on an unbuffered channel in both directions', async () => {
    const ch = new Chan<number>();
    const both = track(select([send(ch, 1), recv(ch)]));
    await flush();
    expect([ch.senders.size, ch.receivers.size]).to.deep.equal([1, 1]);
    expectChanInvariants(ch);
    expect(await ch.recv()).to.equal(1);
    await flush();
    expect(both.outcome).to.deep.equal({ state: 'resolved', value: { index: 0, value: undefined, ok: true } });
    expectChanInvariants(ch);
  });

  describe('the checker catches', () => {
    it('parked senders and receivers at once (not one select)', () => {
      const ch = new Chan<number>();
      ch.parkSender(waiter(ch, WaitKind.Send));
      ch.parkReceiver(waiter(ch, WaitKind.Recv));
      expect(chanViolations(ch)).to.include(
        'sendq or recvq is empty, unless one select waits on an unbuffered channel in both directions',
      );
    });

    it('a parked sender while the buffer has room, a parked receiver while it has values', () => {
      const roomy = new Chan<number>(2);
      roomy.parkSender(waiter(roomy, WaitKind.Send));
      expect(chanViolations(roomy)).to.include('room in the buffer implies an empty sendq');
      const full = new Chan<number>(1);
      full.trySend(1);
      full.parkReceiver(waiter(full, WaitKind.Recv));
      expect(chanViolations(full)).to.include('a buffered value implies an empty recvq');
    });

    it('a buffer over capacity', () => {
      const ch = new Chan<number>(1);
      ch.trySend(1);
      ch.sendNow(2);
      expect(chanViolations(ch)).to.include('the buffer holds at most cap (2 > 1)');
    });

    it('parked operations on a closed channel', () => {
      const ch = new Chan<number>();
      ch.close();
      ch.parkSender(waiter(ch, WaitKind.Send));
      expect(chanViolations(ch)).to.include('a closed channel has no parked senders');
    });

    it('a waiter in the wrong queue, a settled one, one of another channel', () => {
      const ch = new Chan<number>();
      const settled = waiter(ch, WaitKind.Recv);
      settled.resolve(0);
      ch.parkReceiver(settled);
      ch.parkReceiver(waiter(ch, WaitKind.Send));
      ch.parkReceiver(waiter(new Chan<number>(), WaitKind.Recv));
      expect(chanViolations(ch)).to.include.members([
        'recvq waiter 0 is unsettled',
        'recvq waiter 1 waits in the queue of its direction',
        'recvq waiter 2 waits on this channel',
      ]);
    });

    it('a corrupt wait queue', () => {
      const queue = new WaitQueue<Waiter<number>>();
      const [a, b] = [new Waiter<number>(), new Waiter<number>()];
      queue.push(a);
      queue.push(b);
      expect(waitQueueViolations(queue)).to.deep.equal([]);
      queue.size = 3;
      b.prev = null;
      expect(waitQueueViolations(queue)).to.deep.equal([
        "node 2's prev is the node before it",
        'size 3 counts the 2 nodes from head',
      ]);
      queue.size = 2;
      b.prev = a;
      a.queue = null;
      queue.tail = a;
      expect(waitQueueViolations(queue)).to.include.members([
        'node 1 belongs to this queue',
        'tail.next is null',
        'tail is the last node from head',
      ]);
    });
  });
});
