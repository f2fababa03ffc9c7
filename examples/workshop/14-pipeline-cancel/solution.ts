// Exercise 14, solution: each stage reads one record at a time and hands it on (an unbuffered send
// blocks until the next stage takes it: that is the back-pressure), and each one selects between
// its send and `ctx.done()`, so that cancelling the context stops every stage.
import { Chan, recv, select, send, time, type Receiver } from '@csp/channel';
import { context, WaitGroup, type Context } from '@csp/sync';

/** The source: resolves with the next record, or `undefined` after the last one. */
export type Next = () => Promise<string | undefined>;

/**
 * Sends `value` on `out` unless `ctx` is done first. Resolves with whether it was sent. A done
 * context wins even when `out` is ready too (a plain `select` would pick one of the two at random).
 */
async function sendOrStop<T>(ctx: Context, out: Chan<T>, value: T): Promise<boolean> {
  if (ctx.err() !== undefined) return false;
  const r = await select([send(out, value), recv(ctx.done())]);
  return r.index === 0;
}

/** Stage 1: sends each record of `next` on the channel it returns, which it closes at the end or when `ctx` is done. */
export function read(ctx: Context, wg: WaitGroup, next: Next): Receiver<string> {
  const out = new Chan<string>(0, { name: 'records' });
  wg.go(async () => {
    for (let record = await next(); record !== undefined; record = await next()) {
      if (!(await sendOrStop(ctx, out, record))) break;
    }
    out.close();
  });
  return out;
}

/** Stage 2: sends each record of `input` as a number; closes its output at the end or when `ctx` is done. */
export function parse(ctx: Context, wg: WaitGroup, input: Receiver<string>): Receiver<number> {
  const out = new Chan<number>(0, { name: 'numbers' });
  wg.go(async () => {
    for await (const record of input) {
      if (!(await sendOrStop(ctx, out, Number(record)))) break;
    }
    out.close();
  });
  return out;
}

/**
 * Runs `read` → `parse` and resolves with the first number above `threshold` (or `undefined`),
 * once every stage has stopped. Reads no further from the source than what the stages hold.
 */
export async function firstOver(next: Next, threshold: number): Promise<number | undefined> {
  const [ctx, cancel] = context.withCancel(context.background());
  const wg = new WaitGroup();
  try {
    for await (const n of parse(ctx, wg, read(ctx, wg, next))) if (n > threshold) return n;
    return undefined;
  } finally {
    cancel();
    await wg.wait();
  }
}

/** The program `pnpm workshop 14 --main` runs: the first number above 5 among 1..100. */
export async function main(): Promise<void> {
  let reads = 0;
  const next: Next = async () => {
    await time.sleep(1);
    return reads < 100 ? String(++reads) : undefined;
  };
  console.log('first over 5:', await firstOver(next, 5), `(${reads} records read)`);
}
