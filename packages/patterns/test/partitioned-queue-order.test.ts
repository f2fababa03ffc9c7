// Defect 3 (issue 8): with several consumers per partition, per-key order must hold even when one
// consumer's receive settles a turn later than another's (an immediate receive past the event-loop
// budget settles on the next turn; a direct hand-off settles at once).
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan } from '@csp/channel';
import { PartitionedQueue } from '@csp/patterns';

interface Message {
  readonly key: number;
  readonly seq: number;
}

/** Unrelated channel traffic that spends the event-loop budget while the queue runs. */
async function traffic(operations: number): Promise<void> {
  const ch = new Chan<number>(8);
  const receiver = (async () => {
    for (let i = 0; i < operations; i++) await ch.recv();
  })();
  for (let i = 0; i < operations; i++) await ch.send(i);
  await receiver;
}

/** Spends a whole event-loop budget at once (more than 1024 operations that complete at once). */
function burnBudget(): void {
  const ch = new Chan<number>(1100);
  for (let i = 0; i < 1100; i++) void ch.send(i);
}

/** Lets every queued microtask run (no macrotask turn). */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('PartitionedQueue per-key order (defect 3)', () => {
  it('a buffered job taken past the turn budget still runs before a later job handed off directly', async () => {
    const queue = new PartitionedQueue<string, string>({ partitions: 1, capacity: 1 });
    const gates = new Map<string, () => void>();
    const order: string[] = [];
    const consumed = queue.consume(
      (job) => {
        order.push(job);
        if (!job.startsWith('busy')) return;
        return new Promise<void>((resolve) => gates.set(job, resolve));
      },
      { consumers: 2 },
    );
    await microtasks();
    expect(queue.trySend('busy-a', 'x')).to.equal(true); // consumer 0 is busy
    expect(queue.trySend('busy-b', 'y')).to.equal(true); // consumer 1 is busy
    await microtasks();
    expect(queue.trySend('k1', 'k')).to.equal(true); // waits in the buffer
    burnBudget();
    gates.get('busy-a')!(); // consumer 0 takes k1 at once, but past the budget: settles next turn
    gates.get('busy-b')!(); // consumer 1 finds the buffer empty and parks
    await microtasks();
    expect(queue.trySend('k2', 'k')).to.equal(true); // handed straight to consumer 1
    queue.close();
    await consumed;
    expect(order.filter((job) => job.startsWith('k'))).to.deep.equal(['k1', 'k2']);
  });

  it('holds for any number of consumers, with unrelated traffic spending the turn budget (property)', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant('burn' as const)), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.constantFrom<'sync' | 'microtask' | 'macrotask'>('sync', 'microtask', 'macrotask'), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 3000 }),
        async (actions, partitions, consumers, capacity, speeds, unrelated) => {
          const keys = actions.filter((action) => action !== 'burn');
          const queue = new PartitionedQueue<Message, number>({ partitions, capacity });
          const seen = new Map<number, number[]>();
          const running = new Set<number>();
          const violations: string[] = [];
          const consumed = queue.consume(
            (message, key) => {
              if (running.has(key)) violations.push(`key ${key} ran twice at once`);
              running.add(key);
              const done = (): void => {
                running.delete(key);
                seen.set(key, [...(seen.get(key) ?? []), message.seq]);
              };
              const speed = speeds[message.seq % speeds.length];
              if (speed === 'sync') return done();
              if (speed === 'microtask') return Promise.resolve().then(done);
              return new Promise<void>((resolve) => setImmediate(resolve)).then(done);
            },
            { consumers },
          );
          const background = traffic(unrelated);
          let seq = 0;
          for (const action of actions) {
            if (action === 'burn') {
              burnBudget();
              continue;
            }
            const message = { key: action, seq: seq++ };
            if (!queue.trySend(message, action)) await queue.send(message, action);
          }
          queue.close();
          await Promise.all([consumed, background]);
          expect(violations).to.deep.equal([]);
          for (const [key, seqs] of seen) {
            expect(seqs, `key ${key}`).to.deep.equal(keys.flatMap((k, seq) => (k === key ? [seq] : [])));
          }
          expect([...seen.values()].flat()).to.have.length(keys.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
