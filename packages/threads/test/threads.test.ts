// SharedChan across real threads, and the thread pool: exactly-once delivery, per-producer FIFO,
// close semantics, abort leaving no trace, and no accepted job lost when a thread dies.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan, recv, select } from '@csp/channel';
import { JobTimeoutError, PoolAbortedError } from '@csp/patterns';
import {
  SharedChan,
  ThreadExitedError,
  ThreadPool,
  UncopyableValueError,
  availableParallelism,
  goThread,
  gomaxprocs,
} from '@csp/threads';
import { H } from '../src/chan-memory.js';

const work = new URL('./fixtures/work.ts', import.meta.url);

describe('threads', function () {
  this.timeout(30_000);
  let pool: ThreadPool;
  before(() => {
    pool = new ThreadPool({ concurrency: 3 });
  });
  after(() => pool.close());

  it('runs an exported function in a thread and returns its result or its error', async () => {
    expect(await pool.run(work, 'add', [2, 3])).to.equal(5);
    const error = await pool.run(work, 'fail', ['boom']).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RangeError).with.property('message', 'boom');
    expect(await goThread(work, 'add', 40, 2)).to.equal(42);
  });

  it("gomaxprocs reports and sets the size of goThread's pool, as runtime.GOMAXPROCS", async () => {
    const cpus = availableParallelism();
    expect(gomaxprocs()).to.equal(cpus);
    expect(gomaxprocs(1)).to.equal(cpus);
    expect(gomaxprocs(0)).to.equal(1);
    expect(await goThread(work, 'add', 1, 2)).to.equal(3);
    expect(gomaxprocs(cpus)).to.equal(1);
    expect(() => gomaxprocs(-1)).to.throw(RangeError, /non-negative integer/);
  });

  it('refuses closures and relative URLs at the call', () => {
    expect(() => pool.run(work, 'add', [() => 1, 2])).to.throw(UncopyableValueError, /closures cannot cross.*|a function/);
    expect(() => pool.run('./fixtures/work.ts', 'add', [])).to.throw(TypeError, /absolute URL/);
  });

  it('property: producers in threads, one consumer here: exactly once, FIFO per producer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 300 }), async (capacity, count) => {
        const ch = new SharedChan<number>(capacity, { type: 'number' });
        const producers = [pool.run(work, 'produce', [ch, 1, count, true]), pool.run(work, 'produce', [ch, 2, count, false])];
        const got: number[] = [];
        for (let i = 0; i < 2 * count; i++) got.push((await ch.recv())!);
        expect(await Promise.all(producers)).to.deep.equal([count, count]);
        for (const producer of [1, 2]) {
          const mine = got.filter((v) => Math.floor(v / 1_000_000) === producer).map((v) => v % 1_000_000);
          expect(mine).to.deep.equal([...Array(count).keys()]);
        }
        expect(ch.tryRecv()).to.equal(undefined);
      }),
      { numRuns: 6 },
    );
  });

  it('property: consumers in threads, producer here: every value received exactly once; close ends them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 400 }), async (capacity, count) => {
        const ch = new SharedChan<number>(capacity, { type: 'number' });
        const consumers = [pool.run<number[]>(work, 'consume', [ch, true]), pool.run<number[]>(work, 'consume', [ch, false])];
        for (let i = 0; i < count; i++) await ch.send(i);
        ch.close();
        const [a, b] = await Promise.all(consumers);
        // Each consumer receives in send order; together, every value once.
        expect(a).to.deep.equal([...a!].sort((x, y) => x - y));
        expect(b).to.deep.equal([...b!].sort((x, y) => x - y));
        expect([...a!, ...b!].sort((x, y) => x - y)).to.deep.equal([...Array(count).keys()]);
      }),
      { numRuns: 6 },
    );
  });

  it('property: select over a local and a shared channel commits each value once, racing a consumer thread', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 50 }),
        async (capacity, count, locals) => {
          const shared = new SharedChan<number>(capacity, { type: 'number' });
          const local = new Chan<number>();
          const producer = pool.run(work, 'produceAndClose', [shared, count]);
          const rival = pool.run<number[]>(work, 'consume', [shared, false]);
          void (async () => {
            for (let i = 0; i < locals; i++) await local.send(i);
            local.close();
          })();
          const fromLocal: number[] = [];
          const fromShared: number[] = [];
          let a: Chan<number> | null = local;
          let b: SharedChan<number> | null = shared;
          while (a !== null || b !== null) {
            const r = await select([recv(a), recv(b)]);
            if (!r.ok) {
              if (r.index === 0) a = null;
              else b = null;
            } else (r.index === 0 ? fromLocal : fromShared).push(r.value!);
          }
          await producer;
          const theirs = await rival;
          expect(fromLocal).to.deep.equal([...Array(locals).keys()]);
          expect([...fromShared, ...theirs].sort((x, y) => x - y)).to.deep.equal([...Array(count).keys()]);
          expect(shared.tryRecv()).to.deep.equal([undefined, false]);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('property: sends aborted here while a thread receives deliver nothing; the others arrive once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }),
        async (capacity, aborts) => {
          const ch = new SharedChan<number>(capacity, { type: 'number' });
          const sends = aborts.map((abort, i) => {
            const controller = new AbortController();
            const sent = ch.send(i, { signal: controller.signal }).then(
              () => true,
              () => false,
            );
            if (abort) controller.abort();
            return sent;
          });
          const consumer = pool.run<number[]>(work, 'consume', [ch, true]);
          const outcomes = await Promise.all(sends);
          ch.close();
          const delivered = outcomes.flatMap((ok, i) => (ok ? [i] : []));
          expect(await consumer).to.deep.equal(delivered);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('objects cross through the codec, and an aborted receive here loses nothing sent there', async () => {
    const input = new SharedChan<unknown>();
    const output = new SharedChan<unknown>();
    const controller = new AbortController();
    const aborted = output.recv({ signal: controller.signal }).catch(() => 'aborted');
    controller.abort();
    expect(await aborted).to.equal('aborted');
    const echo = pool.run(work, 'echo', [input, output]);
    const value = { id: 7, tags: new Set(['a']), when: new Date(0) };
    await input.send(value);
    expect(await output.recv()).to.deep.equal(value);
    await echo;
  });

  it('a job over its timeout has its thread terminated and replaced', async () => {
    const small = new ThreadPool({ concurrency: 1 });
    try {
      const error = await small.run(work, 'spin', [10_000], { timeout: 50 }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(JobTimeoutError);
      expect(await small.run(work, 'add', [1, 1])).to.equal(2);
      expect(small.threadCount).to.equal(1);
    } finally {
      await small.close();
    }
  });

  it('a thread terminated while it uses a channel never leaves the channel locked', async () => {
    const small = new ThreadPool({ concurrency: 1 });
    const ch = new SharedChan<number>(4, { type: 'number' });
    try {
      for (let i = 0; i < 6; i++) {
        await small.run(work, 'add', [1, 1]); // the (new) thread is up and has loaded the module
        const error = await small.run(work, 'hammer', [ch], { timeout: 20 + (i % 7) }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(JobTimeoutError);
        // (A lock left held would hang every later call on the channel, in every thread.)
        expect(Atomics.load(ch.memory.words, H.Lock), 'the lock word').to.equal(0);
        while (ch.tryRecv() !== undefined);
        expect(ch.trySend(7)).to.equal(true);
        expect(ch.tryRecv()).to.deep.equal([7, true]);
      }
    } finally {
      await small.close();
    }
  });

  it('a thread terminated inside a long critical section releases the lock first', async () => {
    const small = new ThreadPool({ concurrency: 1 });
    const ch = new SharedChan<number>(4, { type: 'number', maxParkedReceivers: 100_000 });
    const stop = new AbortController();
    // A select parked here keeps an offer on `ch`: each send in the thread scans 100 000 slots.
    const selecting = (async () => {
      for (;;) await select([recv(ch)], { signal: stop.signal });
    })().catch(() => undefined);
    try {
      for (let i = 0; i < 3; i++) {
        await small.run(work, 'add', [1, 1]); // the (new) thread is up and has loaded the module
        const error = await small.run(work, 'hammer', [ch], { timeout: 30 + i }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(JobTimeoutError);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(Atomics.load(ch.memory.words, H.Lock), 'the lock word').to.equal(0);
      }
    } finally {
      stop.abort();
      await selecting;
      await small.close();
    }
  });

  it('a receiver in a thread that was terminated is never handed a value', async () => {
    const small = new ThreadPool({ concurrency: 1 });
    try {
      for (const sync of [false, true]) {
        const ch = new SharedChan<number>(0, { type: 'number' });
        const error = await small.run(work, 'receiveOnce', [ch, sync], { timeout: 300 }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(JobTimeoutError);
        // The dead thread's receive must not take the value: nobody is left to receive it.
        expect(ch.trySend(1)).to.equal(false);
        const delivered = small.run(work, 'receiveOnce', [ch, sync]);
        await ch.send(2);
        expect(await delivered).to.equal(2);
      }
    } finally {
      await small.close();
    }
  });

  it('the select offer of a terminated thread gives its slot back', async () => {
    const small = new ThreadPool({ concurrency: 1 });
    try {
      const ch = new SharedChan<number>(1, { type: 'number', maxParkedReceivers: 1 });
      await small.run(work, 'add', [1, 1]); // the thread is up
      const error = await small.run(work, 'selectForever', [ch], { timeout: 200 }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(JobTimeoutError);
      expect(ch.trySend(1)).to.equal(true);
      expect(ch.tryRecv()).to.deep.equal([1, true]);
      const received = ch.recv(); // needs the one receiver slot
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(ch.trySend(2)).to.equal(true);
      expect(await received).to.equal(2);
    } finally {
      await small.close();
    }
  });

  it('a thread that dies rejects its own job only; no queued job is lost', async () => {
    const small = new ThreadPool({ concurrency: 2 });
    try {
      const jobs = [0, 1, 2, 3, 4, 5].map((i) => (i === 1 ? small.run(work, 'crash', []) : small.run(work, 'add', [i, 0])));
      const outcomes = await Promise.allSettled(jobs);
      expect(outcomes[1]).to.have.property('status', 'rejected');
      expect((outcomes[1] as PromiseRejectedResult).reason).to.be.instanceOf(ThreadExitedError);
      expect(outcomes.filter((_, i) => i !== 1).map((o) => (o as PromiseFulfilledResult<number>).value)).to.deep.equal([
        0, 2, 3, 4, 5,
      ]);
      expect(small.metrics().processed).to.equal(6);
    } finally {
      await small.close();
    }
  });

  it('abort rejects queued jobs and stops running ones', async () => {
    const small = new ThreadPool({ concurrency: 1 });
    const running = small.run(work, 'spin', [10_000]).catch((e: unknown) => e);
    const queued = small.run(work, 'add', [1, 2]).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reason = new Error('shutdown');
    await small.abort(reason);
    expect(await running).to.equal(reason);
    expect(await queued).to.be.instanceOf(PoolAbortedError);
    expect(small.threadCount).to.equal(0);
  });
});
