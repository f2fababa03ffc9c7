// context.fromSignal: a context that is done when an AbortSignal aborts.
import { expect } from 'chai';
import { context, Semaphore } from '@csp/sync';
import { flush, rejectionOf } from './helpers.js';

/** Counts the `abort` listeners added to and removed from `signal`. */
function countListeners(signal: AbortSignal): { added: number; removed: number } {
  const counts = { added: 0, removed: 0 };
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
    counts.added++;
    add(...args);
  }) as AbortSignal['addEventListener'];
  signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
    counts.removed++;
    remove(...args);
  }) as AbortSignal['removeEventListener'];
  return counts;
}

describe('context.fromSignal', () => {
  it('is live while the signal is, without deadline or values', () => {
    const ctx = context.fromSignal(new AbortController().signal);
    expect(ctx.err()).to.equal(undefined);
    expect(context.cause(ctx)).to.equal(undefined);
    expect(ctx.deadline()).to.deep.equal([undefined, false]);
    expect(ctx.value('anything')).to.equal(undefined);
    expect(ctx.signal.aborted).to.equal(false);
    expect(ctx.done()!.tryRecv()).to.equal(undefined);
    expect(String(ctx)).to.equal('context.FromSignal');
  });

  it('is cancelled when the signal aborts: err() Canceled, cause the reason', async () => {
    const controller = new AbortController();
    const ctx = context.fromSignal(controller.signal);
    const done = ctx.done()!;
    const reason = new Error('client went away');
    controller.abort(reason);
    expect(ctx.err()).to.equal(context.Canceled);
    expect(context.cause(ctx)).to.equal(reason);
    expect(ctx.signal.reason).to.equal(context.Canceled);
    expect(await done.recvOk()).to.deep.equal([undefined, false]);
  });

  it('an already aborted signal gives a context that is done at once', () => {
    const reason = new Error('already');
    const ctx = context.fromSignal(AbortSignal.abort(reason));
    expect(ctx.err()).to.equal(context.Canceled);
    expect(context.cause(ctx)).to.equal(reason);
  });

  it('AbortSignal.timeout gives DeadlineExceeded, the TimeoutError as cause', async () => {
    const signal = AbortSignal.timeout(1);
    const ctx = context.fromSignal(signal);
    const sem = new Semaphore(0);
    expect(await rejectionOf(sem.acquire(1, { signal: ctx.signal }))).to.equal(context.DeadlineExceeded);
    expect(ctx.err()).to.equal(context.DeadlineExceeded);
    const cause = context.cause(ctx) as DOMException;
    expect(cause).to.equal(signal.reason);
    expect(cause.name).to.equal('TimeoutError');
  });

  it('a DOMException that is not a TimeoutError is a plain cancellation', () => {
    const controller = new AbortController();
    const ctx = context.fromSignal(controller.signal);
    controller.abort();
    expect((context.cause(ctx) as DOMException).name).to.equal('AbortError');
    expect(ctx.err()).to.equal(context.Canceled);
  });

  it('derived contexts and afterFunc follow it', async () => {
    const controller = new AbortController();
    const ctx = context.fromSignal(controller.signal);
    const [child, cancelChild] = context.withCancel(context.withValue(ctx, 'k', 1));
    let ran = false;
    context.afterFunc(ctx, () => (ran = true));
    const reason = new Error('stop');
    controller.abort(reason);
    expect(child.err()).to.equal(context.Canceled);
    expect(context.cause(child)).to.equal(reason);
    await flush();
    expect(ran).to.equal(true);
    cancelChild();
  });

  it('many contexts from one signal share one listener, removed once it fired', () => {
    const controller = new AbortController();
    const counts = countListeners(controller.signal);
    const contexts = Array.from({ length: 100 }, () => context.fromSignal(controller.signal));
    expect(counts.added).to.equal(1);
    controller.abort();
    for (const ctx of contexts) expect(ctx.err()).to.equal(context.Canceled);
    expect(counts.added).to.equal(1);
  });

  it('refuses what is not an AbortSignal, naming the call', () => {
    const [ctx] = context.withCancel(context.background());
    expect(() => context.fromSignal(ctx as never)).to.throw(
      TypeError,
      /^context\.fromSignal: signal must be an AbortSignal, got a .*ctx\.signal/,
    );
    expect(() => context.fromSignal(undefined as never)).to.throw(
      TypeError,
      /^context\.fromSignal: signal must be an AbortSignal, got undefined/,
    );
  });
});
