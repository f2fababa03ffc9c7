// for await (const v of ch): Go's `for v := range ch`.
import { expect } from 'chai';
import { Chan, go, len } from '@csp/channel';
import { flush, track } from './helpers.js';

describe('for await (const v of ch)', () => {
  it('receives every value in order until the channel is closed and drained', async () => {
    const ch = new Chan<number>(2);
    go(async () => {
      for (let i = 0; i < 10; i++) await ch.send(i);
      ch.close();
    });
    const got: number[] = [];
    for await (const v of ch) got.push(v);
    expect(got).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('yields a sent undefined as a value, not as the end', async () => {
    const ch = new Chan<number | undefined>(3);
    await ch.send(undefined);
    await ch.send(1);
    ch.close();
    const got: (number | undefined)[] = [];
    for await (const v of ch) got.push(v);
    expect(got).to.deep.equal([undefined, 1]);
  });

  it('on break, neither closes the channel nor consumes a value', async () => {
    const ch = new Chan<number>(3);
    for (const v of [1, 2, 3]) await ch.send(v);
    for await (const v of ch) {
      expect(v).to.equal(1);
      break;
    }
    expect(len(ch)).to.equal(2);
    expect(ch.trySend(4)).to.equal(true); // still open
    const rest: number[] = [];
    for await (const v of ch) {
      rest.push(v);
      if (rest.length === 3) break;
    }
    expect(rest).to.deep.equal([2, 3, 4]);
  });

  it('on a throw out of the loop, neither closes nor consumes', async () => {
    const ch = new Chan<number>(2);
    await ch.send(1);
    await ch.send(2);
    const failure = new Error('stop');
    try {
      for await (const v of ch) {
        if (v === 1) throw failure;
      }
    } catch (error) {
      expect(error).to.equal(failure);
    }
    expect(await ch.recvOk()).to.deep.equal([2, true]);
  });

  it('parks while the channel is empty and ends when it is closed', async () => {
    const ch = new Chan<number>();
    const iterator = ch[Symbol.asyncIterator]();
    expect(iterator[Symbol.asyncIterator]()).to.equal(iterator);
    const first = track(iterator.next());
    await flush();
    expect(first.outcome.state).to.equal('pending');
    await ch.send(8);
    await flush();
    expect(first.outcome).to.deep.equal({ state: 'resolved', value: { value: 8, done: false } });
    const second = track(iterator.next());
    await flush();
    ch.close();
    await flush();
    expect(second.outcome).to.deep.equal({ state: 'resolved', value: { value: undefined, done: true } });
    expect(await iterator.next()).to.deep.equal({ value: undefined, done: true });
  });

  describe('a channel is not a synchronous iterable (defect 13)', () => {
    // `Chan` has a numeric `length` (Go's len, required by the contract), which makes it look
    // array-like: `Array.from(ch)` used to give `[undefined, undefined]` for two buffered values.
    it('Array.from(ch), [...ch] and for...of throw a TypeError that says how to receive', async () => {
      const ch = new Chan<number>(2);
      await ch.send(1);
      await ch.send(2);
      const spread = (c: Iterable<number>): number[] => [...c];
      const forOf = (c: Iterable<number>): void => {
        for (const _ of c) expect.fail('iterated');
      };
      const asIterable = ch as unknown as Iterable<number>;
      for (const attempt of [() => Array.from(asIterable), () => spread(asIterable), () => forOf(asIterable)]) {
        expect(attempt).to.throw(TypeError, /for await \(const v of ch\)/);
        expect(attempt).to.throw(TypeError, /Array\.fromAsync\(ch\)/);
      }
      expect(len(ch)).to.equal(2); // nothing was consumed
    });

    it('Array.fromAsync(ch) receives until closed, where the runtime has it', async function () {
      const fromAsync = (Array as { fromAsync?: (source: AsyncIterable<number>) => Promise<number[]> }).fromAsync;
      if (fromAsync === undefined) this.skip();
      const ch = new Chan<number>(2);
      await ch.send(1);
      await ch.send(2);
      ch.close();
      expect(await fromAsync.call(Array, ch)).to.deep.equal([1, 2]);
    });

    it('its async iterator is not array-like, for libraries that test array-likeness first (rxjs from)', () => {
      const iterator = new Chan<number>(2)[Symbol.asyncIterator]();
      expect('length' in iterator).to.equal(false);
    });
  });
});
