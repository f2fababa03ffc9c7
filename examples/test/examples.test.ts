// Runs every example as a child process (as `pnpm example <name>` does) and checks what it prints.
//
// The runs start together in `before`, a few at a time; each test then checks one run. Lines
// whose order Go leaves to the scheduler are compared as sets; deterministic outputs exactly.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir, listExamples } from '../shared/examples.js';
import { limited, runExample, type ExampleRun } from './run-example.js';

const examples = listExamples();

/** The lines of `run` that match `pattern`, each replaced by its first capture group. */
function captures(run: ExampleRun, pattern: RegExp): string[] {
  return run.lines.flatMap((line) => {
    const match = pattern.exec(line);
    return match === null ? [] : [match[1] ?? line];
  });
}

/** The numbers captured by `pattern`'s first group, sorted. */
function numbers(run: ExampleRun, pattern: RegExp): number[] {
  return captures(run, pattern)
    .map(Number)
    .sort((a, b) => a - b);
}

/** 1..n, mapped. */
function range<T>(n: number, map: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => map(i + 1));
}

/** The lines of `run` that match `pattern`, sorted. */
function sortedLines(run: ExampleRun, pattern: RegExp): string[] {
  return run.lines.filter((line) => pattern.test(line)).sort();
}

/** Seed 002's result lines for jobs 1..n. */
function squareResults(n: number): string[] {
  return range(n, (j) => `Result: Job ID ${j}, Number ${j}, Square ${j * j}`);
}

