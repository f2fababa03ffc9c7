// A consumer of @csp/sync alone, type-checked against the built d.ts (see tsconfig.json).
import { Group, Mutex, WaitGroup, context } from '@csp/sync';

export async function syncConsumer(): Promise<number> {
  const mu = new Mutex();
  let n = 0;
  {
    using _ = await mu.guard(); // Disposable: needs the d.ts's esnext.disposable reference
    n++;
  }
  const wg = new WaitGroup();
  wg.go(() => {
    n++;
  });
  await wg.wait();
  const [ctx, cancel] = context.withTimeout(context.background(), 1000);
  const [g, groupCtx] = Group.withContext(ctx);
  g.go(async () => {
    groupCtx.signal.throwIfAborted();
  });
  await g.wait();
  cancel();
  return n;
}
