import { expect } from 'chai';
import { Chan, time } from '@csp/channel';
import { context } from '@csp/sync';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';
import type { Fetch } from './start.js';

const { loadProfile } = implementation({ start, solution });
const blocked = 'loadProfile never finished';

/** A fake backend: each request takes `ms`; it counts the requests started, finished and aborted. */
function backend(ms: number) {
  const log = { started: [] as string[], finished: [] as string[], aborted: [] as string[] };
  const fetch: Fetch = async (path, options) => {
    log.started.push(path);
    try {
      await time.sleep(ms, options);
    } catch (error) {
      log.aborted.push(path);
      throw error;
    }
    log.finished.push(path);
    return path.startsWith('/users/') ? 'ada' : path.startsWith('/orders?') ? '7,8' : `order ${path.slice(8)}`;
  };
  return { log, fetch };
}

describe('workshop 11: a context passed down a call chain', () => {
  it('loads the user and every order while the context is live', async () => {
    const { fetch } = backend(1);
    const profile = await within(1000, loadProfile(context.background(), 1, fetch), blocked);
    expect(profile).to.deep.equal({ user: 'ada', orders: ['order 7', 'order 8'] });
  });

  it('at the deadline, aborts the request in flight, starts no other one, and rejects with DeadlineExceeded', async () => {
    const { log, fetch } = backend(20);
    const [ctx, cancel] = context.withTimeout(context.background(), 30);
    const outcome = await within(1000, loadProfile(ctx, 1, fetch), blocked).then(
      (profile) => profile,
      (error: unknown) => error,
    );
    cancel();
    expect(outcome, 'what loadProfile settled with').to.equal(context.DeadlineExceeded);
    expect(log.started, 'requests started').to.deep.equal(['/users/1', '/orders?user=ada']);
    expect(log.aborted, 'requests aborted').to.deep.equal(['/orders?user=ada']);
  });

  it('when the caller cancels, stops at once with Canceled', async () => {
    const { log, fetch } = backend(20);
    const [ctx, cancel] = context.withCancel(context.background());
    const firstRequest = new Chan<void>(1);
    const watched: Fetch = (path, options) => {
      firstRequest.trySend();
      return fetch(path, options);
    };
    const loading = loadProfile(ctx, 1, watched).then(
      (profile) => profile,
      (error: unknown) => error,
    );
    await firstRequest.recv();
    cancel();
    expect(await within(1000, loading, blocked), 'what loadProfile settled with').to.equal(context.Canceled);
    expect(log, 'requests').to.deep.equal({ started: ['/users/1'], finished: [], aborted: ['/users/1'] });
  });

  it('runs main(): the deadline stops the chain', async () => {
    const run = await runMain('11-context-down-the-chain');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('loadProfile rejected: context deadline exceeded');
    expect(run.output).not.to.include('fetched /orders/1');
  });
});
