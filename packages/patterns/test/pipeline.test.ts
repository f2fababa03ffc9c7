// Pipelines: sources, map/filter stages (serial, ordered, unordered), pipeline() with close
// propagation, the first error cancelling everything, cancel without leaked calls.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan, recv, select, time } from '@csp/channel';
import { filter, fromIterable, generate, map, pipeline } from '@csp/patterns';
import { synctest } from '@csp/testing';
import { collect, flush, Gauge, thrownBy, track } from './helpers.js';

describe('sources', () => {
  it('generate delivers its values in order, then closes', async () => {
    expect(await collect(generate(1, 2, 3))).to.deep.equal([1, 2, 3]);
  });

  it('fromIterable reads arrays, generators and async generators lazily (back-pressure)', () =>
    synctest.test(async () => {
      let produced = 0;
      function* numbers(): Generator<number> {
        for (let i = 0; i < 100; i++) {
          produced++;
          yield i;
        }
      }
      const channel = fromIterable(numbers());
      await synctest.wait(); // (not flush(): fromIterable's loop runs in this goroutine, see docs/testing.md)
      expect(produced).to.be.at.most(2); // unbuffered: one value waits in a parked send
      expect((await collect(channel)).length).to.equal(100);
      async function* slow(): AsyncGenerator<string> {
        yield 'a';
        await time.sleep(1);
        yield 'b';
      }
      expect(await collect(fromIterable(slow(), { capacity: 4 }))).to.deep.equal(['a', 'b']);
    }));

  it('fromIterable stops on abort: the iterator is returned and the channel closes', async () => {
    let returned = false;
    function* endless(): Generator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        returned = true;
      }
    }
    const controller = new AbortController();
    const channel = fromIterable(endless(), { signal: controller.signal });
    expect(await channel.recv()).to.equal(0);
    controller.abort();
    await flush();
    expect(returned).to.equal(true);
    const rest = await collect(channel);
    expect(rest.length).to.be.at.most(1);
  });

  it('fromIterable gives an error thrown by the iterable to onError and closes', async () => {
    const errors: unknown[] = [];
    function* broken(): Generator<number> {
      yield 1;
      throw new Error('disk gone');
    }
    const values = await collect(fromIterable(broken(), { onError: (error) => errors.push(error) }));
    expect(values).to.deep.equal([1]);
    expect((errors[0] as Error).message).to.equal('disk gone');
  });
});

/** A map function that sleeps `ms` milliseconds (of a bubble's virtual time) and returns `ms`, counted by `gauge` while it runs. */
function sleepFor(gauge: Gauge): (ms: number) => Promise<number> {
  return async (ms) => {
    gauge.enter();
    await time.sleep(ms);
    gauge.leave();
    return ms;
  };
}

describe('map and filter', () => {
  it('map transforms every value in order and closes after the input', async () => {
    expect(await collect(map((n: number) => n * n)(generate(1, 2, 3)))).to.deep.equal([1, 4, 9]);
  });

  it('filter keeps the accepted values, with sync and async predicates', async () => {
    expect(await collect(filter((n: number) => n % 2 === 0)(generate(1, 2, 3, 4)))).to.deep.equal([2, 4]);
    expect(await collect(filter(async (n: number) => n > 2)(generate(1, 2, 3, 4)))).to.deep.equal([3, 4]);
  });

  it('ordered concurrency keeps input order and never runs more than `concurrency` calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        (delays, concurrency) =>
          synctest.test(async () => {
            const gauge = new Gauge();
            const stage = map(sleepFor(gauge), { concurrency });
            expect(await collect(stage(fromIterable(delays)))).to.deep.equal(delays);
            expect(gauge.peak).to.be.at.most(concurrency);
          }),
      ),
      { numRuns: 25 },
    );
  });

  it('unordered concurrency delivers each value once, as the calls finish', () =>
    synctest.test(async () => {
      const gauge = new Gauge();
      const stage = map(sleepFor(gauge), { concurrency: 3, ordered: false });
      const values = await collect(stage(generate(12, 1, 1, 1)));
      expect([...values].sort((a, b) => a - b)).to.deep.equal([1, 1, 1, 12]);
      expect(values[values.length - 1]).to.equal(12); // the slow first value came out last
      expect(gauge.peak).to.equal(3);
    }));

  it('throws a RangeError naming the setting for bad settings', () => {
    expect((thrownBy(() => map((x) => x, { concurrency: 0 })) as Error).message).to.match(
      /^map: concurrency must be a positive integer, got 0/,
    );
    expect(thrownBy(() => filter(() => true, { capacity: -1 }))).to.be.instanceOf(RangeError);
  });
});

