// Image filter pool on threads: 8 images blurred on every core, with the speedup over one thread.
//
// The seeds' image filter pool (see ../image-filter-pool) with real CPU work: each job blurs a
// generated picture. Run on the event loop, the jobs take turns on one core; on a ThreadPool of
// `availableParallelism()` threads (Go's GOMAXPROCS) they run side by side.
import { ThreadPool, availableParallelism } from '@csp/threads';

const filters = new URL('./filters.ts', import.meta.url);
const images = ['vacation', 'family', 'birthday', 'wedding', 'graduation', 'party', 'trip', 'concert'];
const [width, height, radius, passes] = [160, 160, 5, 4];

type Filtered = { id: number; checksum: string };

const filter = (pool: ThreadPool, i: number): Promise<Filtered> =>
  pool.run<Filtered>(filters, 'filterImage', [i + 1, width, height, radius, passes]);

async function main(): Promise<void> {
  const threads = Math.max(2, availableParallelism());
  const pool = new ThreadPool({ concurrency: threads });
  // Warm up: every thread loads the module and compiles the blur before the clock starts.
  await Promise.all(Array.from({ length: threads }, () => pool.run(filters, 'filterImage', [0, width, height, radius, 1])));

  // One thread: the images one after the other.
  let start = performance.now();
  const sequential: Filtered[] = [];
  for (let i = 0; i < images.length; i++) sequential.push(await filter(pool, i));
  const oneThread = performance.now() - start;

  // Every thread: all the images submitted at once.
  start = performance.now();
  const parallel = await Promise.all(
    images.map((name, i) => {
      console.log(`Submitting ${name}.jpg`);
      return filter(pool, i);
    }),
  );
  const onThreads = performance.now() - start;
  await pool.close();

  for (const [i, result] of parallel.entries()) {
    const same = result.checksum === sequential[i]!.checksum ? 'same as one thread' : 'DIFFERENT';
    console.log(`Processed: ${images[i]}.jpg → ${images[i]}_blurred.jpg (checksum ${result.checksum}, ${same})`);
  }
  console.log(`One thread: ${oneThread.toFixed(0)}ms; ${threads} threads: ${onThreads.toFixed(0)}ms`);
  console.log(`Speedup over one thread: ${(oneThread / onThreads).toFixed(2)}x on ${availableParallelism()} cores`);
}

await main();
