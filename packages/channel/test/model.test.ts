// Model-based test: random sequences of trySend / tryRecv / send / recv (plain or as a select
// case) / close / abort on a Chan of random capacity, checked after every step against a plain
// queue model of a Go channel, and against the `Invariants:` of Chan and WaitQueue.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan, CloseOfClosedChannelError, SendOnClosedChannelError, recv, select, send } from '@csp/channel';
import { flush, track, type Outcome, type Tracked } from './helpers.js';
import { expectChanInvariants } from './invariants.js';

/** What the model expects of one blocking call: still parked, resolved with a value, or rejected. */
type Expected =
  { state: 'pending' } | { state: 'resolved'; value: unknown } | { state: 'rejected'; reason: 'closed' | 'aborted' };

interface ModelOp {
  readonly id: number;
  /** How the call reports a receive: `recvOk` gives `[v, ok]`, a select case `{ index, value, ok }`. */
  readonly form: 'plain' | 'select';
  readonly value: number;
  expected: Expected;
}

/** A Go channel as plain arrays. */
interface Model {
  readonly capacity: number;
  readonly buffer: number[];
  readonly parkedSenders: ModelOp[];
  readonly parkedReceivers: ModelOp[];
  closed: boolean;
  readonly ops: ModelOp[];
}

interface Real {
  readonly ch: Chan<number>;
  /** The other case of select calls; never ready. */
  readonly idle: Chan<number>;
  readonly calls: { tracked: Tracked<unknown>; controller: AbortController }[];
}

const aborted = new Error('aborted by the model test');

function received(op: ModelOp, value: number | undefined, ok: boolean): Expected {
  return { state: 'resolved', value: op.form === 'plain' ? [value, ok] : { index: 0, value, ok } };
}

function sentOk(op: ModelOp): Expected {
  return { state: 'resolved', value: op.form === 'plain' ? undefined : { index: 0, value: undefined, ok: true } };
}

/** The model's receive, when one can complete now: Go's chanrecv. */
function modelReceive(m: Model): [value: number | undefined, ok: boolean] | undefined {
  const sender = m.parkedSenders.shift();
  if (sender !== undefined) {
    sender.expected = sentOk(sender);
    if (m.capacity === 0) return [sender.value, true];
    m.buffer.push(sender.value);
    return [m.buffer.shift()!, true];
  }
  if (m.buffer.length > 0) return [m.buffer.shift()!, true];
  if (m.closed) return [undefined, false];
  return undefined;
}

/** The model's send, when one can complete now (the channel is open): Go's chansend. */
function modelSend(m: Model, value: number): boolean {
  const receiver = m.parkedReceivers.shift();
  if (receiver !== undefined) {
    receiver.expected = received(receiver, value, true);
    return true;
  }
  if (m.buffer.length < m.capacity) {
    m.buffer.push(value);
    return true;
  }
  return false;
}

/** Compares every blocking call's outcome with the model, and the channel's state. */
async function checkAll(m: Model, r: Real): Promise<void> {
  await flush();
  m.ops.forEach((op, i) => {
    const outcome: Outcome<unknown> = r.calls[i]!.tracked.outcome;
    const expected = op.expected;
    if (expected.state === 'rejected') {
      expect(outcome.state, `call ${op.id}`).to.equal('rejected');
      const reason = (outcome as { reason: unknown }).reason;
      if (expected.reason === 'aborted') expect(reason).to.equal(aborted);
      else expect(reason).to.be.instanceOf(SendOnClosedChannelError);
    } else {
      expect(outcome, `call ${op.id}`).to.deep.equal(expected);
    }
  });
  expect(r.ch.length).to.equal(m.buffer.length);
  expect(r.ch.senders.size).to.equal(m.parkedSenders.length);
  expect(r.ch.receivers.size).to.equal(m.parkedReceivers.length);
  // A parked select also waits on its idle case; a settled one left nothing there.
  const parkedSelects = [...m.parkedSenders, ...m.parkedReceivers].filter((op) => op.form === 'select').length;
  expect(r.idle.receivers.size).to.equal(parkedSelects);
  expectChanInvariants(r.ch, r.idle);
}

