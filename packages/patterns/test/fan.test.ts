// Fan-out / fan-in: merge closes when all inputs have, fanOut shares one input, tee broadcasts,
// orDone stops on done.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan, time } from '@csp/channel';
import { fanOut, fromIterable, generate, merge, orDone, tee } from '@csp/patterns';
import { synctest } from '@csp/testing';
import { collect, flush, thrownBy } from './helpers.js';

describe('merge', () => {
  it('delivers every value of every input once, each input in order, and closes after all (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.integer(), { maxLength: 10 }), { maxLength: 5 }), async (lists) => {
        const tagged = lists.map((list, input) => fromIterable(list.map((value, i) => ({ input, i, value }))));
        const merged = await collect(merge(tagged));
        expect(merged.length).to.equal(lists.flat().length);
        for (const [input, list] of lists.entries()) {
          expect(merged.filter((v) => v.input === input).map((v) => v.value)).to.deep.equal(list);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('stays open while one input is open, and stops on abort without consuming more', async () => {
    const open = new Chan<number>(5);
    const controller = new AbortController();
    const merged = merge([generate(1), open], { signal: controller.signal });
    expect(await merged.recv()).to.equal(1);
    await open.send(2);
    expect(await merged.recv()).to.equal(2);
    controller.abort();
    await flush();
    await open.send(3);
    expect(await merged.recvOk()).to.deep.equal([undefined, false]);
    expect(open.length).to.equal(1); // 3 was not consumed
  });
});

describe('fanOut', () => {
  it('shares one input among workers: each value is handled exactly once, results fan in', () =>
    synctest.test(async () => {
      const seenBy = new Map<number, number>();
      const outputs = fanOut(fromIterable(Array.from({ length: 30 }, (_, i) => i)), 3, async (n: number, { worker }) => {
        seenBy.set(n, worker);
        await time.sleep(n % 3);
        return n * 2;
      });
      expect(outputs.length).to.equal(3);
      const results = await collect(merge(outputs));
      expect([...results].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 30 }, (_, i) => i * 2));
      expect(new Set(seenBy.values()).size).to.equal(3); // every worker got work
    }));

  it('throws a RangeError naming workers', () => {
    expect((thrownBy(() => fanOut(new Chan<number>(), 0, (n) => n)) as Error).message).to.contain(
      'workers must be a positive integer',
    );
  });
});

describe('tee', () => {
  it('gives every value to every copy, in order, then closes them all', async () => {
    const [a, b, c] = tee(generate(1, 2, 3), 3);
    const [x, y, z] = await Promise.all([collect(a!), collect(b!), collect(c!)]);
    expect([x, y, z]).to.deep.equal([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  it('is paced by the slowest copy (back-pressure)', async () => {
    const [fast, slow] = tee(fromIterable([1, 2, 3, 4]));
    expect(await fast!.recv()).to.equal(1);
    await flush();
    expect(fast!.tryRecv()).to.equal(undefined); // 2 waits until slow took 1
    expect(await slow!.recv()).to.equal(1);
    expect(await fast!.recv()).to.equal(2);
  });
});

describe('orDone', () => {
  it('forwards until done closes, then closes; a null done never fires', async () => {
    const done = new Chan<void>();
    const input = new Chan<number>();
    const output = orDone(done, input);
    void input.send(1);
    expect(await output.recv()).to.equal(1);
    done.close();
    expect(await output.recvOk()).to.deep.equal([undefined, false]);
    expect(await collect(orDone(null, generate('a', 'b')))).to.deep.equal(['a', 'b']);
  });
});
