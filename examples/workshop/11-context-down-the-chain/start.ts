// Exercise 11: a context passed down a call chain. Make the tests pass: `pnpm workshop 11`.
import { time } from '@csp/channel';
import { context, type Context } from '@csp/sync';

/** The backend: resolves with the body at `path`; stops and rejects with `signal.reason` when `signal` aborts. */
export type Fetch = (path: string, options?: { signal?: AbortSignal | undefined }) => Promise<string>;

/** A user and the details of their orders. */
export interface Profile {
  readonly user: string;
  readonly orders: string[];
}

/**
 * Loads user `id` and the details of each of their orders, one request after the other, on
 * behalf of `ctx`: once `ctx` is done, the request in flight is aborted, no other one starts,
 * and `loadProfile` rejects with `ctx.err()`.
 */
export async function loadProfile(ctx: Context, id: number, fetch: Fetch): Promise<Profile> {
  void ctx; // TODO: `ctx` stops here: nothing below knows when the caller gave up.
  const user = await fetchUser(id, fetch);
  const orders = await fetchOrders(user, fetch);
  return { user, orders };
}

async function fetchUser(id: number, fetch: Fetch): Promise<string> {
  return fetch(`/users/${id}`);
}

async function fetchOrders(user: string, fetch: Fetch): Promise<string[]> {
  const ids = (await fetch(`/orders?user=${user}`)).split(',');
  const orders: string[] = [];
  for (const id of ids) orders.push(await fetch(`/orders/${id}`));
  return orders;
}

/** The program `pnpm workshop 11 --main` runs: a profile that takes 150 ms, under a deadline of 75 ms. */
export async function main(): Promise<void> {
  const fetch: Fetch = async (path, options) => {
    await time.sleep(30, options);
    console.log(`fetched ${path}`);
    return path.startsWith('/users/') ? 'ada' : path.startsWith('/orders?') ? '1,2,3' : `order ${path.slice(8)}`;
  };
  const [ctx, cancel] = context.withTimeout(context.background(), 75);
  try {
    console.log(await loadProfile(ctx, 1, fetch));
  } catch (error) {
    console.log('loadProfile rejected:', error instanceof Error ? error.message : error);
  } finally {
    cancel();
  }
}
