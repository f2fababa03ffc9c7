// Image pipeline on threads: loaders → processor threads → saver over shared channels, with the speedup.
//
// The seeds' image pipeline (see ../image-pipeline) with real CPU work: 2 loaders generate
// pictures, processors on threads blur them, a saver collects the results. The channels between
// the stages are SharedChans, so the processors in other threads receive and send on the same
// channels as the loaders and the saver here. It runs once with 1 processor thread, then with
// one per core, and prints the speedup.
import { WaitGroup } from '@csp/sync';
import { go } from '@csp/channel';
import { SharedChan, ThreadPool, availableParallelism } from '@csp/threads';
import { generate } from '../image-filter-pool-threads/filters.js';
import type { Image, Processed } from './stages.js';

const stages = new URL('./stages.ts', import.meta.url);
const [loaders, side] = [2, 128];

async function loader(id: number, perLoader: number, images: SharedChan<Image>, wg: WaitGroup): Promise<void> {
  try {
    for (let i = 0; i < perLoader; i++) {
      const imageId = id * 1000 + i;
      await images.send({ id: imageId, filename: `image_${id}_${i}.jpg`, pixels: generate(imageId, side, side) });
    }
  } finally {
    wg.done();
  }
}

/**
 * Runs the whole pipeline, `perLoader` images from each loader, with `processors` processor
 * threads; returns the milliseconds and the checksums.
 */
async function run(
  pool: ThreadPool,
  processors: number,
  perLoader: number,
  log: boolean,
): Promise<[number, Map<number, string>]> {
  const images = new SharedChan<Image>(processors, { name: 'images', maxValueBytes: side * side + 1024, maxParkedSenders: 4 });
  const results = new SharedChan<Processed>(processors, { name: 'results', maxParkedSenders: 8 });
  const start = performance.now();
  const working = Array.from({ length: processors }, (_, p) => pool.run(stages, 'processor', [p + 1, images, results]));
  const wg = new WaitGroup();
  for (let l = 1; l <= loaders; l++) {
    wg.add(1);
    go(loader, l, perLoader, images, wg);
  }
  go(async () => {
    await wg.wait();
    images.close();
    await Promise.all(working);
    results.close();
  });
  const checksums = new Map<number, string>();
  for await (const r of results) {
    if (log) console.log(`Saved ${r.filename} (processor ${r.processor}, ${r.processTime.toFixed(1)}ms)`);
    checksums.set(r.id, r.checksum);
  }
  return [performance.now() - start, checksums];
}

async function main(): Promise<void> {
  const threads = Math.max(2, availableParallelism());
  const pool = new ThreadPool({ concurrency: threads });
  await run(pool, threads, 1, false); // warm-up: every thread loads the stages and compiles the blur
  const [oneThread, expected] = await run(pool, 1, 6, false);
  const [onThreads, got] = await run(pool, threads, 6, true);
  await pool.close();
  const same = [...expected].every(([id, sum]) => got.get(id) === sum);
  console.log(`Images: ${got.size} saved, ${same ? 'identical to' : 'DIFFERENT from'} the 1-thread run`);
  console.log(`1 processor thread: ${oneThread.toFixed(0)}ms; ${threads} processor threads: ${onThreads.toFixed(0)}ms`);
  console.log(`Speedup over one thread: ${(oneThread / onThreads).toFixed(2)}x on ${availableParallelism()} cores`);
}

await main();
