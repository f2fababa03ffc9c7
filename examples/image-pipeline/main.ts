// Image pipeline: 2 loaders, 4 processors and a saver joined by channels, with statistics (seed 000).
//
// A line-by-line port of main.go, with Go's durations (it runs in about 1.7 s).
import '@csp/channel/deadlock';
import { Chan, close, go, time, type Receiver, type Sender } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import { durationString } from '../shared/duration.js';

interface Image {
  id: number;
  filename: string;
  size: number; // bytes
}

interface ProcessedImage {
  id: number;
  filename: string;
  thumbnail: Uint8Array;
  compressed: Uint8Array;
  processTime: number; // milliseconds
}

// ImageLoader (Producer) loads images from disk
async function imageLoader(id: number, images: Sender<Image>, count: number, wg: WaitGroup): Promise<void> {
  try {
    for (let i = 0; i < count; i++) {
      const img: Image = {
        id: id * 1000 + i,
        filename: `image_${id}_${i}.jpg`,
        size: 1024 * 1024 * (2 + (i % 3)), // 2-4 MB
      };

      await images.send(img);
      await time.sleep(50 * time.millisecond);
    }
  } finally {
    wg.done();
  }
}

// ImageProcessor (Consumer) processes images
async function imageProcessor(
  id: number,
  images: Receiver<Image>,
  results: Sender<ProcessedImage>,
  stats: ProcessingStats,
  wg: WaitGroup,
): Promise<void> {
  try {
    for await (const img of images) {
      const start = time.now();

      // Simulate processing
      const processTime = Math.trunc(img.size / 10000) * time.millisecond;

      // Generate thumbnail (simulated)
      await time.sleep(processTime / 2);

      // Compress (simulated)
      await time.sleep(processTime / 2);

      const result: ProcessedImage = {
        id: img.id,
        filename: img.filename,
        thumbnail: new Uint8Array(100 * 1024), // 100 KB thumbnail
        compressed: new Uint8Array(img.size / 2), // 50% compression
        processTime: time.since(start),
      };

      await results.send(result);
      stats.recordProcessing(result.processTime);

      console.log(`[Processor ${id}] Processed ${img.filename} in ${durationString(result.processTime)}`);
    }
  } finally {
    wg.done();
  }
}

// Go's atomic counters are plain numbers: one goroutine runs at a time
class ProcessingStats {
  totalProcessed = 0;
  totalTime = 0; // milliseconds

  recordProcessing(duration: number): void {
    this.totalProcessed++;
    this.totalTime += duration;
  }

  report(): void {
    const total = this.totalProcessed;
    let avg = 0;
    if (total > 0) {
      avg = this.totalTime / total;
    }
    console.log(`\n📊 Processed ${total} images, avg time: ${durationString(avg)}`);
  }
}

// ImageSaver (Aggregator) saves processed images
async function imageSaver(results: Receiver<ProcessedImage>, _stats: ProcessingStats, done: Sender<void>): Promise<void> {
  let saved = 0;
  for await (const _result of results) {
    // Simulate saving to disk
    await time.sleep(20 * time.millisecond);
    saved++;

    if (saved % 5 === 0) {
      console.log(`💾 Saved ${saved} images so far`);
    }
  }

  console.log(`💾 Saved ${saved} total images`);
  close(done);
}

async function runImagePipeline(): Promise<void> {
  console.log('=== Image Processing Pipeline ===\n');

  const numLoaders = 2;
  const numProcessors = 4;
  const imagesPerLoader = 10;

  const images = new Chan<Image>(50, { name: 'images' });
  const results = new Chan<ProcessedImage>(50, { name: 'results' });
  const stats = new ProcessingStats();
  const done = new Chan<void>(0, { name: 'done' });

  const loaderWg = new WaitGroup();
  const processorWg = new WaitGroup();

  // Start saver
  go(imageSaver, results, stats, done);

  // Start processors
  for (let i = 0; i < numProcessors; i++) {
    processorWg.add(1);
    go(imageProcessor, i, images, results, stats, processorWg);
  }

  // Start loaders
  for (let i = 0; i < numLoaders; i++) {
    loaderWg.add(1);
    go(imageLoader, i, images, imagesPerLoader, loaderWg);
  }

  await loaderWg.wait();
  close(images);

  await processorWg.wait();
  close(results);

  await done.recv();

  stats.report();
  console.log('\n✓ Pipeline complete!');
}

await runImagePipeline();
