// The CPU work of the thread examples: a box blur over generated grayscale pixels. This module is
// what the threads import: `goThread`/`ThreadPool` run its exported functions by name.

/** A grayscale image: `width × height` pixels, one byte each. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A deterministic test picture for image `id` (a linear congruential generator's noise). */
export function generate(id: number, width: number, height: number): Pixels {
  const data = new Uint8Array(width * height);
  let seed = (id * 2654435761) >>> 0;
  for (let i = 0; i < data.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    data[i] = seed >>> 24;
  }
  return { width, height, data };
}

/** One horizontal and one vertical pass of a box blur of `radius`, `passes` times. */
export function blur(image: Pixels, radius: number, passes: number): Pixels {
  const { width, height } = image;
  let src = Uint8Array.from(image.data);
  let dst = new Uint8Array(src.length);
  for (let pass = 0; pass < passes; pass++) {
    for (const [step, span, lines, lineStep] of [
      [1, width, height, width],
      [width, height, width, 1],
    ] as const) {
      for (let line = 0; line < lines; line++) {
        const base = line * lineStep;
        for (let i = 0; i < span; i++) {
          let sum = 0;
          let count = 0;
          for (let k = Math.max(0, i - radius); k <= Math.min(span - 1, i + radius); k++) {
            sum += src[base + k * step]!;
            count++;
          }
          dst[base + i * step] = (sum / count) | 0;
        }
      }
      [src, dst] = [dst, src];
    }
  }
  return { width, height, data: src };
}

/** FNV-1a over the pixels: equal checksums, equal images. */
export function checksum(image: Pixels): string {
  let hash = 0x811c9dc5;
  for (const byte of image.data) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** What a thread of the filter pool does with one image: generate it, blur it, return a summary. */
export function filterImage(
  id: number,
  width: number,
  height: number,
  radius: number,
  passes: number,
): { id: number; checksum: string } {
  return { id, checksum: checksum(blur(generate(id, width, height), radius, passes)) };
}
