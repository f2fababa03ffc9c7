// Exercise 11, solution: every function of the chain takes the caller's context and hands it on,
// down to the request itself (`{ signal: ctx.signal }`), and checks it before starting new work,
// as Go code passes `ctx` as every call's first argument.
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
  const user = await fetchUser(ctx, id, fetch);
  const orders = await fetchOrders(ctx, user, fetch);
  return { user, orders };
}

/** One request on behalf of `ctx`: none starts once `ctx` is done, and the one in flight is aborted then. */
async function get(ctx: Context, path: string, fetch: Fetch): Promise<string> {
  const err = ctx.err();
  if (err !== undefined) throw err;
  return fetch(path, { signal: ctx.signal });
}

async function fetchUser(ctx: Context, id: number, fetch: Fetch): Promise<string> {
  return get(ctx, `/users/${id}`, fetch);
}

async function fetchOrders(ctx: Context, user: string, fetch: Fetch): Promise<string[]> {
  const ids = (await get(ctx, `/orders?user=${user}`, fetch)).split(',');
  const orders: string[] = [];
  for (const id of ids) orders.push(await get(ctx, `/orders/${id}`, fetch));
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
