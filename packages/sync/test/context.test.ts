// context: Go's context package: trees of cancellation, deadlines, values and causes.
import { expect } from 'chai';
import { Chan, recv, select, time } from '@csp/channel';
import { CanceledError, DeadlineExceededError, Mutex, Semaphore, context, type Context } from '@csp/sync';
import { synctest } from '@csp/testing';
import { activeTimeouts, flush, rejectionOf, track } from './helpers.js';

/** Whether `ctx.done()` is closed, without blocking. */
function isDone(ctx: Context): boolean {
  return ctx.done()?.tryRecv()?.[1] === false;
}

describe('context', () => {
  describe('errors', () => {
    it("Canceled and DeadlineExceeded carry Go's messages and are instances of their classes", () => {
      expect(context.Canceled.message).to.equal('context canceled');
      expect(context.DeadlineExceeded.message).to.equal('context deadline exceeded');
      expect(context.Canceled).to.be.instanceOf(CanceledError);
      expect(context.DeadlineExceeded).to.be.instanceOf(DeadlineExceededError);
      expect(context.CanceledError).to.equal(CanceledError);
    });
  });

  describe('background / todo', () => {
    it('is never done, has no deadline, no values, a nil done channel and a signal that never aborts', () => {
      for (const ctx of [context.background(), context.todo()]) {
        expect(ctx.done()).to.equal(null);
        expect(ctx.err()).to.equal(undefined);
        expect(ctx.deadline()).to.deep.equal([undefined, false]);
        expect(ctx.value('anything')).to.equal(undefined);
        expect(ctx.signal.aborted).to.equal(false);
        expect(context.cause(ctx)).to.equal(undefined);
      }
      expect(context.background()).to.equal(context.background());
      expect(String(context.background())).to.equal('context.Background');
      expect(String(context.todo())).to.equal('context.TODO');
    });

    it('refuses a missing parent', () => {
      expect(() => context.withCancel(null as unknown as Context)).to.throw(TypeError, /nil parent/);
    });
  });

  describe('withCancel', () => {
    it('cancel closes done(), sets err() to Canceled and aborts the signal', async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const done = ctx.done()!;
      expect(ctx.done()).to.equal(done);
      const waiting = track(done.recvOk());
      expect(ctx.err()).to.equal(undefined);
      const signal = ctx.signal;
      cancel();
      await flush();
      expect(waiting.outcome).to.deep.equal({ state: 'resolved', value: [undefined, false] });
      expect(ctx.err()).to.equal(context.Canceled);
      expect(signal.aborted).to.equal(true);
      expect(signal.reason).to.equal(context.Canceled);
      cancel(); // again: nothing changes
      expect(ctx.err()).to.equal(context.Canceled);
    });

    it('done() and signal asked for after the cancel are already closed / aborted', () => {
      const [ctx, cancel] = context.withCancel(context.background());
      cancel();
      expect(isDone(ctx)).to.equal(true);
      expect(ctx.signal.aborted).to.equal(true);
      expect(ctx.signal.reason).to.equal(context.Canceled);
    });

    it('done() is usable in select', () =>
      synctest.test(async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const work = new Chan<number>();
        time.afterFunc(2, cancel);
        const r = await select([recv(work), recv(ctx.done())]);
        expect(r.index).to.equal(1);
      }));

    it('cancellation propagates down to every descendant, never up', () => {
      const [root, cancelRoot] = context.withCancel(context.background());
      const [mid, cancelMid] = context.withCancel(root);
      const [leaf] = context.withCancel(context.withValue(mid, 'k', 1));
      const [sibling] = context.withCancel(root);
      cancelMid();
      expect(isDone(mid)).to.equal(true);
      expect(isDone(leaf)).to.equal(true);
      expect(leaf.err()).to.equal(context.Canceled);
      expect(isDone(root)).to.equal(false);
      expect(isDone(sibling)).to.equal(false);
      cancelRoot();
      expect(sibling.err()).to.equal(context.Canceled);
    });

    it('a child of a cancelled parent is cancelled at once', () => {
      const [parent, cancel] = context.withCancel(context.background());
      cancel();
      const [child] = context.withCancel(parent);
      expect(child.err()).to.equal(context.Canceled);
      expect(child.signal.aborted).to.equal(true);
    });

    it('a cancelled child is detached from its parent', () => {
      const [parent] = context.withCancel(context.background());
      const [, cancelChild] = context.withCancel(parent);
      cancelChild();
      expect((parent as unknown as { children: Set<unknown> | null }).children?.size ?? 0).to.equal(0);
    });

    it('handles a chain of 20 000 contexts without deep recursion', () => {
      const [root, cancel] = context.withCancel(context.background());
      let ctx: Context = context.withValue(root, 'key', 'value');
      for (let i = 0; i < 20_000; i++) ctx = i % 2 === 0 ? context.withCancel(ctx)[0] : context.withValue(ctx, i, i);
      expect(ctx.value('key')).to.equal('value');
      cancel();
      expect(ctx.err()).to.equal(context.Canceled);
    });
  });

  describe('withCancelCause / cause', () => {
    it('records the cause; err() and the signal reason stay Canceled, as in Go', () => {
      const [ctx, cancel] = context.withCancelCause(context.background());
      const signalBefore = ctx.signal;
      const cause = new Error('the disk is full');
      cancel(cause);
      expect(ctx.err()).to.equal(context.Canceled);
      expect(context.cause(ctx)).to.equal(cause);
      expect(signalBefore.reason).to.equal(context.Canceled);
      expect(ctx.signal.reason).to.equal(context.Canceled);
    });

    it('an operation aborted through ctx.signal rejects with Canceled, not the cause', async () => {
      const [ctx, cancel] = context.withCancelCause(context.background());
      const mu = new Mutex();
      await mu.lock();
      const waiting = mu.lock({ signal: ctx.signal });
      cancel(new Error('shutting down'));
      expect(await rejectionOf(waiting)).to.equal(context.Canceled);
    });

    it('without a cause, the cause is Canceled; while live it is undefined', () => {
      const [ctx, cancel] = context.withCancelCause(context.background());
      expect(context.cause(ctx)).to.equal(undefined);
      cancel();
      expect(context.cause(ctx)).to.equal(context.Canceled);
    });

    it('the first cause wins, also over a later parent cancellation', () => {
      const [parent, cancelParent] = context.withCancelCause(context.background());
      const [child, cancelChild] = context.withCancelCause(parent);
      const first = new Error('first');
      cancelChild(first);
      cancelChild(new Error('second'));
      cancelParent(new Error('parent'));
      expect(context.cause(child)).to.equal(first);
    });

    it("descendants get the ancestor's cause, also through values", () => {
      const [parent, cancel] = context.withCancelCause(context.background());
      const [child] = context.withCancel(parent);
      const valued = context.withValue(child, 'k', 'v');
      const cause = new Error('shutting down');
      cancel(cause);
      expect(context.cause(child)).to.equal(cause);
      expect(context.cause(valued)).to.equal(cause);
      expect(valued.err()).to.equal(context.Canceled);
      expect(valued.signal.reason).to.equal(context.Canceled);
    });
  });

  describe('withTimeout / withDeadline', () => {
    it('is done with DeadlineExceeded once the timeout passes, and reports its deadline', () =>
      synctest.test(async () => {
        const before = time.now().getTime();
        const [ctx, cancel] = context.withTimeout(context.background(), 5);
        const [deadline, ok] = ctx.deadline();
        expect(ok).to.equal(true);
        expect(deadline!.getTime()).to.equal(before + 5);
        await ctx.done()!.recv();
        expect(time.since(before)).to.equal(5);
        expect(ctx.err()).to.equal(context.DeadlineExceeded);
        expect(context.cause(ctx)).to.equal(context.DeadlineExceeded);
        expect(ctx.signal.reason).to.equal(context.DeadlineExceeded);
        cancel(); // after the deadline: nothing changes
        expect(ctx.err()).to.equal(context.DeadlineExceeded);
      }));

    it('withTimeoutCause / withDeadlineCause record their cause at the deadline', () =>
      synctest.test(async () => {
        const cause = new Error('the backend is too slow');
        const [ctx, cancel] = context.withTimeoutCause(context.background(), 2, cause);
        await ctx.done()!.recv();
        expect(ctx.err()).to.equal(context.DeadlineExceeded);
        expect(context.cause(ctx)).to.equal(cause);
        expect(ctx.signal.reason).to.equal(context.DeadlineExceeded);
        cancel();
        const [past] = context.withDeadlineCause(context.background(), new Date(time.now().getTime() - 1), cause);
        expect(context.cause(past)).to.equal(cause);
        expect(past.signal.reason).to.equal(context.DeadlineExceeded);
      }));

    it('an operation aborted through the signal of a timed-out context rejects with DeadlineExceeded', () =>
      synctest.test(async () => {
        const [ctx, cancel] = context.withTimeoutCause(context.background(), 2, new Error('too slow'));
        const sem = new Semaphore(0);
        expect(await rejectionOf(sem.acquire(1, { signal: ctx.signal }))).to.equal(context.DeadlineExceeded);
        cancel();
      }));

    it('a cancel before the deadline gives Canceled and clears the timer', () => {
      const timers = activeTimeouts();
      const [ctx, cancel] = context.withTimeout(context.background(), 60_000);
      expect(activeTimeouts()).to.equal(timers + 1);
      cancel();
      expect(ctx.err()).to.equal(context.Canceled);
      expect(activeTimeouts()).to.equal(timers);
    });

    it('cancelling an ancestor clears the timers of every descendant', () => {
      const timers = activeTimeouts();
      const [root, cancel] = context.withCancel(context.background());
      const [a] = context.withTimeout(root, 60_000);
      const [b] = context.withTimeout(context.withValue(a, 'k', 1), 50_000);
      expect(activeTimeouts()).to.equal(timers + 2);
      cancel();
      expect(a.err()).to.equal(context.Canceled);
      expect(b.err()).to.equal(context.Canceled);
      expect(activeTimeouts()).to.equal(timers);
    });

    it("never extends the parent's deadline", () => {
      const [parent, cancelParent] = context.withTimeout(context.background(), 1_000);
      const [child, cancelChild] = context.withTimeout(parent, 60_000);
      expect(child.deadline()).to.deep.equal(parent.deadline());
      const [shorter, cancelShorter] = context.withTimeout(parent, 10);
      expect(shorter.deadline()[0]!.getTime()).to.be.below(parent.deadline()[0]!.getTime());
      cancelShorter();
      cancelChild();
      cancelParent();
    });

    it('a deadline already past gives a context that is done at once, without a timer', () => {
      const timers = activeTimeouts();
      const [ctx] = context.withDeadline(context.background(), new Date(Date.now() - 1_000));
      expect(ctx.err()).to.equal(context.DeadlineExceeded);
      expect(isDone(ctx)).to.equal(true);
      expect(activeTimeouts()).to.equal(timers);
      const [zero] = context.withTimeout(context.background(), 0);
      expect(zero.err()).to.equal(context.DeadlineExceeded);
    });

    it('a deadline child of a cancelled parent is cancelled at once and arms no timer', () => {
      const timers = activeTimeouts();
      const [parent, cancel] = context.withCancel(context.background());
      cancel();
      const [child] = context.withTimeout(parent, 60_000);
      expect(child.err()).to.equal(context.Canceled);
      expect(activeTimeouts()).to.equal(timers);
    });

    it('a parent deadline reaches the child with DeadlineExceeded', () =>
      synctest.test(async () => {
        const [parent, cancel] = context.withTimeout(context.background(), 3);
        const [child] = context.withCancel(parent);
        await child.done()!.recv();
        expect(child.err()).to.equal(context.DeadlineExceeded);
        cancel();
      }));

    it('rejects a bad timeout or deadline with a RangeError', () => {
      expect(() => context.withTimeout(context.background(), NaN)).to.throw(RangeError, /timeout/);
      expect(() => context.withDeadline(context.background(), new Date(NaN))).to.throw(RangeError, /deadline/);
    });

    it('a deadline longer than setTimeout allows is still honoured (no immediate fire)', () => {
      const [ctx, cancel] = context.withTimeout(context.background(), 30 * 24 * time.hour);
      expect(ctx.err()).to.equal(undefined);
      cancel();
    });
  });

  describe('withValue', () => {
    it('looks keys up along the path to the root, nearest first', () => {
      const user = Symbol('user');
      const a = context.withValue(context.background(), user, 'alice');
      const b = context.withValue(a, 'other', 1);
      const c = context.withValue(b, user, 'bob');
      expect(b.value(user)).to.equal('alice');
      expect(c.value(user)).to.equal('bob');
      expect(c.value('other')).to.equal(1);
      expect(c.value('missing')).to.equal(undefined);
    });

    it('is done when its parent is, and keeps the parent deadline', () => {
      const [parent, cancel] = context.withTimeout(context.background(), 60_000);
      const ctx = context.withValue(parent, 'k', 'v');
      expect(ctx.deadline()).to.deep.equal(parent.deadline());
      expect(ctx.done()).to.equal(parent.done());
      cancel();
      expect(ctx.err()).to.equal(context.Canceled);
      expect(ctx.signal.aborted).to.equal(true);
    });

    it('refuses a nil key', () => {
      expect(() => context.withValue(context.background(), undefined, 1)).to.throw(TypeError, /nil key/);
    });
  });

  describe('withoutCancel', () => {
    it("keeps the parent's values but not its cancellation or deadline", () => {
      const [parent, cancel] = context.withTimeout(context.withValue(context.background(), 'k', 'v'), 60_000);
      const ctx = context.withoutCancel(parent);
      const [child] = context.withCancel(ctx);
      cancel();
      expect(ctx.value('k')).to.equal('v');
      expect(ctx.done()).to.equal(null);
      expect(ctx.err()).to.equal(undefined);
      expect(ctx.deadline()).to.deep.equal([undefined, false]);
      expect(context.cause(ctx)).to.equal(undefined);
      expect(child.err()).to.equal(undefined);
    });
  });

  describe('afterFunc', () => {
    it('runs f as a goroutine once the context is done', async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      let ran = 0;
      const stop = context.afterFunc(ctx, () => ran++);
      cancel();
      expect(ran).to.equal(0); // not synchronously: in its own goroutine
      await flush();
      expect(ran).to.equal(1);
      expect(stop()).to.equal(false);
    });

    it('stop before the cancel keeps f from running', async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      let ran = false;
      const stop = context.afterFunc(ctx, () => (ran = true));
      expect(stop()).to.equal(true);
      expect(stop()).to.equal(false);
      cancel();
      await flush();
      expect(ran).to.equal(false);
    });

    it('runs f at once for a context that is already done', async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      cancel();
      let ran = false;
      context.afterFunc(ctx, () => (ran = true));
      await flush();
      expect(ran).to.equal(true);
    });
  });

  describe('a Context implemented elsewhere', () => {
    it('is followed through its signal, with one listener shared by all its children', () => {
      const controller = new AbortController();
      let added = 0;
      let removed = 0;
      const signal = controller.signal;
      const originalAdd = signal.addEventListener.bind(signal);
      const originalRemove = signal.removeEventListener.bind(signal);
      signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
        added++;
        originalAdd(...args);
      }) as AbortSignal['addEventListener'];
      signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
        removed++;
        originalRemove(...args);
      }) as AbortSignal['removeEventListener'];
      const done = new Chan<void>();
      const foreign: Context = {
        deadline: () => [undefined, false],
        done: () => done,
        err: () => (controller.signal.aborted ? context.Canceled : undefined),
        value: (key) => (key === 'foreign' ? 'yes' : undefined),
        signal,
      };
      const [a] = context.withCancel(foreign);
      const [b, cancelB] = context.withCancel(context.withValue(foreign, 'k', 1));
      const [c, cancelC] = context.withCancel(foreign);
      expect(a.value('foreign')).to.equal('yes');
      expect(added).to.equal(1); // one listener on the signal, shared by every child
      cancelB();
      cancelC();
      expect(removed).to.equal(0); // `a` still follows the signal
      expect(b.err()).to.equal(context.Canceled);
      expect(c.err()).to.equal(context.Canceled);
      controller.abort();
      expect(a.err()).to.equal(context.Canceled);
      const [d, cancelD] = context.withCancel(foreign);
      expect(d.err()).to.equal(context.Canceled); // already done: no listener at all
      cancelD();
      expect(added).to.equal(1);
    });
  });

  it('pending withTimeouts keep nothing alive once cancelled (no timer left)', () => {
    const timers = activeTimeouts();
    const contexts = Array.from({ length: 100 }, () => context.withTimeout(context.background(), 10_000));
    expect(activeTimeouts()).to.equal(timers + 100);
    for (const [, cancel] of contexts) cancel();
    expect(activeTimeouts()).to.equal(timers);
  });
});
