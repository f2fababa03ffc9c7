// Exercise 14: a pipeline that stops. Make the tests pass: `pnpm workshop 14`.
import { Chan, time, type Receiver } from '@csp/channel';
import { context, WaitGroup, type Context } from '@csp/sync';

/** The source: resolves with the next record, or `undefined` after the last one. */
export type Next = () => Promise<string | undefined>;

/** Stage 1: sends each record of `next` on the channel it returns, which it closes at the end or when `ctx` is done. */
export function read(ctx: Context, wg: WaitGroup, next: Next): Receiver<string> {
  const out = new Chan<string>(0, { name: 'records' });
  wg.go(async () => {
    void ctx; // TODO: this stage never asks whether the consumer is still there.
    // Reads ahead, so that the next stage never waits for the source.
    const records: string[] = [];
    for (let record = await next(); record !== undefined; record = await next()) records.push(record);
    for (const record of records) await out.send(record);
    out.close();
  });
  return out;
}

/** Stage 2: sends each record of `input` as a number; closes its output at the end or when `ctx` is done. */
export function parse(ctx: Context, wg: WaitGroup, input: Receiver<string>): Receiver<number> {
  const out = new Chan<number>(0, { name: 'numbers' });
  wg.go(async () => {
    void ctx; // TODO: nor does this one.
    for await (const record of input) await out.send(Number(record));
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
