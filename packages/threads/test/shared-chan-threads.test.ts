// SharedChan's lock-free ring across real threads: exactly-once delivery and per-producer FIFO
// with producers and consumers on several threads (capacities that are and are not powers of
// two, so the ring fills, parks senders and receivers, and hands over under the lock), and
// close racing lock-free sends.
import { expect } from 'chai';
import fc from 'fast-check';
import { recv, trySelect } from '@csp/channel';
import { SharedChan, ThreadPool } from '@csp/threads';
import { ChanMemory, H } from '../src/chan-memory.js';

const work = new URL('./fixtures/channel-work.ts', import.meta.url);

/** `ch.tryRecv()` through `trySelect`. */
function selectNow(ch: SharedChan<number>): [number | undefined, boolean] | undefined {
  const r = trySelect([recv(ch)]);
  return r === undefined ? undefined : [r.value, r.ok];
}

/** Checks that `got` holds each producer's values in the order sent. */
function expectFifoPerProducer(got: readonly number[]): void {
  const next = new Map<number, number>();
  for (const v of got) {
    const producer = Math.floor(v / 1_000_000);
    const i = v % 1_000_000;
    expect(i, `producer ${producer}`).to.be.greaterThan(next.get(producer) ?? -1);
    next.set(producer, i);
  }
}

describe('SharedChan across threads (lock-free ring)', function () {
  this.timeout(60_000);
  let pool: ThreadPool;
  before(() => {
    pool = new ThreadPool({ concurrency: 4 });
  });
  after(() => pool.close());

  it('property: producers and consumers in threads and here, close racing the sends: each value sent arrives once, in order per producer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('try' as const, 'trySelect' as const),
        async (capacity, closeAfterMs, here) => {
          const ch = new SharedChan<number>(capacity, { type: 'number' });
          const producers = [
            pool.run<number>(work, 'produceUntilClosed', [ch, 1, true]),
            pool.run<number>(work, 'produceUntilClosed', [ch, 2, false]),
          ];
          const consumers = [pool.run<number[]>(work, 'drain', [ch, 'sync']), pool.run<number[]>(work, 'drain', [ch, 'try'])];
          const mine = (async () => {
            // Let the threads start, then race them from here as well.
            await new Promise((resolve) => setTimeout(resolve, closeAfterMs));
            const got: number[] = [];
            for (let i = 0; i < 2000; i++) {
              const r = here === 'try' ? ch.tryRecv() : selectNow(ch);
              if (r === undefined) await new Promise((resolve) => setImmediate(resolve));
              else if (r[1]) got.push(r[0]!);
              else break;
            }
            ch.close();
            return got;
          })();
          const [sent1, sent2] = await Promise.all(producers);
          const received = await Promise.all([...consumers, mine]);
          for (const got of received) expectFifoPerProducer(got);
          const all = received.flat().sort((a, b) => a - b);
          const expected = [
            ...Array.from({ length: sent1! }, (_, i) => 1_000_000 + i),
            ...Array.from({ length: sent2! }, (_, i) => 2_000_000 + i),
          ];
          expect(all).to.deep.equal(expected);
          expect(ch.length).to.equal(0);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a value handed to a parked receiver never overtakes an older one still claimed in the ring', async () => {
    // A receiver parks on the empty ring; a sender thread claims cell 0 and is descheduled before
    // it publishes (the fixture plays it); producer 1 here sends 0 lock-free into cell 1, then 1,
    // which finds the ring full and takes the locked path with the receiver parked. The claimed
    // value was sent first, then producer 1's two: the receiver gets the claimed one, and
    // producer 1's values follow in order.
    const ch = new SharedChan<number>(2, { type: 'number' });
    const memory = new ChanMemory(ch.handle().buffer);
    const parked = ch.recv();
    Atomics.add(memory.words, H.Tail, 1);
    const sync = new Int32Array(new SharedArrayBuffer(8));
    const publisher = pool.run<void>(work, 'publishClaimedCell', [ch, sync, 3_000_000]);
    while (Atomics.load(sync, 1) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(ch.trySend(1_000_000)).to.equal(true);
    const second = ch.trySend(1_000_001);
    Atomics.store(sync, 0, 1);
    Atomics.notify(sync, 0);
    await publisher;
    const got = [await parked];
    for (let r = ch.tryRecv(); r !== undefined && r[1]; r = ch.tryRecv()) got.push(r[0]!);
    expect(got).to.deep.equal([3_000_000, 1_000_000, 1_000_001]);
    expect(second).to.equal(true);
  });

  it('property: objects through the codec and the ring, two producer threads, two consumers: each once, in order per producer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 400 }), async (capacity, count) => {
        const ch = new SharedChan<{ producer: number; i: number; text: string }>(capacity, { maxValueBytes: 128 });
        const producers = [1, 2].map((producer) => pool.run<number>(work, 'produceObjects', [ch, producer, count]));
        const consumers = [pool.run<number[]>(work, 'drainObjects', [ch]), pool.run<number[]>(work, 'drainObjects', [ch])];
        await Promise.all(producers);
        ch.close();
        const received = await Promise.all(consumers);
        for (const got of received) expectFifoPerProducer(got);
        const expected = [1, 2].flatMap((producer) => Array.from({ length: count }, (_, i) => producer * 1_000_000 + i));
        expect(received.flat().sort((a, b) => a - b)).to.deep.equal(expected);
      }),
      { numRuns: 6 },
    );
  });

  it('property: trySelect here racing a consumer thread commits each value once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 5, max: 40 }), async (capacity, closeAfterMs) => {
        const ch = new SharedChan<number>(capacity, { type: 'number' });
        const producer = pool.run<number>(work, 'produceUntilClosed', [ch, 1, true]);
        const rival = pool.run<number[]>(work, 'drain', [ch, 'sync']);
        const closer = new Promise<void>((resolve) =>
          setTimeout(() => {
            ch.close();
            resolve();
          }, closeAfterMs),
        );
        const mine = await pool.run<number[]>(work, 'drain', [ch, 'trySelect']);
        await closer;
        const sent = await producer;
        const theirs = await rival;
        expectFifoPerProducer(mine);
        expectFifoPerProducer(theirs);
        expect([...mine, ...theirs].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: sent }, (_, i) => 1_000_000 + i));
      }),
      { numRuns: 8 },
    );
  });
});
