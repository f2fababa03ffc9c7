// PartitionedQueue: routing by FNV-1a, per-key order with one or more consumers per partition,
// close drains every partition, abort stops consuming.
import { expect } from 'chai';
import fc from 'fast-check';
import { time } from '@csp/channel';
import { PartitionedQueue } from '@csp/patterns';
import { synctest } from '@csp/testing';
import { thrownBy } from './helpers.js';

interface Message {
  readonly key: string;
  readonly seq: number;
}

describe('PartitionedQueue', () => {
  it('processes every job once and each key in send order, with several consumers per partition (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (keys, partitions, consumers, capacity) =>
          synctest.test(async () => {
            const queue = new PartitionedQueue<Message>({ partitions, capacity });
            const seen = new Map<string, number[]>();
            const running = new Set<string>();
            const consumed = queue.consume(
              async (message, key, { partition }) => {
                expect(partition).to.equal(queue.partition(key));
                expect(running.has(key)).to.equal(false); // one job per key at a time
                running.add(key);
                await time.sleep(message.seq % 2);
                running.delete(key);
                seen.set(key, [...(seen.get(key) ?? []), message.seq]);
              },
              { consumers },
            );
            for (const [seq, key] of keys.entries()) await queue.send({ key, seq }, key);
            queue.close();
            await consumed;
            for (const [key, seqs] of seen) {
              expect(seqs).to.deep.equal(keys.flatMap((k, seq) => (k === key ? [seq] : [])));
            }
            expect([...seen.values()].flat().length).to.equal(keys.length);
          }),
      ),
      { numRuns: 25 },
    );
  });

  it('close drains every partition before consume resolves; a thrown job does not stop its consumer', async () => {
    const queue = new PartitionedQueue<number>({ partitions: 3, capacity: 10 });
    for (let i = 0; i < 20; i++) await queue.send(i, `key-${i}`);
    queue.close();
    const done: number[] = [];
    let error: unknown;
    await queue
      .consume((job) => {
        if (job === 7) throw new Error('job 7 failed');
        done.push(job);
      })
      .catch((e: unknown) => (error = e));
    expect(done.sort((a, b) => a - b)).to.deep.equal([...Array(20).keys()].filter((n) => n !== 7));
    expect((error as Error).message).to.equal('job 7 failed');
  });

  it('exposes one channel per partition, and trySend refuses when the partition is full', async () => {
    const queue = new PartitionedQueue<string>({ partitions: 2, capacity: 1 });
    const p = queue.partition('k');
    expect(queue.trySend('first', 'k')).to.equal(true);
    expect(queue.trySend('second', 'k')).to.equal(false);
    expect(await queue.partitions[p]!.recv()).to.deep.equal({ key: 'k', job: 'first' });
  });

  it('stops consuming on abort; the jobs already taken finish', () =>
    synctest.test(async () => {
      const queue = new PartitionedQueue<number>({ partitions: 1, capacity: 5 });
      const controller = new AbortController();
      const finished: number[] = [];
      const consumed = queue.consume(
        async (job) => {
          if (job === 1) controller.abort(new Error('shutdown'));
          await time.sleep(2);
          finished.push(job);
        },
        { signal: controller.signal },
      );
      for (let i = 1; i <= 3; i++) await queue.send(i, 'k');
      let error: unknown;
      await consumed.catch((e: unknown) => (error = e));
      expect((error as Error).message).to.equal('shutdown');
      expect(finished).to.deep.equal([1]);
      expect(queue.partitions[0]!.length).to.equal(2); // 2 and 3 are still there
    }));

  it('throws a RangeError naming partitions or consumers', () => {
    expect((thrownBy(() => new PartitionedQueue({ partitions: 0 })) as Error).message).to.contain(
      'partitions must be a positive integer',
    );
    const queue = new PartitionedQueue({ partitions: 1 });
    // Thrown at the call, before any consumer starts (not a rejected promise).
    expect((thrownBy(() => queue.consume(() => {}, { consumers: 1.5 })) as Error).message).to.contain(
      'consumers must be a positive integer',
    );
  });
});