describe('pipeline', () => {
  it('connects a source through stages; the end of the source reaches the end (Go: sq(sq(gen(2, 3))))', async () => {
    const square = map((n: number) => n * n);
    const p = pipeline(generate(2, 3), square, square);
    expect(await collect(p)).to.deep.equal([16, 81]);
    await p.wait();
  });

  it('reads a plain iterable, and works as a select source through its output', async () => {
    const p = pipeline(
      [1, 2, 3],
      map((n: number) => n + 1),
    );
    const chosen = await select([recv(p.output), recv(new Chan<number>())]);
    expect(chosen).to.deep.equal({ index: 0, value: 2, ok: true });
    expect(await collect(p)).to.deep.equal([3, 4]);
  });

  it('the first error cancels every stage; wait() rejects with it once all have stopped', () =>
    synctest.test(async () => {
      let started = 0;
      const p = pipeline(
        (function* () {
          for (let i = 0; ; i++) yield i;
        })(),
        map((n: number) => {
          started++;
          if (n === 5) throw new Error('bad value 5');
          return n;
        }),
        map(async (n: number, { signal }) => {
          await time.sleep(1);
          expect(signal.aborted).to.equal(false);
          return n;
        }),
      );
      const values = await collect(p);
      expect(values.length).to.be.at.most(5);
      let error: unknown;
      await p.wait().catch((e: unknown) => (error = e));
      expect((error as Error).message).to.equal('bad value 5');
      const count = started;
      await time.sleep(5);
      expect(started).to.equal(count); // nothing runs after the pipeline stopped
    }));

  it('cancel() stops early: no call outlives wait(), and the calls saw their signal abort', () =>
    synctest.test(async () => {
      const gauge = new Gauge();
      let aborted = 0;
      const source = new Chan<number>();
      const producer = (async () => {
        for (let i = 0; ; i++) await source.send(i);
      })();
      producer.catch(() => {});
      const p = pipeline(
        source,
        map(
          async (n: number, { signal }) => {
            gauge.enter();
            await time.sleep(n === 0 ? 1 : 3); // the first result comes out while three calls still run
            if (signal.aborted) aborted++;
            gauge.leave();
            return n;
          },
          { concurrency: 4 },
        ),
        map((n: number) => n),
      );
      expect(await p.output.recv()).to.equal(0);
      p.cancel(new Error('enough'));
      const waited = track(p.wait());
      await time.sleep(10);
      expect(waited.state).to.equal('rejected');
      expect((waited.reason as Error).message).to.equal('enough');
      expect(gauge.now).to.equal(0);
      expect(aborted).to.be.greaterThan(0);
      expect(await p.output.recvOk()).to.deep.equal([undefined, false]);
      // The source channel was only read by receives that the cancel aborted: nothing was lost.
      source.close();
    }));

  it('the signal option cancels the pipeline, and an aborted receive on the source consumed nothing', async () => {
    const controller = new AbortController();
    const source = new Chan<number>(10);
    for (let i = 0; i < 3; i++) await source.send(i);
    const p = pipeline(
      source,
      map((n: number) => n),
      { signal: controller.signal },
    );
    expect(await p.output.recv()).to.equal(0);
    controller.abort(new Error('stop'));
    await p.wait().catch(() => {});
    // 0 went through; at most 1 more was taken by the stage before the abort; the rest stayed.
    expect(source.length).to.be.at.least(1);
  });
});