/** What each example must print, beyond exiting with 0 and printing nothing to stderr. */
const checks: Record<string, (run: ExampleRun) => void> = {
  'worker-pool': (run) => {
    const workers = (text: string): string[] => range(3, (w) => `Worker ${w} ${text}`);
    expect(sortedLines(run, /^Worker \d started$/)).to.deep.equal(workers('started'));
    expect(captures(run, /^Sent job (\d) to queue$/)).to.deep.equal(range(9, String));
    expect(numbers(run, /^Got result: (\d+)$/)).to.deep.equal(range(9, (j) => j * j));
    expect(numbers(run, /^Worker \d finished job (\d) → result \d+$/)).to.deep.equal(range(9, (j) => j));
    for (const line of captures(run, /^Worker \d finished job (\d → result \d+)$/)) {
      const [job, result] = line.split(' → result ').map(Number);
      expect(result).to.equal(job! * job!);
    }
    expect(sortedLines(run, /done \(no more jobs\)$/)).to.deep.equal(workers('done (no more jobs)'));
  },
  'doubling-pool': (run) => {
    expect(numbers(run, /^Worker \d processing job (\d)$/)).to.deep.equal(range(9, (j) => j));
    expect(numbers(run, /^(\d+)$/)).to.deep.equal(range(9, (j) => j * 2));
  },
  'pipeline-squares': (run) => {
    expect(run.stdout).to.equal('4\n9\n16\n');
  },
  'basic-pool': (run) => {
    expect(numbers(run, /^Worker \d processing job (\d)$/)).to.deep.equal(range(5, (j) => j));
    expect(sortedLines(run, /^Result:/)).to.deep.equal(squareResults(5));
  },
  'image-filter-pool': (run) => {
    const sizes = [2500, 3200, 1800, 4500, 2800, 1500, 3600, 2200];
    const names = ['vacation', 'family', 'birthday', 'wedding', 'graduation', 'party', 'trip', 'concert'];
    const processed = names.map((name, i) => `Processed: ${name}.jpg → ${name}_filtered.jpg (took ${sizes[i]! / 10}ms)`);
    expect(captures(run, /^Worker \d processing image: (\w+)\.jpg$/).sort()).to.deep.equal(names.sort());
    expect(sortedLines(run, /^Processed:/)).to.deep.equal(processed.sort());
    expect(run.lines).to.include('Sequential processing would take approximately: 2.21s');
    expect(captures(run, /^Summary: Processed 8 images in (\d+(\.\d+)?ms) using 3 workers$/)).to.have.length(1);
    const [speedup] = numbers(run, /^Speedup factor: (\d+\.\d\d)x$/);
    expect(speedup).to.be.within(1, 3); // the work spreads over 3 workers: 2.21 s in about 0.85 s
  },
  'timeout-pool': (run) => {
    const squares = numbers(run, /^Result: (\d+)$/);
    const timedOut = numbers(run, /^Result: Job (\d) timed out$/);
    expect(squares.slice(0, 4)).to.deep.equal([1, 4, 9, 16]);
    expect(timedOut.slice(-4)).to.deep.equal([6, 7, 8, 9]);
    // Job 5 takes exactly the timeout: as in Go, it may go either way, but only one way.
    expect([...squares.map(Math.sqrt), ...timedOut].sort((a, b) => a - b)).to.deep.equal(range(9, (j) => j));
    for (const [, verb, job] of run.stdout.matchAll(/^Worker \d (finished|timeout on) job (\d)$/gm)) {
      expect(verb, `job ${job}`).to.equal(timedOut.includes(Number(job)) ? 'timeout on' : 'finished');
    }
  },
  'dynamic-pool': (run) => {
    expect(numbers(run, /^Worker \d processing job (\d+)$/)).to.deep.equal(range(20, (j) => j));
    expect(numbers(run, /^Got result: (\d+)$/)).to.deep.equal(range(20, (j) => j * j));
    const added = numbers(run, /^Starting additional worker #(\d)$/);
    expect(added).to.deep.equal(range(added.length, (i) => i + 2)); // #3, #4, #5 at most, in order
  },
  'task-pool': (run) => {
    expect(numbers(run, /^processing task id: (\d+)$/)).to.deep.equal(range(23, (i) => i));
    expect(run.lines.at(-1)).to.equal('all task has been proceeed');
  },
  'producers-consumers': (run) => {
    expect(run.lines.slice(0, 11)).to.deep.equal([
      '=== Multiple Producers, Multiple Consumers ===',
      '',
      'Configuration:',
      '  Producers: 4',
      '  Consumers: 6',
      '  Buffer size: 20',
      '  Duration: 600ms',
      '',
      'Starting consumers...',
      'Starting producers...',
      '',
    ]);
    const created = numbers(run, /^\[Producer \d\] Finished, created (\d+) jobs$/);
    const processed = numbers(run, /^\[Consumer \d\] Finished, processed (\d+) jobs$/);
    expect(created).to.have.length(4);
    expect(processed).to.have.length(6);
    const total = created.reduce((a, b) => a + b);
    expect(processed.reduce((a, b) => a + b)).to.equal(total);
    const tens = range(Math.floor(total / 10), (i) => i * 10);
    expect(numbers(run, /^📦 Aggregator: (\d+) results \(avg: [\d.]+ms\)$/)).to.deep.equal(tens);
    expect(run.lines).to.include.members([
      `📦 Aggregator: Finished with ${total} total results`,
      '✓ All producers finished',
      '✓ All consumers finished',
      '✓ Result aggregator finished',
      `   Jobs created:   ${total}`,
      `   Jobs processed: ${total}`,
      '   Jobs in flight: 0',
    ]);
    expect(run.lines.at(-1)).to.equal('✓ Pipeline complete!');
  },
  'mpmc-dynamic-pool': (run) => {
    expect(run.lines[0]).to.equal('=== Multiple Producers, Multiple Consumers, on a Dynamic Worker Pool ===');
    // Not a terminal: plain status lines (one every 500 ms), no cursor movements.
    expect(run.stdout).to.not.include('\x1b[');
    const status =
      /^\[\d+\.\ds (?:steady|burst|quiet|ending|closed)\] workers (\d+) \(busy \d+\) \| queue \d+ \(\+\d+ waiting\) \| in flight \d+ \| \d+\.\d jobs\/s \| p95 run \d+ms$/;
    const workers = captures(run, status).map(Number);
    expect(workers.length, 'status lines').to.be.at.least(5);
    expect(Math.max(...workers), 'workers at the busiest (min 2)').to.be.greaterThan(2);
    expect(Math.max(...workers), 'workers at the busiest (max 8)').to.be.at.most(8);
    const [total, ...others] = numbers(run, /^ {3}Jobs created: {3}(\d+)$/);
    expect(others, 'one final statistics block').to.deep.equal([]);
    expect(total).to.be.greaterThan(0);
    expect(run.lines).to.include.members([
      '📊 Final Statistics:',
      `   Jobs processed: ${total}`,
      '   Jobs in flight: 0',
      `📦 Aggregator: Finished with ${total} total results`,
      `   Jobs:           ${total} created, ${total} processed, 0 failed, 0 in flight`,
    ]);
    const created = numbers(run, /^\[Producer \d\] Finished, created (\d+) jobs$/);
    expect(created).to.have.length(4);
    expect(created.reduce((a, b) => a + b)).to.equal(total);
    const processed = numbers(run, /^\[Consumer \d\] Finished, processed (\d+) jobs$/);
    expect(processed.reduce((a, b) => a + b)).to.equal(total);
    const [now, peak] = captures(run, /^ {3}Workers: {8}(\d+ now, \d+) at peak \(min 2, max 8\)$/)[0]!
      .split(' now, ')
      .map(Number);
    expect(peak, 'the pool grew').to.be.greaterThan(2);
    expect(now, 'the pool shrank back once idle').to.be.lessThan(peak!);
    expect(run.lines.at(-1)).to.equal('✓ Pipeline complete!');
  },
  'image-pipeline': (run) => {
    const files = [0, 1].flatMap((loader) => range(10, (i) => `image_${loader}_${i - 1}.jpg`)).sort();
    const processed = captures(run, /^\[Processor \d\] Processed (image_\d_\d\.jpg) in \d+(\.\d+)?ms$/);
    expect(processed.sort()).to.deep.equal(files);
    expect(numbers(run, /^💾 Saved (\d+) images so far$/)).to.deep.equal([5, 10, 15, 20]);
    expect(run.lines).to.include('💾 Saved 20 total images');
    expect(captures(run, /^📊 Processed 20 images, avg time: (\d+(\.\d+)?ms)$/)).to.have.length(1);
    expect(run.lines.at(-1)).to.equal('✓ Pipeline complete!');
  },
  'partitioned-queue': (run) => {
    // Go's hash/fnv routes user-0 to partition 0, user-1 and user-2 to 1, user-3 to 2.
    const partitionOf = [0, 1, 1, 2];
    expect(run.lines.filter((line) => line.startsWith('Job '))).to.deep.equal(
      range(12, (j) => `Job ${j} (key user-${j % 4}) -> partition ${partitionOf[j % 4]}`),
    );
    const processed = captures(run, /^Processed job (\d+ \(key user-\d\))$/);
    expect(processed.map((line) => parseInt(line)).sort((a, b) => a - b)).to.deep.equal(range(12, (j) => j));
    for (const key of [0, 1, 2, 3]) {
      const order = processed.filter((line) => line.endsWith(`user-${key})`)).map((line) => parseInt(line));
      const expected = range(12, (j) => j).filter((j) => j % 4 === key);
      expect(order, `jobs of user-${key}, in order`).to.deep.equal(expected);
    }
  },
  'errgroup-context': (run) => {
    expect(run.lines).to.deep.equal([
      'start /a',
      'start /b',
      'done  /a: 200 bytes',
      'start /c',
      'stop  /b: fetch /b: 502 bad gateway',
      'stop  /c: fetch /c: context canceled',
      'wait: fetch /b: 502 bad gateway',
      'errors.Is(err, errBadGateway): true',
      'ctx.Err(): context canceled',
      'context.Cause(ctx): fetch /b: 502 bad gateway',
    ]);
  },
  'cond-priority-queue': (run) => {
    const priorities = [3, 9, 1, 7, 5, 8, 2, 6, 4, 10];
    const byPriority = range(10, (id) => id).sort((a, b) => priorities[b - 1]! - priorities[a - 1]!);
    expect(run.lines.slice(0, 10)).to.deep.equal(
      priorities.map((priority, i) => `Enqueued job ${i + 1} with priority ${priority}`),
    );
    expect(numbers(run, /^\[Consumer [12]\] Processing high-priority job (\d+)$/)).to.deep.equal(range(10, (id) => id));
    expect(captures(run, /^\[Consumer [12]\] Processing high-priority job (\d+)$/).map(Number)).to.deep.equal(byPriority);
    expect(run.lines.at(-1)).to.equal('All jobs processed');
  },
  'image-filter-pool-threads': (run) => {
    const names = ['vacation', 'family', 'birthday', 'wedding', 'graduation', 'party', 'trip', 'concert'];
    expect(
      captures(run, /^Processed: (\w+)\.jpg → \w+_blurred\.jpg \(checksum [0-9a-f]{8}, same as one thread\)$/),
    ).to.deep.equal(names);
    // The speedup depends on the machine's load (no timing assertion): it is printed, not checked.
    expect(captures(run, /^Speedup over one thread: (\d+\.\d\d)x on \d+ cores$/)).to.have.length(1);
  },
  'image-pipeline-threads': (run) => {
    const files = [1, 2].flatMap((l) => range(6, (i) => `image_${l}_${i - 1}.jpg`)).sort();
    expect(captures(run, /^Saved (image_\d_\d\.jpg) \(processor \d, [\d.]+ms\)$/).sort()).to.deep.equal(files);
    expect(run.lines).to.include('Images: 12 saved, identical to the 1-thread run');
    expect(captures(run, /^Speedup over one thread: (\d+\.\d\d)x on \d+ cores$/)).to.have.length(1);
  },
  'waitgroup-pool': (run) => {
    expect(numbers(run, /^Worker \d processing job (\d)$/)).to.deep.equal(range(5, (j) => j));
    expect(sortedLines(run, /^Result:/)).to.deep.equal(squareResults(5));
  },
};

describe('examples', function () {
  this.timeout(90_000);
  const runs = new Map<string, Promise<ExampleRun>>();

  before(function () {
    // 2 cores: the examples mostly sleep, so 4 at a time keeps both busy without skewing timers.
    // The thread examples start worker threads that each load TypeScript (tsx) first: seconds of
    // CPU on a busy machine, so they get more time.
    const timeout = (name: string): number | undefined => (name.endsWith('-threads') ? 60_000 : undefined);
    const started = limited(examples, 4, (example) => runExample([example.name], timeout(example.name)));
    examples.forEach((example, i) => runs.set(example.name, started[i]!));
  });

  it('lists every example with its description, and exits 1 for an unknown name', async function () {
    const list = await runExample([]);
    expect(list.code).to.equal(0);
    const width = Math.max(...examples.map((example) => example.name.length));
    for (const example of examples) {
      expect(example.description, `${example.name}/main.ts starts with a // description`).to.not.equal('');
      expect(list.lines).to.include(`  ${example.name.padEnd(width)}  ${example.description}`);
    }
    const unknown = await runExample(['no-such-example']);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.match(/^Unknown example "no-such-example"\./);
    expect(unknown.stderr).to.include('  worker-pool ');
  });

  for (const example of examples) {
    it(`${example.name}: keeps the Go original beside the port`, function () {
      expect(existsSync(join(examplesDir, example.name, 'main.go'))).to.equal(true);
    });

    it(`${example.name}: exits with 0 and prints what the Go program prints`, async function () {
      const run = await runs.get(example.name)!;
      expect(run.stderr, 'stderr').to.equal('');
      expect(run.code, 'exit code').to.equal(0);
      expect(run.lines.length, 'stdout lines').to.be.greaterThan(0);
      checks[example.name]?.(run);
    });
  }
});
