// fast-check properties: FIFO order, uniform select, close behaviour and abort safety.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan, SendOnClosedChannelError, recv, select, send, trySelect, type SelectCase } from '@csp/channel';
import { flush, track, type Tracked } from './helpers.js';
import { expectChanInvariants } from './invariants.js';

/** Channel capacities, unbuffered included. */
const capacities = fc.integer({ min: 0, max: 4 });
/** One entry per parked call: whether to abort it. */
const abortPlans = fc.array(fc.boolean(), { minLength: 1, maxLength: 25 });

/** Starts one call per entry of `aborts`, each with its own signal, then aborts those marked true. */
function parkThenAbort<T>(aborts: readonly boolean[], start: (signal: AbortSignal, i: number) => Promise<T>): Tracked<T>[] {
  const controllers = aborts.map(() => new AbortController());
  const calls = aborts.map((_, i) => track(start(controllers[i]!.signal, i)));
  aborts.forEach((abort, i) => abort && controllers[i]!.abort('gone'));
  return calls;
}

/** The indexes of the calls that were not aborted, in order. */
function stayingIndexes(aborts: readonly boolean[]): number[] {
  return aborts.flatMap((abort, i) => (abort ? [] : [i]));
}

describe('properties', () => {
  it('parked receivers are served in the order they parked, also when some of them abort', async () => {
    await fc.assert(
      fc.asyncProperty(capacities, abortPlans, async (capacity, aborts) => {
        const ch = new Chan<number>(capacity);
        const receivers = parkThenAbort(aborts, (signal) => ch.recv({ signal }));
        expectChanInvariants(ch);
        const staying = stayingIndexes(aborts);
        staying.forEach((_, n) => expect(ch.trySend(100 + n)).to.equal(true));
        expect(ch.length).to.equal(0);
        await flush();
        staying.forEach((i, n) => expect(receivers[i]!.outcome).to.deep.equal({ state: 'resolved', value: 100 + n }));
      }),
      { numRuns: 100 },
    );
  });

  it('parked senders are served in the order they parked, also when some of them abort', async () => {
    await fc.assert(
      fc.asyncProperty(capacities, abortPlans, async (capacity, aborts) => {
        const ch = new Chan<number>(capacity);
        for (let i = 0; i < capacity; i++) ch.trySend(-1 - i);
        const senders = parkThenAbort(aborts, (signal, i) => ch.send(i, { signal }));
        expectChanInvariants(ch);
        const received: number[] = [];
        for (let got = ch.tryRecv(); got !== undefined; got = ch.tryRecv()) received.push(got[0]!);
        const buffered = Array.from({ length: capacity }, (_, i) => -1 - i);
        const staying = stayingIndexes(aborts);
        expect(received).to.deep.equal([...buffered, ...staying]);
        await flush();
        aborts.forEach((abort, i) => expect(senders[i]!.outcome.state).to.equal(abort ? 'rejected' : 'resolved'));
      }),
      { numRuns: 100 },
    );
  });

  describe('select chooses uniformly among ready cases', () => {
    // Upper 1e-6 quantiles of the chi-square distribution with 1..5 degrees of freedom: a fair
    // select fails this test about once in a million runs per property run.
    const critical = [Number.NaN, 23.928, 27.631, 30.665, 33.377, 35.888];
    const trialsPerCase = 600;

    type Layout = ('recv' | 'send' | 'blocked' | 'nil')[];
    const layouts = fc
      .array(fc.constantFrom<Layout[number]>('recv', 'send', 'blocked', 'nil'), { minLength: 2, maxLength: 9 })
      .filter((layout) => {
        const ready = layout.filter((kind) => kind === 'recv' || kind === 'send').length;
        return ready >= 2 && ready <= 6;
      });

    for (const [name, run] of [
      ['select', (cases: SelectCase[]) => select(cases)],
      ['trySelect', (cases: SelectCase[]) => Promise.resolve(trySelect(cases)!)],
    ] as const) {
      it(`${name}: chi-square over 2..6 ready cases mixed with blocked and nil ones (p < 1e-6)`, async () => {
        await fc.assert(
          fc.asyncProperty(layouts, async (layout) => {
            const channels = layout.map((kind) => (kind === 'nil' ? null : new Chan<number>(kind === 'blocked' ? 0 : 1)));
            const cases = layout.map((kind, i) => (kind === 'send' ? send(channels[i]!, i) : recv(channels[i]!)));
            const ready = layout.flatMap((kind, i) => (kind === 'recv' || kind === 'send' ? [i] : []));
            const counts = new Map(ready.map((i) => [i, 0]));
            const trials = trialsPerCase * ready.length;
            for (let t = 0; t < trials; t++) {
              // Make every ready case ready again: a value to receive, room to send.
              layout.forEach((kind, i) => {
                if (kind === 'recv' && channels[i]!.length === 0) channels[i]!.trySend(t);
                if (kind === 'send' && channels[i]!.length === 1) channels[i]!.tryRecv();
              });
              const r = await run(cases);
              expect(counts.has(r.index), `chose case ${r.index} (${layout[r.index]})`).to.equal(true);
              counts.set(r.index, counts.get(r.index)! + 1);
            }
            const expected = trials / ready.length;
            let chiSquare = 0;
            for (const observed of counts.values()) chiSquare += (observed - expected) ** 2 / expected;
            expect(chiSquare, JSON.stringify([...counts])).to.be.below(critical[ready.length - 1]!);
          }),
          { numRuns: 12 },
        );
      });
    }

    it('the test detects a biased choice', () => {
      // 600 trials per case where the first of 3 cases wins 40% instead of 33%.
      const expected = 600;
      const counts = [720, 540, 540];
      const chiSquare = counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
      expect(chiSquare).to.be.above(critical[2]!);
    });
  });

  it('close: the buffer drains in order, every parked receiver wakes, every parked sender rejects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 5 }),
        async (capacity, sends, receiversIfIdle) => {
          const ch = new Chan<number>(capacity);
          const senders = Array.from({ length: sends }, (_, i) => track(ch.send(i)));
          const receivers = Array.from({ length: sends === 0 ? receiversIfIdle : 0 }, () => track(ch.recvOk()));
          await flush();
          const buffered = Math.min(sends, capacity);
          expect(ch.length).to.equal(buffered);
          expectChanInvariants(ch);
          ch.close();
          expectChanInvariants(ch);
          await flush();
          senders.forEach((s, i) => {
            if (i < buffered) expect(s.outcome.state).to.equal('resolved');
            else {
              expect(s.outcome.state).to.equal('rejected');
              expect((s.outcome as { reason: unknown }).reason).to.be.instanceOf(SendOnClosedChannelError);
            }
          });
          for (const r of receivers) expect(r.outcome).to.deep.equal({ state: 'resolved', value: [undefined, false] });
          for (let i = 0; i < buffered; i++) expect(await ch.recvOk()).to.deep.equal([i, true]);
          for (let i = 0; i < 3; i++) expect(await ch.recvOk()).to.deep.equal([undefined, false]);
          expect([ch.senders.size, ch.receivers.size]).to.deep.equal([0, 0]);
        },
      ),
      { numRuns: 150 },
    );
  });

  describe('abort safety', () => {
    type OpKind = 'send' | 'recv' | 'selectSend' | 'selectRecv' | 'trySend' | 'tryRecv';
    interface Op {
      readonly kind: OpKind;
      /** Abort it before the call, never, or that many steps after it started. */
      readonly abort: 'before' | 'never' | number;
      /** Let the event loop turn after this step. */
      readonly yields: boolean;
    }
    const op: fc.Arbitrary<Op> = fc.record({
      kind: fc.constantFrom<OpKind>('send', 'recv', 'selectSend', 'selectRecv', 'trySend', 'tryRecv'),
      abort: fc.oneof(fc.constant<'before'>('before'), fc.constant<'never'>('never'), fc.integer({ min: 0, max: 5 })),
      yields: fc.boolean(),
    });

    it('the values received are exactly the values of the sends that resolved: nothing lost, nothing duplicated', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(op, { maxLength: 30 }), async (capacity, ops) => {
          const ch = new Chan<number>(capacity);
          const idle = new Chan<number>(); // a second case that never becomes ready
          const sent: number[] = [];
          const received: number[] = [];
          const controllers = ops.map(() => new AbortController());
          const started: { kind: OpKind; value: number; tracked: Tracked<unknown> }[] = [];
          const abortReason = new Error('aborted');

          for (let step = 0; step < ops.length; step++) {
            const { kind, abort, yields } = ops[step]!;
            const value = step;
            const signal = controllers[step]!.signal;
            if (abort === 'before') controllers[step]!.abort(abortReason);
            switch (kind) {
              case 'trySend':
                if (ch.trySend(value)) sent.push(value);
                break;
              case 'tryRecv': {
                const got = ch.tryRecv();
                if (got?.[1]) received.push(got[0]!);
                break;
              }
              case 'send':
                started.push({ kind, value, tracked: track(ch.send(value, { signal })) });
                break;
              case 'recv':
                started.push({ kind, value, tracked: track(ch.recvOk({ signal })) });
                break;
              case 'selectSend':
                started.push({ kind, value, tracked: track(select([send(ch, value), recv(idle)], { signal })) });
                break;
              case 'selectRecv':
                started.push({ kind, value, tracked: track(select([recv(idle), recv(ch)], { signal })) });
                break;
            }
            ops.forEach((other, i) => other.abort === step - i && controllers[i]!.abort(abortReason));
            if (yields) await flush();
            expectChanInvariants(ch, idle);
          }
          ch.close();
          for (let got = ch.tryRecv(); got?.[1]; got = ch.tryRecv()) received.push(got[0]!);
          await flush();

          for (const { kind, value, tracked } of started) {
            const outcome = tracked.outcome;
            expect(outcome.state, kind).to.not.equal('pending');
            if (outcome.state === 'rejected') {
              const isSend = kind === 'send' || kind === 'selectSend';
              const closedSend = isSend && outcome.reason instanceof SendOnClosedChannelError;
              expect(outcome.reason === abortReason || closedSend, String(outcome.reason)).to.equal(true);
              continue;
            }
            const result = (outcome as { value: unknown }).value;
            if (kind === 'send' || kind === 'selectSend') sent.push(value);
            else if (kind === 'recv') {
              const [v, ok] = result as [number, boolean];
              if (ok) received.push(v);
            } else {
              const r = result as { index: number; value: number; ok: boolean };
              expect(r.index).to.equal(1);
              if (r.ok) received.push(r.value);
            }
          }
          expect([...received].sort((a, b) => a - b)).to.deep.equal([...sent].sort((a, b) => a - b));
          expect([ch.senders.size, ch.receivers.size, idle.senders.size, idle.receivers.size]).to.deep.equal([0, 0, 0, 0]);
        }),
        { numRuns: 300 },
      );
    });
  });
});
