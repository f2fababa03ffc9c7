// errgroup with context: 3 fetches, at most 2 at a time; the first failure cancels the rest.
//
// A line-by-line port of main.go, with Go's durations (it runs in about 50 ms). Go's
// `fmt.Errorf("...: %w", err)` is an Error with `cause`, and `errors.Is` follows the causes.
import '@csp/channel/deadlock';
import { recv, select, time } from '@csp/channel';
import { Group, context, type Context } from '@csp/sync';

const errBadGateway = new Error('502 bad gateway');

interface Page {
  url: string;
  delay: number;
  fail: boolean;
}

/** Go's `errors.Is(err, target)`: whether `target` is `err` or one of its causes. */
function errorsIs(err: unknown, target: Error): boolean {
  for (let e = err; e instanceof Error; e = e.cause) if (e === target) return true;
  return false;
}

/** Go's `fmt.Errorf("<prefix>: %w", err)`. */
function wrap(prefix: string, err: Error): Error {
  return new Error(`${prefix}: ${err.message}`, { cause: err });
}

// fetch pretends to download p: it takes p.delay, unless ctx is done first.
async function fetch(ctx: Context, p: Page): Promise<string> {
  const r = await select([recv(time.after(p.delay)), recv(ctx.done())]);
  switch (r.index) {
    case 0:
      if (p.fail) {
        throw wrap(`fetch ${p.url}`, errBadGateway);
      }
      return `${p.url.length * 100} bytes`;
    case 1:
      throw wrap(`fetch ${p.url}`, ctx.err()!);
  }
}

async function main(): Promise<void> {
  const pages: Page[] = [
    { url: '/a', delay: 20 * time.millisecond, fail: false },
    { url: '/b', delay: 40 * time.millisecond, fail: true },
    { url: '/c', delay: 200 * time.millisecond, fail: false },
  ];

  const [g, ctx] = Group.withContext(context.background());
  g.setLimit(2);
  for (const p of pages) {
    await g.go(async () => {
      console.log(`start ${p.url}`);
      let body: string;
      try {
        body = await fetch(ctx, p);
      } catch (err) {
        console.log(`stop  ${p.url}: ${(err as Error).message}`);
        throw err;
      }
      console.log(`done  ${p.url}: ${body}`);
    });
  }

  let err: Error | undefined;
  try {
    await g.wait();
  } catch (e) {
    err = e as Error;
  }
  console.log('wait:', err?.message ?? '<nil>');
  console.log('errors.Is(err, errBadGateway):', errorsIs(err, errBadGateway));
  console.log('ctx.Err():', ctx.err()?.message ?? '<nil>');
  console.log('context.Cause(ctx):', (context.cause(ctx) as Error | undefined)?.message ?? '<nil>');
}

await main();
