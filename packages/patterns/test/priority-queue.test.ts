// PriorityQueue: highest priority first, FIFO among equals, blocking dequeue that ends on close,
// a channel for select and pipelines, aging against starvation.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan, CloseOfClosedChannelError, recv, select, time } from '@csp/channel';
import { EnqueueOnClosedQueueError, map, pipeline, PriorityQueue } from '@csp/patterns';
import { synctest } from '@csp/testing';
import { collect, flush, thrownBy, track } from './helpers.js';

describe('PriorityQueue', () => {
  it('dequeues by priority, FIFO among equal priorities (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 40 }), async (priorities) => {
        const queue = new PriorityQueue<number>();
        priorities.forEach((priority, i) => queue.enqueue(i, priority));
        queue.close();
        const order = await collect(queue);
        const expected = priorities
          .map((priority, i) => ({ priority, i }))
          .sort((a, b) => b.priority - a.priority || a.i - b.i)
          .map(({ i }) => i);
        expect(order).to.deep.equal(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps priority order when values arrive while receivers wait (interleaved property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 30 }), async (steps) => {
        const queue = new PriorityQueue<number>();
        const pending: number[] = [];
        for (const [priority, take] of steps) {
          queue.enqueue(priority, priority);
          pending.push(priority);
          if (take) {
            const [value] = await queue.dequeue();
            const best = Math.max(...pending);
            expect(value).to.equal(best);
            pending.splice(pending.indexOf(best), 1);
          }
        }
        queue.close();
        expect(await collect(queue)).to.deep.equal([...pending].sort((a, b) => b - a));
      }),
      { numRuns: 60 },
    );
  });

  it('blocks dequeue until a value comes; a higher priority that arrives first is served first', async () => {
    const queue = new PriorityQueue<string>();
    const first = track(queue.dequeue());
    await flush();
    expect(first.state).to.equal('pending');
    queue.enqueue('low', 1);
    await flush();
    expect(first.value).to.deep.equal(['low', true]);
    queue.enqueue('low2', 1);
    queue.enqueue('high', 9);
    expect(await queue.dequeue()).to.deep.equal(['high', true]);
    expect(queue.length).to.equal(1);
  });

  it('ends dequeue with [undefined, false] once closed and drained; enqueue after close throws', async () => {
    const queue = new PriorityQueue<number>();
    const waiting = queue.dequeue();
    queue.enqueue(1);
    queue.close();
    expect(await waiting).to.deep.equal([1, true]);
    expect(await queue.dequeue()).to.deep.equal([undefined, false]);
    expect(thrownBy(() => queue.enqueue(2))).to.be.instanceOf(EnqueueOnClosedQueueError);
    expect(thrownBy(() => queue.close())).to.be.instanceOf(CloseOfClosedChannelError);
  });

  it('works as a select case and as a pipeline source', async () => {
    const queue = new PriorityQueue<number>();
    queue.enqueue(1, 1);
    queue.enqueue(2, 2);
    const chosen = await select([recv(queue.output), recv(new Chan<number>())]);
    expect(chosen).to.deep.equal({ index: 0, value: 2, ok: true });
    queue.close();
    expect(
      await collect(
        pipeline(
          queue.output,
          map((n: number) => n * 10),
        ),
      ),
    ).to.deep.equal([10]);
  });

  it('an aborted dequeue takes nothing', async () => {
    const queue = new PriorityQueue<number>();
    const controller = new AbortController();
    const aborted = queue.dequeue({ signal: controller.signal });
    controller.abort(new Error('gave up'));
    await aborted.catch(() => {});
    queue.enqueue(7);
    expect(await queue.dequeue()).to.deep.equal([7, true]);
  });

  it('with aging, a long-waiting low priority overtakes fresh higher ones', () =>
    synctest.test(async () => {
      const aged = new PriorityQueue<string>({ aging: 5 }); // +1 priority per 5 ms of waiting
      aged.enqueue('old-low', 0);
      await time.sleep(30); // now worth 6
      aged.enqueue('new-high', 3);
      expect((await aged.dequeue())[0]).to.equal('old-low');
      const plain = new PriorityQueue<string>();
      plain.enqueue('old-low', 0);
      await time.sleep(10);
      plain.enqueue('new-high', 3);
      expect((await plain.dequeue())[0]).to.equal('new-high');
    }));

  it('throws a RangeError naming priority or aging', () => {
    const queue = new PriorityQueue<number>();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = thrownBy(() => queue.enqueue(1, bad));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.contain('priority must be a finite number');
    }
    expect((thrownBy(() => new PriorityQueue({ aging: 0 })) as Error).message).to.contain('aging must be');
    expect(queue.length).to.equal(0);
  });
});