class TrySend implements fc.AsyncCommand<Model, Real> {
  constructor(readonly value: number) {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    if (m.closed) {
      expect(() => r.ch.trySend(this.value)).to.throw(SendOnClosedChannelError);
    } else {
      expect(r.ch.trySend(this.value)).to.equal(modelSend(m, this.value));
    }
    await checkAll(m, r);
  }
  toString = (): string => `trySend(${this.value})`;
}

class TryRecv implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    expect(r.ch.tryRecv()).to.deep.equal(modelReceive(m));
    await checkAll(m, r);
  }
  toString = (): string => 'tryRecv()';
}

class Send implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly value: number,
    readonly form: 'plain' | 'select',
  ) {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const op: ModelOp = { id: m.ops.length, form: this.form, value: this.value, expected: { state: 'pending' } };
    const controller = new AbortController();
    const { signal } = controller;
    const promise =
      this.form === 'plain' ? r.ch.send(this.value, { signal }) : select([send(r.ch, this.value), recv(r.idle)], { signal });
    m.ops.push(op);
    r.calls.push({ tracked: track<unknown>(promise), controller });
    if (m.closed) op.expected = { state: 'rejected', reason: 'closed' };
    else if (modelSend(m, this.value)) op.expected = sentOk(op);
    else m.parkedSenders.push(op);
    await checkAll(m, r);
  }
  toString = (): string => `${this.form} send(${this.value})`;
}

class Recv implements fc.AsyncCommand<Model, Real> {
  constructor(readonly form: 'plain' | 'select') {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const op: ModelOp = { id: m.ops.length, form: this.form, value: 0, expected: { state: 'pending' } };
    const controller = new AbortController();
    const { signal } = controller;
    const promise = this.form === 'plain' ? r.ch.recvOk({ signal }) : select([recv(r.ch), recv(r.idle)], { signal });
    m.ops.push(op);
    r.calls.push({ tracked: track<unknown>(promise), controller });
    const got = modelReceive(m);
    if (got !== undefined) op.expected = received(op, got[0], got[1]);
    else m.parkedReceivers.push(op);
    await checkAll(m, r);
  }
  toString = (): string => `${this.form} recv()`;
}

class Close implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    if (m.closed) {
      expect(() => r.ch.close()).to.throw(CloseOfClosedChannelError);
    } else {
      r.ch.close();
      m.closed = true;
      for (const op of m.parkedReceivers.splice(0)) op.expected = received(op, undefined, false);
      for (const op of m.parkedSenders.splice(0)) op.expected = { state: 'rejected', reason: 'closed' };
    }
    await checkAll(m, r);
  }
  toString = (): string => 'close()';
}

/** Aborts the `pick`-th call (modulo their number), parked or not: only a parked one is affected. */
class Abort implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>): boolean => m.ops.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const index = this.pick % m.ops.length;
    const op = m.ops[index]!;
    r.calls[index]!.controller.abort(aborted);
    for (const queue of [m.parkedSenders, m.parkedReceivers]) {
      const at = queue.indexOf(op);
      if (at >= 0) {
        queue.splice(at, 1);
        op.expected = { state: 'rejected', reason: 'aborted' };
      }
    }
    await checkAll(m, r);
  }
  toString = (): string => `abort(#${this.pick})`;
}

const form = fc.constantFrom<'plain' | 'select'>('plain', 'select');
const commands = [
  fc.integer({ min: 0, max: 99 }).map((v) => new TrySend(v)),
  fc.constant(new TryRecv()),
  fc.tuple(fc.integer({ min: 0, max: 99 }), form).map(([v, f]) => new Send(v, f)),
  form.map((f) => new Recv(f)),
  fc.constant(new Close()),
  fc.nat().map((pick) => new Abort(pick)),
];

describe('Chan against a queue model', () => {
  it('agrees with the model after every step of random operation sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.commands(commands, { maxCommands: 40 }), async (capacity, cmds) => {
        const setup = (): { model: Model; real: Real } => ({
          model: { capacity, buffer: [], parkedSenders: [], parkedReceivers: [], closed: false, ops: [] },
          real: { ch: new Chan<number>(capacity), idle: new Chan<number>(), calls: [] },
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: 150 },
    );
  });
});
