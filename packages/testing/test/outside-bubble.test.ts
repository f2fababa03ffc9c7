// A channel made inside a bubble belongs to it: operating on it from outside, or from another
// bubble, throws as Go panics ("send on synctest channel from outside bubble"). A channel made
// outside every bubble can be used anywhere.
import { expect } from 'chai';
import { Chan, recv, select, send, time, trySelect } from '@csp/channel';
import { ChanOutsideBubbleError, synctest } from '@csp/testing';
import { GoPanicError } from '@csp/channel/internal';
import { context } from '@csp/sync';
import { rejection } from './helpers.js';

/** What `fn` threw synchronously (fails when it throws nothing). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** Checks that `error` is the outside-bubble error of `operation`, with Go's text first. */
function expectOutside(error: Error, operation: 'send on' | 'receive on' | 'close of' | 'select on'): void {
  expect(error).to.be.instanceOf(ChanOutsideBubbleError);
  expect(error).to.be.instanceOf(GoPanicError);
  expect(error.name).to.equal('ChanOutsideBubbleError');
  expect(error.message).to.match(new RegExp(`^${operation} synctest channel from outside bubble: `));
}

describe('a bubble channel used from outside the bubble', () => {
  it('every operation throws (trySend, tryRecv, close, trySelect) or rejects (send, recv, recvOk, select, for await), changing nothing', async () => {
    const ch = await synctest.test(() => {
      const made = new Chan<number>(2, { name: 'made inside' });
      made.trySend(1);
      return made;
    });
    expectOutside(
      thrown(() => ch.trySend(2)),
      'send on',
    );
    expectOutside(
      thrown(() => ch.tryRecv()),
      'receive on',
    );
    expectOutside(
      thrown(() => ch.close()),
      'close of',
    );
    expectOutside(
      thrown(() => trySelect([recv(ch)])),
      'select on',
    );
    expectOutside(await rejection(ch.send(2)), 'send on');
    expectOutside(await rejection(send(ch, 2)), 'send on');
    expectOutside(await rejection(ch.recv()), 'receive on');
    expectOutside(await rejection(recv(ch)), 'receive on');
    expectOutside(await rejection(ch.recvOk()), 'receive on');
    expectOutside(await rejection(select([recv(new Chan<number>()), send(ch, 2)])), 'select on');
    expectOutside(
      await rejection(
        (async () => {
          for await (const value of ch) return value;
        })(),
      ),
      'receive on',
    );
    expect(ch.length, 'the buffered value is still there').to.equal(1);
    expect(ch.receivers.size + ch.senders.size, 'nothing parked').to.equal(0);
  });

  it('another bubble is outside too; len and cap may be read from anywhere, as in Go', async () => {
    const ch = await synctest.test(() => new Chan<number>(1));
    const error = await rejection(synctest.test(() => ch.send(1)));
    expectOutside(error, 'send on');
    expect(ch.length).to.equal(0);
    expect(ch.capacity).to.equal(1);
  });

  it("a bubble's timer channel is the bubble's too", async () => {
    const after = await synctest.test(() => time.after(time.second));
    expectOutside(await rejection(after.recv()), 'receive on');
  });

  it('a channel made outside every bubble is usable inside one and outside it', async () => {
    const shared = new Chan<number>(1);
    await synctest.test(async () => {
      await shared.send(1);
    });
    expect(await shared.recv()).to.equal(1);
  });

  it("the library's shared channels belong to no bubble: the done() of a context cancelled before its first done()", async () => {
    await synctest.test(() => {
      const [ctx, cancel] = context.withCancel(context.background());
      cancel();
      return ctx.done()!.recv();
    });
    const [ctx, cancel] = context.withCancel(context.background());
    cancel();
    expect(await ctx.done()!.recvOk()).to.deep.equal([undefined, false]);
  });

  it("inside the bubble, every goroutine and timer callback may use the bubble's channels", async () => {
    const got = await synctest.test(async () => {
      const ch = new Chan<string>();
      time.afterFunc(time.second, () => void ch.trySend('from a timer'));
      return ch.recv();
    });
    expect(got).to.equal('from a timer');
  });
});
