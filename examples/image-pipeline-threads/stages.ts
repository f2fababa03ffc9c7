// The stage of the thread pipeline that runs in threads: a processor that receives images from a
// shared channel, blurs them and sends the results on, until the images channel is closed.
import type { SharedChan } from '@csp/threads';
import { blur, checksum, type Pixels } from '../image-filter-pool-threads/filters.js';

export interface Image {
  id: number;
  filename: string;
  pixels: Pixels;
}

export interface Processed {
  id: number;
  filename: string;
  processor: number;
  checksum: string;
  processTime: number; // milliseconds
}

/** A processor goroutine on its own thread: `for img := range images { results <- process(img) }`. */
export async function processor(id: number, images: SharedChan<Image>, results: SharedChan<Processed>): Promise<number> {
  let count = 0;
  for await (const img of images) {
    const start = performance.now();
    const thumbnail = blur(img.pixels, 4, 5);
    await results.send({
      id: img.id,
      filename: img.filename,
      processor: id,
      checksum: checksum(thumbnail),
      processTime: performance.now() - start,
    });
    count++;
  }
  return count;
}
