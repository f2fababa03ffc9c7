// Image filter pool on threads: 8 images blurred on every core, with the speedup over one thread.
//
// The seeds' image filter pool (see ../image-filter-pool) with real CPU work: each job blurs a
// generated picture. Run on the event loop, the jobs take turns on one core; on a ThreadPool of
// `availableParallelism()` threads (Go's GOMAXPROCS) they run side by side.
import { ThreadPool, availableParallelism } from '@csp/threads';

const filters = new URL('./filters.ts', import.meta.url);
const images = ['vacation', 'family', 'birthday', 'wedding', 'graduation', 'party', 'trip', 'concert'];
const [width, height, radius, passes] = [192, 192, 6, 6];

type Filtered = { id: number; checksum: string };

/** Filters every image on `pool`, all submitted at once; returns the results and the milliseconds. */
async function filterAll(pool: ThreadPool, log: boolean): Promise<[Filtered[], number]> {
  const start = performance.now();
  const results = await Promise.all(
    images.map((name, i) => {
      if (log) console.log(`Submitting ${name}.jpg`);
      return pool.run<Filtered>(filters, 'filterImage', [i + 1, width, height, radius, passes]);
    }),
  );
  return [results, performance.now() - start];
}

async function main(): Promise<void> {
  const threads = Math.max(2, availableParallelism());
  const one = new ThreadPool({ concurrency: 1 });
  const pool = new ThreadPool({ concurrency: threads });
  // Warm up: every thread loads the module and compiles the blur before the clock starts.
  const warmUp = [width, height, radius, 1];
  await Promise.all([one, ...Array<ThreadPool>(threads).fill(pool)].map((p) => p.run(filters, 'filterImage', [0, ...warmUp])));

  const [sequential, oneThread] = await filterAll(one, false);
  const [parallel, onThreads] = await filterAll(pool, true);
  await Promise.all([one.close(), pool.close()]);

  for (const [i, result] of parallel.entries()) {
    const same = result.checksum === sequential[i]!.checksum ? 'same as one thread' : 'DIFFERENT';
    console.log(`Processed: ${images[i]}.jpg → ${images[i]}_blurred.jpg (checksum ${result.checksum}, ${same})`);
  }
  console.log(`One thread: ${oneThread.toFixed(0)}ms; ${threads} threads: ${onThreads.toFixed(0)}ms`);
  console.log(`Speedup over one thread: ${(oneThread / onThreads).toFixed(2)}x on ${availableParallelism()} cores`);
}

await main();
