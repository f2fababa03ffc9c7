// Differential test against our nearest peer, ts-chan 0.6 (a devDependency, never a runtime one):
// random sequences of the non-blocking operations, plus parked sends and receives, must be
// observed the same way on both, since both follow Go's runtime/chan.go. What differs by design
// (error classes and messages, ts-chan's macrotask yield before settling) is compared loosely:
// that an operation threw, and what each promise settled with once both have settled.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan as TsChan } from 'ts-chan';
import { Chan } from '@csp/channel';

type Op =
  | { readonly kind: 'trySend'; readonly value: number }
  | { readonly kind: 'tryRecv' }
  | { readonly kind: 'send'; readonly value: number }
  | { readonly kind: 'recv' }
  | { readonly kind: 'close' };

const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 999 }).map((value) => ({ kind: 'trySend' as const, value })) },
  { weight: 4, arbitrary: fc.constant({ kind: 'tryRecv' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 999 }).map((value) => ({ kind: 'send' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'recv' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
);

/** What one operation showed, in a form both libraries can produce. */
type Seen = string;

/** Runs `sequence` on one library and lists what each operation showed, in order. */
interface Adapter {
  trySend(value: number): boolean;
  tryRecv(): [number | undefined, boolean] | undefined;
  send(value: number): Promise<void>;
  recv(): Promise<[number | undefined, boolean]>;
  close(): void;
  length(): number;
}

function ours(capacity: number): Adapter {
  const ch = new Chan<number>(capacity);
  return {
    trySend: (value) => ch.trySend(value),
    tryRecv: () => ch.tryRecv(),
    send: (value) => ch.send(value),
    recv: () => ch.recvOk(),
    close: () => ch.close(),
    length: () => ch.length,
  };
}

function theirs(capacity: number): Adapter {
  const ch = new TsChan<number>(capacity);
  const pair = (r: IteratorResult<number, number | undefined>): [number | undefined, boolean] =>
    r.done === true ? [undefined, false] : [r.value, true];
  return {
    trySend: (value) => ch.trySend(value),
    tryRecv: () => {
      const r = ch.tryRecv();
      return r === undefined ? undefined : pair(r);
    },
    send: (value) => ch.send(value),
    recv: async () => pair(await ch.recv()),
    close: () => ch.close(),
    length: () => ch.length,
  };
}

async function observe(chan: Adapter, sequence: readonly Op[]): Promise<Seen[]> {
  const seen: Seen[] = [];
  const parked: Promise<Seen>[] = [];
  const attempt = (run: () => unknown): Seen => {
    try {
      return JSON.stringify(run() ?? null);
    } catch {
      return 'threw';
    }
  };
  const settle = (promise: Promise<unknown>): Promise<Seen> =>
    promise.then(
      (value) => JSON.stringify(value ?? null),
      () => 'rejected',
    );
  for (const op of sequence) {
    switch (op.kind) {
      case 'trySend':
        seen.push(`trySend ${attempt(() => chan.trySend(op.value))}`);
        break;
      case 'tryRecv':
        seen.push(`tryRecv ${attempt(() => chan.tryRecv())}`);
        break;
      case 'close':
        seen.push(`close ${attempt(() => chan.close())}`);
        break;
      case 'send':
        parked.push(settle(chan.send(op.value)).then((s) => `send ${op.value} ${s}`));
        break;
      case 'recv':
        parked.push(settle(chan.recv()).then((s) => `recv ${s}`));
        break;
    }
    seen.push(`len ${chan.length()}`);
  }
  // Closing at the end settles every parked operation on both sides.
  seen.push(`final close ${attempt(() => chan.close())}`);
  seen.push(...(await Promise.all(parked)));
  return seen;
}

describe('differential: @csp/channel against ts-chan 0.6', () => {
  it('random operations on a channel of random capacity are observed the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.array(ops, { maxLength: 40 }), async (capacity, sequence) => {
        const expected = await observe(theirs(capacity), sequence);
        const actual = await observe(ours(capacity), sequence);
        expect(actual).to.deep.equal(expected);
      }),
      { numRuns: 200 },
    );
  });
});
