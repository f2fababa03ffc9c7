// Pipeline: generate -> square -> print, each stage a goroutine joined by channels (seed 004).
//
// A line-by-line port of main.go.
import '@csp/channel/deadlock';
import { Chan, close, go, type Receiver } from '@csp/channel';

function generate(...nums: number[]): Receiver<number> {
  const out = new Chan<number>();
  go(async () => {
    for (const n of nums) await out.send(n);
    close(out);
  });
  return out;
}

function square(input: Receiver<number>): Receiver<number> {
  const out = new Chan<number>();
  go(async () => {
    for await (const n of input) await out.send(n * n);
    close(out);
  });
  return out;
}

// Pipeline: generate -> square -> print
for await (const val of square(generate(2, 3, 4))) {
  console.log(val); // 4, 9, 16
}
