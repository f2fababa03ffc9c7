// Image filter: 3 workers filter 8 images; a WaitGroup closes the results channel (seed 002).
//
// A line-by-line port of main.go, with Go's durations (it runs in under a second).
import '@csp/channel/deadlock';
import { Chan, close, go, time, type Receiver, type Sender } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import { durationString } from '../shared/duration.js';

// ImageTask represents an image to be processed
interface ImageTask {
  id: number;
  name: string;
  size: number; // Size in KB
}

// ProcessedImage represents a processed image
interface ProcessedImage {
  taskID: number;
  originalName: string;
  newName: string;
  processTime: number; // milliseconds
}

// Simulates applying a filter to an image
async function applyFilter(img: ImageTask): Promise<ProcessedImage> {
  // Processing time proportional to image size
  const processTime = Math.trunc(img.size / 10) * time.millisecond;
  await time.sleep(processTime);

  return {
    taskID: img.id,
    originalName: img.name,
    newName: `${img.name.slice(0, img.name.length - 4)}_filtered.jpg`,
    processTime: processTime,
  };
}

async function worker(id: number, images: Receiver<ImageTask>, results: Sender<ProcessedImage>, wg: WaitGroup): Promise<void> {
  try {
    for await (const img of images) {
      console.log(`Worker ${id} processing image: ${img.name}`);
      const processed = await applyFilter(img);
      await results.send(processed);
    }
  } finally {
    wg.done();
  }
}

async function main(): Promise<void> {
  // Create sample images
  const sampleImages: ImageTask[] = [
    { id: 1, name: 'vacation.jpg', size: 2500 },
    { id: 2, name: 'family.jpg', size: 3200 },
    { id: 3, name: 'birthday.jpg', size: 1800 },
    { id: 4, name: 'wedding.jpg', size: 4500 },
    { id: 5, name: 'graduation.jpg', size: 2800 },
    { id: 6, name: 'party.jpg', size: 1500 },
    { id: 7, name: 'trip.jpg', size: 3600 },
    { id: 8, name: 'concert.jpg', size: 2200 },
  ];
  // Create channels
  const imageTasks = new Chan<ImageTask>(sampleImages.length, { name: 'imageTasks' });
  const processedImages = new Chan<ProcessedImage>(sampleImages.length, {
    name: 'processedImages',
  });
  // Start worker pool with 3 workers
  const wg = new WaitGroup();
  const numWorkers = 3;
  for (let w = 1; w <= numWorkers; w++) {
    wg.add(1);
    go(worker, w, imageTasks, processedImages, wg);
  }
  // Send all images to be processed
  const startTime = time.now();
  for (const img of sampleImages) {
    await imageTasks.send(img);
  }
  close(imageTasks);
  // Wait for all workers to finish and close results channel
  go(async () => {
    await wg.wait();
    close(processedImages);
  });
  // Collect and report results
  let totalProcessed = 0;
  for await (const processed of processedImages) {
    totalProcessed++;
    console.log(`Processed: ${processed.originalName} → ${processed.newName} (took ${durationString(processed.processTime)})`);
  }
  const totalTime = time.since(startTime);
  console.log(`\nSummary: Processed ${totalProcessed} images in ${durationString(totalTime)} using ${numWorkers} workers`);

  // Calculate theoretical time if done sequentially
  let sequentialTime = 0;
  for (const img of sampleImages) {
    sequentialTime += Math.trunc(img.size / 10) * time.millisecond;
  }
  console.log(`Sequential processing would take approximately: ${durationString(sequentialTime)}`);
  console.log(`Speedup factor: ${(sequentialTime / totalTime).toFixed(2)}x`);
}

await main();
