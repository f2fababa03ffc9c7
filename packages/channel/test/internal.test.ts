// The building blocks @csp/sync and @csp/patterns reuse: WaitQueue, Waiter and the event-loop budget.
import { expect } from 'chai';
import { getEventListeners } from 'node:events';
import { TURN_BUDGET, WaitQueue, Waiter, completed, failed, parkedOperations, spend } from '@csp/channel/internal';
import { flush, track } from './helpers.js';

describe('internal building blocks', () => {
  describe('WaitQueue', () => {
    it('is FIFO, removes from the middle in O(1), and ignores nodes it does not hold', () => {
      const queue = new WaitQueue<Waiter<number>>();
      const other = new WaitQueue<Waiter<number>>();
      const [a, b, c, d] = [new Waiter<number>(), new Waiter<number>(), new Waiter<number>(), new Waiter<number>()];
      for (const w of [a, b, c]) queue.push(w);
      other.push(d);
      expect(queue.size).to.equal(3);
      expect(queue.remove(b)).to.equal(true);
      expect(queue.remove(b)).to.equal(false);
      expect(queue.remove(d)).to.equal(false);
      expect(queue.size).to.equal(2);
      expect(queue.dequeue()).to.equal(a);
      expect(queue.remove(c)).to.equal(true); // the tail
      expect([queue.size, queue.head, queue.dequeue()]).to.deep.equal([0, null, null]);
      queue.push(b);
      expect(queue.head).to.equal(b);
      expect(other.dequeue()).to.equal(d);
    });
  });

  describe('Waiter', () => {
    it('settles once: later resolve/reject calls are ignored', async () => {
      const w = new Waiter<string>();
      const p = track(w.park('test', 'subject', undefined, () => {}));
      expect(w.settled).to.equal(false);
      w.resolve('first');
      w.resolve('second');
      w.reject(new Error('late'));
      expect(w.settled).to.equal(true);
      await flush();
      expect(p.outcome).to.deep.equal({ state: 'resolved', value: 'first' });
    });

    it('rejects with the given reason', async () => {
      const w = new Waiter<string>();
      const p = track(w.park('test', undefined, null, () => {}));
      const reason = new Error('no');
      w.reject(reason);
      await flush();
      expect(p.outcome).to.deep.equal({ state: 'rejected', reason });
    });

    it('on abort, calls undo once, then rejects with signal.reason and drops its listener', async () => {
      const controller = new AbortController();
      const undone: Waiter<number>[] = [];
      const w = new Waiter<number>();
      const p = track(w.park('test', undefined, controller.signal, (waiter) => undone.push(waiter)));
      controller.abort('why');
      await flush();
      expect(undone).to.deep.equal([w]);
      expect(p.outcome).to.deep.equal({ state: 'rejected', reason: 'why' });
      expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);
    });

    it('ignores an abort after it settled', async () => {
      const controller = new AbortController();
      let undos = 0;
      const w = new Waiter<number>();
      const p = track(w.park('test', undefined, controller.signal, () => undos++));
      w.resolve(1);
      controller.abort();
      await flush();
      expect(undos).to.equal(0);
      expect(p.outcome).to.deep.equal({ state: 'resolved', value: 1 });
    });
  });

  describe('parkedOperations while the deadlock report is off', () => {
    it('records nothing and captures no call site', async () => {
      const w = new Waiter<number>();
      void w.park('chan receive', 'x', undefined, () => {});
      expect(parkedOperations.list()).to.deep.equal([]);
      expect(parkedOperations.callSite()).to.equal(undefined);
      expect(parkedOperations.parkFrom(undefined, () => 5)).to.equal(5);
      w.resolve(0);
    });

    it('disable forgets what was recorded and records nothing more', () => {
      parkedOperations.enable();
      const [recorded, later] = [new Waiter<number>(), new Waiter<number>()];
      void recorded.park('chan receive', 'x', undefined, () => {});
      expect(parkedOperations.list()).to.have.length(1);
      parkedOperations.disable();
      expect(parkedOperations.enabled).to.equal(false);
      expect(parkedOperations.list()).to.deep.equal([]);
      void later.park('chan send', 'y', undefined, () => {});
      expect(parkedOperations.list()).to.deep.equal([]);
      recorded.resolve(0);
      later.resolve(0);
    });
  });

  describe('the event-loop budget', () => {
    it('completes on the next turn once the budget is spent, and at once again after that turn', async () => {
      for (let i = 0; i < TURN_BUDGET; i++) spend(); // whatever was left, it is spent now
      const later = track(completed('later'));
      const laterFailure = track(failed(new Error('later')));
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect(later.outcome.state).to.equal('pending');
      expect(laterFailure.outcome.state).to.equal('pending');
      await flush();
      expect(later.outcome).to.deep.equal({ state: 'resolved', value: 'later' });
      expect(laterFailure.outcome.state).to.equal('rejected');
      const within = track(completed('now')); // the new turn refilled the budget
      await Promise.resolve();
      expect(within.outcome).to.deep.equal({ state: 'resolved', value: 'now' });
    });
  });
});
