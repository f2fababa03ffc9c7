// Bad input is a programming error: every call of the package throws a clear TypeError or
// RangeError at the call, before it changes anything (issue 8, defects 4, 9 and 11).
import { expect } from 'chai';
import { Chan, cap, close, go, len, recv, select, send, trySelect, type Receiver, type SelectCase } from '@csp/channel';
import { flush, track } from './helpers.js';

/** What a context looks like: passing it where its `.signal` belongs is the mistake to catch. */
class FakeContext {
  readonly signal = new AbortController().signal;
  err(): undefined {
    return undefined;
  }
}

/** Calls `fn` untyped, as a JavaScript caller would. */
function untyped(fn: (...args: any[]) => unknown, ...args: unknown[]): unknown {
  return fn(...args);
}

/** The error `fn` throws synchronously (fails the test when it does not throw). */
function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return expect.fail('did not throw') as never;
}

describe('bad input throws at the call, before anything changes', () => {
  describe('a signal that is not an AbortSignal (defect 4)', () => {
    const context = new FakeContext() as unknown as AbortSignal;

    it('Chan.recv, Chan.recvOk: TypeError naming the option and the call; nothing parks', async () => {
      const ch = new Chan<number>();
      for (const [call, receive] of [
        ['Chan.recv', () => ch.recv({ signal: context })],
        ['Chan.recvOk', () => ch.recvOk({ signal: context })],
      ] as const) {
        const error = thrownBy(receive);
        expect(error).to.be.instanceOf(TypeError);
        expect(error.message).to.contain(call).and.to.contain('{ signal }').and.to.contain('ctx.signal');
      }
      expect(ch.receivers.size).to.equal(0);
      // No orphan swallows the next value.
      const got = track(ch.recv());
      expect(ch.trySend(7)).to.equal(true);
      await flush();
      expect(got.outcome).to.deep.equal({ state: 'resolved', value: 7 });
    });

    it('Chan.send: TypeError; nothing parks, nothing is delivered', async () => {
      const ch = new Chan<number>();
      const error = thrownBy(() => ch.send(1, { signal: context }));
      expect(error).to.be.instanceOf(TypeError);
      expect(error.message).to.contain('Chan.send').and.to.contain('{ signal }');
      expect(ch.senders.size).to.equal(0);
      expect(ch.tryRecv()).to.equal(undefined);
    });

    it('Chan.send on a buffered channel with room: TypeError, nothing is buffered', () => {
      const ch = new Chan<number>(1);
      expect(() => ch.send(1, { signal: context })).to.throw(TypeError, /Chan\.send/);
      expect(ch.length).to.equal(0);
    });

    it('select: TypeError; no case parks and no ready case commits', () => {
      const idle = new Chan<number>();
      const ready = new Chan<number>(1);
      ready.trySend(1);
      const error = thrownBy(() => select([recv(idle), recv(ready)], { signal: context }));
      expect(error).to.be.instanceOf(TypeError);
      expect(error.message).to.contain('select').and.to.contain('{ signal }');
      expect(idle.receivers.size).to.equal(0);
      expect(ready.length).to.equal(1);
    });

    it('options that are not an object: TypeError', () => {
      const ch = new Chan<number>(1);
      expect(() => untyped(ch.recv.bind(ch), 42)).to.throw(TypeError, /Chan\.recv: options must be an object/);
      expect(() => untyped(ch.send.bind(ch), 1, 'fast')).to.throw(TypeError, /Chan\.send: options must be an object/);
      expect(ch.length).to.equal(0);
    });

    it('a real AbortSignal, null or no signal are accepted', async () => {
      const ch = new Chan<number>(3);
      await ch.send(1, { signal: new AbortController().signal });
      await ch.send(2, { signal: undefined });
      await ch.send(3, {});
      expect(ch.length).to.equal(3);
    });
  });

  describe('select and trySelect (defect 9)', () => {
    for (const [label, cases] of [
      ['a number', 42],
      ['undefined', undefined],
      ['an object', { 0: recv(null), length: 1 }],
      ['a case instead of an array of cases', recv(null)],
    ] as const) {
      it(`select(${label}): TypeError saying cases must be an array`, () => {
        for (const call of [select, trySelect]) {
          const error = thrownBy(() => untyped(call, cases));
          expect(error).to.be.instanceOf(TypeError);
          expect(error.message).to.match(/^(select|trySelect): the cases must be an array/);
        }
      });
    }

    it('select([42]): TypeError naming the case; the cases before it do not park', () => {
      const a = new Chan<number>();
      const b = new Chan<number>(1);
      b.trySend(5);
      for (const call of [select, trySelect]) {
        const error = thrownBy(() => untyped(call, [recv(a), recv(b), 42]));
        expect(error).to.be.instanceOf(TypeError);
        expect(error.message).to.match(/^(select|trySelect): case 2 must be recv\(ch\) or send\(ch, value\), got 42/);
      }
      expect(a.receivers.size).to.equal(0);
      expect(b.length).to.equal(1);
    });

    it('a case given as a promise (ch.recv() instead of recv(ch)) is named as such', () => {
      const ch = new Chan<number>();
      const error = thrownBy(() => untyped(select, [ch.recv()]));
      expect(error.message).to.contain('got a Promise');
      expect(error.message).to.contain('recv(ch)');
    });
  });

  describe('channel arguments (defect 9)', () => {
    for (const [label, bad] of [
      ['undefined', undefined],
      ['a number', 42],
      ['a string', 'jobs'],
      ['an array', []],
    ] as const) {
      it(`recv, send, close, len, cap of ${label}: TypeError naming the call`, () => {
        for (const [call, fn] of [
          ['recv', () => untyped(recv, bad)],
          ['send', () => untyped(send, bad, 1)],
          ['close', () => untyped(close, bad)],
          ['len', () => untyped(len, bad)],
          ['cap', () => untyped(cap, bad)],
        ] as const) {
          const error = thrownBy(fn);
          expect(error, call).to.be.instanceOf(TypeError);
          expect(error.message, call).to.match(new RegExp(`^${call}: the channel must be a Chan, or null for Go's nil channel`));
        }
      });
    }

    it('new Chan: TypeError for a capacity that is not a number, or options that are not an object', () => {
      expect(() => untyped((n: unknown) => new Chan(n as number), '3')).to.throw(
        TypeError,
        /new Chan: the capacity must be a number/,
      );
      expect(() => untyped((n: unknown, o: unknown) => new Chan(n as number, o as object), 1, 'jobs')).to.throw(
        TypeError,
        /new Chan: options must be an object/,
      );
      expect(() => new Chan(1, { name: 42 as unknown as string })).to.throw(TypeError, /new Chan: \{ name \} must be a string/);
    });

    it('go(fn): TypeError at the call when fn is not a function', () => {
      expect(() => untyped(go, 42)).to.throw(TypeError, /^go: fn must be a function, got 42/);
    });
  });

  describe('a Receiver or Sender not made by Chan (defect 11)', () => {
    /** A hand-made object with every member of `Receiver`. */
    const handMade = {
      recv: () => Promise.resolve(1),
      recvOk: () => Promise.resolve([1, true]),
      tryRecv: () => [1, true],
      length: 0,
      capacity: 0,
      name: undefined,
      [Symbol.asyncIterator]: () => new Chan<number>()[Symbol.asyncIterator](),
    } as unknown as Receiver<number>;

    it('recv and send refuse it with a TypeError that explains why, select never sees it', () => {
      for (const [call, fn] of [
        ['recv', () => recv(handMade)],
        ['send', () => untyped(send, handMade, 1)],
      ] as const) {
        const error = thrownBy(fn);
        expect(error).to.be.instanceOf(TypeError);
        expect(error.message).to.contain(`${call}: the channel must be a Chan`);
        expect(error.message).to.contain('made by new Chan');
      }
    });

    it('a subclass of Chan works everywhere a Chan does, select included', async () => {
      class NamedChan<T> extends Chan<T> {}
      const ch = new NamedChan<number>(1);
      const idle = new Chan<number>();
      const parked = track(select([recv(idle), recv(ch)]));
      await flush();
      await send(ch, 3);
      await flush();
      expect(parked.outcome).to.deep.equal({ state: 'resolved', value: { index: 1, value: 3, ok: true } });
      expect(trySelect([send(ch, 4)])).to.deep.equal({ index: 0, value: undefined, ok: true });
      expect([len(ch), cap(ch)]).to.deep.equal([1, 1]);
      close(ch);
      const cases: SelectCase[] = [recv(ch)];
      expect(await select(cases)).to.deep.equal({ index: 0, value: 4, ok: true });
    });
  });
});
