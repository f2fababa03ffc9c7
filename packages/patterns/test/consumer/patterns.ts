// A consumer of @csp/patterns alone, type-checked against the built d.ts (see tsconfig.json).
import { RateLimiter, WorkerPool, map, pipeline } from '@csp/patterns';

export async function patternsConsumer(): Promise<number> {
  const pool = new WorkerPool({ min: 1, max: 2, queueSize: 4 });
  const doubled = await pool.run(async () => 21 * 2);
  await pool.close();
  let sum = 0;
  for await (const v of pipeline(
    [1, 2, 3],
    map((x: number) => x * 10),
  ))
    sum += v;
  using limiter = new RateLimiter({ interval: 10 }); // Disposable
  await limiter.wait();
  return doubled + sum + pool.metrics().processed;
}
