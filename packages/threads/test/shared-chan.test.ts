// SharedChan within one thread: Go's channel semantics, values through typed slots and the codec,
// clear errors for bad values, and abort leaving no trace.
import { expect } from 'chai';
import fc from 'fast-check';
import {
  Chan,
  CloseOfClosedChannelError,
  SendOnClosedChannelError,
  close,
  len,
  cap,
  recv,
  select,
  send,
  trySelect,
} from '@csp/channel';
import { SharedChan, UncopyableValueError, ValueTooLargeError, registerCodec, structuredCodec } from '@csp/threads';

/** Resolves with what `promise` rejected with; fails the test when it resolves. */
function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
}

/** Lets pending waits and promise jobs run. */
const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('SharedChan', () => {
  it('buffers FIFO up to its capacity; len and cap as Go', async () => {
    const ch = new SharedChan<number>(2, { type: 'number' });
    expect([len(ch), cap(ch)]).to.deep.equal([0, 2]);
    await ch.send(1);
    await ch.send(2);
    expect(ch.trySend(3)).to.equal(false);
    let sent = false;
    const third = ch.send(3).then(() => (sent = true));
    await turn();
    expect([sent, len(ch)]).to.deep.equal([false, 2]);
    expect(await ch.recv()).to.equal(1);
    await third;
    expect(len(ch)).to.equal(2);
    expect([await ch.recv(), await ch.recv(), ch.tryRecv()]).to.deep.equal([2, 3, undefined]);
  });

  it('unbuffered: a send completes only when a receiver takes the value', async () => {
    const ch = new SharedChan<string>();
    expect(ch.trySend('no receiver')).to.equal(false);
    expect(ch.tryRecv()).to.equal(undefined);
    let sent = false;
    const sending = ch.send('a').then(() => (sent = true));
    await turn();
    expect(sent).to.equal(false);
    expect(ch.tryRecv()).to.deep.equal(['a', true]);
    await sending;
    const receiving = ch.recvOk();
    await turn();
    expect(ch.trySend('b')).to.equal(true);
    expect(await receiving).to.deep.equal(['b', true]);
  });

  it('close: drains the buffer, then ok false; wakes parked receivers; fails senders; panics twice', async () => {
    const buffered = new SharedChan<number>(2, { type: 'number' });
    await buffered.send(7);
    close(buffered);
    expect(await buffered.recvOk()).to.deep.equal([7, true]);
    expect(await buffered.recvOk()).to.deep.equal([undefined, false]);
    expect(buffered.tryRecv()).to.deep.equal([undefined, false]);
    expect(() => buffered.trySend(1)).to.throw(SendOnClosedChannelError);
    expect(await rejectionOf(buffered.send(1))).to.be.instanceOf(SendOnClosedChannelError);
    expect(() => buffered.close()).to.throw(CloseOfClosedChannelError);

    const parked = new SharedChan<number>(0, { type: 'number' });
    const receiver = parked.recvOk();
    const sender = new SharedChan<number>(0, { type: 'number' });
    const send = rejectionOf(sender.send(1));
    await turn();
    parked.close();
    sender.close();
    expect(await receiver).to.deep.equal([undefined, false]);
    expect(await send).to.be.instanceOf(SendOnClosedChannelError);
    expect(sender.tryRecv()).to.deep.equal([undefined, false]);
  });

  it('for await ranges until closed and drained', async () => {
    const ch = new SharedChan<unknown>(4);
    for (const v of [1, 'two', { three: 3 }]) await ch.send(v);
    ch.close();
    const got: unknown[] = [];
    for await (const v of ch) got.push(v);
    expect(got).to.deep.equal([1, 'two', { three: 3 }]);
  });

  describe('abort leaves no trace', () => {
    it('a parked receive, aborted, consumes nothing: a later send does not complete for it', async () => {
      const ch = new SharedChan<number>(0, { type: 'number' });
      const controller = new AbortController();
      const reason = new Error('stop');
      const receive = rejectionOf(ch.recv({ signal: controller.signal }));
      await turn();
      controller.abort(reason);
      expect(await receive).to.equal(reason);
      expect(ch.trySend(1)).to.equal(false);
    });

    it('a parked send, aborted, delivers nothing; the senders behind it keep their order', async () => {
      const ch = new SharedChan<number>(1, { type: 'number' });
      await ch.send(0);
      const controller = new AbortController();
      const first = rejectionOf(ch.send(1, { signal: controller.signal }));
      const second = ch.send(2);
      await turn();
      controller.abort(new Error('stop'));
      await first;
      expect([await ch.recv(), await ch.recv()]).to.deep.equal([0, 2]);
      await second;
      expect(ch.tryRecv()).to.equal(undefined);
    });

    it('an aborted signal rejects before anything happens', async () => {
      const ch = new SharedChan<number>(1, { type: 'number' });
      const signal = AbortSignal.abort(new Error('already'));
      await rejectionOf(ch.send(1, { signal }));
      expect(len(ch)).to.equal(0);
      ch.trySend(1);
      await rejectionOf(ch.recv({ signal }));
      expect(len(ch)).to.equal(1);
    });

    it('property: random aborts among parked receivers lose and duplicate nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), async (aborts) => {
          const ch = new SharedChan<number>(0, { type: 'number' });
          const controllers = aborts.map(() => new AbortController());
          const receives = controllers.map((c) =>
            ch.recv({ signal: c.signal }).then(
              (v) => v,
              () => 'aborted' as const,
            ),
          );
          await turn();
          aborts.forEach((abort, i) => abort && controllers[i]!.abort());
          let sent = 0;
          while (ch.trySend(sent)) sent++;
          const results = await Promise.all(receives);
          expect(sent).to.equal(aborts.filter((a) => !a).length);
          expect(results.filter((r) => r !== 'aborted')).to.deep.equal([...Array(sent).keys()]);
        }),
        { numRuns: 20 },
      );
    });
  });

  describe('values', () => {
    it('typed slots carry numbers, bigints and booleans; a wrong type throws at the call', async () => {
      const numbers = new SharedChan<number>(1, { type: 'number' });
      const bigints = new SharedChan<bigint>(1, { type: 'bigint' });
      const booleans = new SharedChan<boolean>(1, { type: 'boolean' });
      numbers.trySend(-0.5);
      bigints.trySend(-(2n ** 63n));
      booleans.trySend(true);
      expect([numbers.tryRecv(), bigints.tryRecv(), booleans.tryRecv()]).to.deep.equal([
        [-0.5, true],
        [-(2n ** 63n), true],
        [true, true],
      ]);
      expect(() => numbers.trySend('1' as unknown as number)).to.throw(UncopyableValueError, /carries numbers/);
      expect(() => bigints.trySend(2n ** 64n)).to.throw(RangeError, /64-bit/);
      expect(numbers.tryRecv()).to.equal(undefined);
    });

    it('the default codec copies what structuredClone copies (property)', () => {
      fc.assert(
        fc.property(
          fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
          (value) => {
            const copy = structuredCodec.decode(structuredCodec.encode(value));
            expect(copy).to.deep.equal(structuredClone(value));
          },
        ),
        { numRuns: 200 },
      );
    });

    it('an own property named __proto__ stays an own property (as with structuredClone)', () => {
      const value = JSON.parse('{"__proto__": 0, "a": 1}') as Record<string, unknown>;
      const copy = structuredCodec.decode(structuredCodec.encode(value)) as Record<string, unknown>;
      expect(Object.getPrototypeOf(copy)).to.equal(Object.prototype);
      expect(Object.keys(copy)).to.deep.equal(['__proto__', 'a']);
      expect(copy).to.deep.equal(structuredClone(value));
    });

    it('keeps shared and cyclic references', () => {
      const shared = { n: 1 };
      const cyclic: Record<string, unknown> = { a: shared, b: shared };
      cyclic['self'] = cyclic;
      const copy = structuredCodec.decode(structuredCodec.encode(cyclic)) as typeof cyclic;
      expect(copy['a']).to.equal(copy['b']);
      expect(copy['self']).to.equal(copy);
    });

    it('keeps references among many objects, and names the path in a deep value', () => {
      const shared = Array.from({ length: 40 }, (_, i) => ({ i }));
      const copy = structuredCodec.decode(structuredCodec.encode([...shared, ...shared])) as { i: number }[];
      expect(copy.slice(0, 40).map((o) => o.i)).to.deep.equal([...Array(40).keys()]);
      expect(copy.every((o, i) => o === copy[i % 40])).to.equal(true);
      const ch = new SharedChan<unknown>(1);
      expect(() => ch.trySend({ a: [0, new Map([['k', { f: () => 1 }]])] })).to.throw(
        UncopyableValueError,
        /at value\.a\[1\]\.get\(…\)\.f/,
      );
      expect(() => ch.trySend(new Set([1, Symbol('s')]))).to.throw(UncopyableValueError, /at value<member>/);
      expect(ch.trySend('héllo wörld, ascii and not')).to.equal(true);
      expect(ch.tryRecv()).to.deep.equal(['héllo wörld, ascii and not', true]);
    });

    it('refuses functions, symbols and promises at the call, naming where they are', () => {
      const ch = new SharedChan<unknown>(1);
      expect(() => ch.trySend({ job: { run: () => 1 } })).to.throw(
        UncopyableValueError,
        /SharedChan.trySend: a function .*at value\.job\.run/,
      );
      expect(() => ch.trySend([Symbol('x')])).to.throw(UncopyableValueError, /a symbol/);
      expect(() => ch.send(Promise.resolve(1))).to.throw(UncopyableValueError, /a Promise/);
      expect(ch.tryRecv()).to.equal(undefined);
    });

    it('refuses a SharedChan inside a value: shared memory crosses as an argument, not as bytes', () => {
      const ch = new SharedChan<unknown>(1);
      expect(() => ch.trySend({ reply: new SharedChan<number>() })).to.throw(UncopyableValueError, /SharedArrayBuffer/);
      expect(ch.tryRecv()).to.equal(undefined);
    });

    it('a value over maxValueBytes throws ValueTooLargeError at the call', () => {
      const ch = new SharedChan<string>(1, { maxValueBytes: 16 });
      expect(() => ch.trySend('x'.repeat(100))).to.throw(ValueTooLargeError, /maxValueBytes/);
      expect(ch.trySend('short')).to.equal(true);
    });

    it('a named codec must be registered in the thread that opens the channel', () => {
      expect(() => new SharedChan<string>(1, { codec: 'upper' })).to.throw(TypeError, /registerCodec\('upper'/);
      const encoder = new TextEncoder();
      const decoder = new TextDecoder();
      registerCodec('upper', { encode: (s: string) => encoder.encode(s.toUpperCase()), decode: (b) => decoder.decode(b) });
      const ch = new SharedChan<string>(1, { codec: 'upper' });
      ch.trySend('shout');
      expect(SharedChan.from<string>(ch.handle()).tryRecv()).to.deep.equal(['SHOUT', true]);
    });
  });

  it('property: behaves as Chan for any sequence of non-blocking operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('send' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('recv' as const) }),
      fc.record({ kind: fc.constant('close' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(op, { maxLength: 40 }), (capacity, ops) => {
        const model = new Chan<number>(capacity);
        const shared = new SharedChan<number>(capacity, { type: 'number' });
        const outcome = (f: () => unknown): unknown => {
          try {
            return f();
          } catch (error) {
            return (error as Error).name;
          }
        };
        for (const o of ops) {
          const act = (ch: Chan<number>): unknown =>
            o.kind === 'send'
              ? outcome(() => ch.trySend(o.value))
              : o.kind === 'recv'
                ? outcome(() => ch.tryRecv())
                : outcome(() => ch.close());
          expect(act(shared)).to.deep.equal(act(model));
          expect([len(shared), cap(shared)]).to.deep.equal([len(model), cap(model)]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('bad settings throw at construction', () => {
    expect(() => new SharedChan(-1)).to.throw(RangeError, /capacity/);
    expect(() => new SharedChan(1.5)).to.throw(RangeError, /capacity/);
    expect(() => new SharedChan(2 ** 28 + 1, { type: 'number' })).to.throw(RangeError, /at most/);
    expect(() => new SharedChan(1, { type: 'string' as never })).to.throw(TypeError, /type must be/);
    expect(() => new SharedChan(1, { type: 'number', codec: 'structured' })).to.throw(TypeError, /type 'value' only/);
    expect(() => new SharedChan(1, { maxParkedSenders: -1 })).to.throw(RangeError, /maxParkedSenders/);
  });

  it('a handle opens the same channel', async () => {
    const ch = new SharedChan<number>(4, { type: 'number', name: 'jobs' });
    const other = SharedChan.from<number>(structuredClone(ch.handle()));
    await ch.send(1);
    expect([other.name, len(other), await other.recv()]).to.deep.equal(['jobs', 1, 1]);
    other.close();
    expect(ch.isClosed()).to.equal(true);
    expect(() => SharedChan.from({} as never)).to.throw(TypeError, /handle of a SharedChan/);
  });

  describe('select', () => {
    it('commits exactly one case among local and shared channels', async () => {
      const local = new Chan<string>();
      const shared = new SharedChan<number>(0, { type: 'number' });
      const pending = select([recv(local), recv(shared)]);
      await turn();
      expect(shared.trySend(1)).to.equal(false); // a select case is not a parked receiver
      const sender = shared.send(42);
      expect(await pending).to.deep.equal({ index: 1, value: 42, ok: true });
      await sender;
      expect(local.trySend('late')).to.equal(false); // the local case was withdrawn

      const again = select([recv(local), recv(shared)]);
      await turn();
      expect(local.trySend('first')).to.equal(true);
      expect(await again).to.deep.equal({ index: 0, value: 'first', ok: true });
      // The shared case was withdrawn: a send now parks instead of completing for it.
      let sent = false;
      const parked = shared.send(7).then(() => (sent = true));
      await turn();
      expect(sent).to.equal(false);
      expect(shared.tryRecv()).to.deep.equal([7, true]);
      await parked;
    });

    it('more parked selects than receiver slots: they wait for a slot, and nothing is lost', async () => {
      const shared = new SharedChan<number>(0, { type: 'number', maxParkedReceivers: 2 });
      const local = new Chan<number>();
      const selects = [0, 1, 2, 3].map(() => select([recv(local), recv(shared)]));
      await turn();
      for (let i = 0; i < 4; i++) await (i % 2 === 0 ? local.send(i) : shared.send(i));
      const results = await Promise.all(selects);
      expect(results.map((r) => r.value).sort()).to.deep.equal([0, 1, 2, 3]);
      expect(results.every((r) => r.index === (r.value! % 2 === 0 ? 0 : 1))).to.equal(true);
      expect(local.trySend(9)).to.equal(false);
      expect(shared.trySend(9)).to.equal(false);
    });

    it('trySelect and select see a value waiting in a SharedChan, and room, at once', async () => {
      const buffered = new SharedChan<number>(1, { type: 'number' });
      const idle = new Chan<number>();
      buffered.trySend(5);
      expect(trySelect([recv(idle), recv(buffered)])).to.deep.equal({ index: 1, value: 5, ok: true });
      expect(len(buffered)).to.equal(0);
      expect(trySelect([recv(idle), recv(buffered)])).to.equal(undefined);
      expect(trySelect([send(buffered, 6)])).to.deep.equal({ index: 0, value: undefined, ok: true });
      expect(trySelect([send(buffered, 7)])).to.equal(undefined);
      // select commits a ready shared case without parking (no turn of the event loop).
      let settled = false;
      const selected = select([recv(idle), recv(buffered)]).then((r) => ((settled = true), r));
      await Promise.resolve();
      await Promise.resolve();
      expect(settled).to.equal(true);
      expect(await selected).to.deep.equal({ index: 1, value: 6, ok: true });

      const unbuffered = new SharedChan<string>();
      const sending = unbuffered.send('parked sender');
      await turn();
      expect(trySelect([recv(unbuffered)])).to.deep.equal({ index: 0, value: 'parked sender', ok: true });
      await sending;
      const receiving = unbuffered.recv();
      await turn();
      expect(trySelect([send(unbuffered, 'to a parked receiver')])).to.deep.equal({ index: 0, value: undefined, ok: true });
      expect(await receiving).to.equal('to a parked receiver');
    });

    it('send cases, closed channels and abort', async () => {
      const shared = new SharedChan<string>(1);
      expect(await select([send(shared, 'a')])).to.deep.equal({ index: 0, value: undefined, ok: true });
      const full = select([send(shared, 'b')]);
      await turn();
      expect(await shared.recv()).to.equal('a');
      await full;
      expect(shared.tryRecv()).to.deep.equal(['b', true]);

      const controller = new AbortController();
      const aborted = select([recv(shared)], { signal: controller.signal }).catch((e: unknown) => e);
      await turn();
      const reason = new Error('stop');
      controller.abort(reason);
      expect(await aborted).to.equal(reason);
      await shared.send('kept');
      expect(shared.tryRecv()).to.deep.equal(['kept', true]);

      shared.close();
      expect(await select([recv(shared)])).to.deep.equal({ index: 0, value: undefined, ok: false });
      expect(trySelect([recv(shared)])).to.deep.equal({ index: 0, value: undefined, ok: false });
      expect(await select([send(shared, 'x')]).catch((e: unknown) => e)).to.be.instanceOf(SendOnClosedChannelError);
    });
  });
});
