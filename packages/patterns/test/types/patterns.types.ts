// Type tests of @csp/patterns' public API: checked by `pnpm typecheck`, never run. Each
// `@ts-expect-error` line must fail to compile; the `assertType` lines pin inferred types.
import { Chan, type Receiver } from '@csp/channel';
import {
  batch,
  CircuitBreaker,
  fanOut,
  filter,
  fromEvent,
  fromIterable,
  fromReadable,
  generate,
  map,
  merge,
  orDone,
  PartitionedQueue,
  pipeline,
  PriorityQueue,
  RateLimiter,
  tee,
  toReadableStream,
  WorkerPool,
  type Job,
  type JobResult,
  type KeyedJob,
  type PartitionKey,
  type Pipeline,
  type PoolMetrics,
  type Stage,
} from '@csp/patterns';
import { assertType, type Equal } from '../../../channel/test/types/assert-type.js';

declare const numbers: Chan<number>;
declare const strings: Chan<string>;

// Pipelines: each stage's output type flows into the next.
const stage = map((n: number) => String(n));
assertType<Equal<typeof stage, Stage<number, string>>>();
const piped = pipeline(
  numbers,
  map((n: number) => n * 2),
  filter((n: number) => n > 2),
  batch<number>({ size: 10 }),
);
assertType<Equal<typeof piped, Pipeline<number[]>>>();
assertType<Equal<typeof piped.output, Receiver<number[]>>>();
const double = map((n: number) => n * 2);
const length = map((s: string) => s.length);
// @ts-expect-error a stage of strings cannot follow a stage of numbers
pipeline(numbers, double, length);
// @ts-expect-error map takes a function
map(42);
// @ts-expect-error batch needs a size
batch({});
assertType<Equal<ReturnType<typeof generate<number>>, Receiver<number>>>();
assertType<Equal<ReturnType<typeof fromIterable<string>>, Receiver<string>>>();

// Fan-out and fan-in keep the element type.
assertType<Equal<ReturnType<typeof merge<number>>, Receiver<number>>>();
// @ts-expect-error merge takes channels of one type
const mixed: Receiver<number> = merge([numbers, strings]);
// @ts-expect-error merge takes an array
merge(numbers);
const workers = fanOut(numbers, 4, (n) => n.toFixed(2));
assertType<Equal<typeof workers, Receiver<string>[]>>();
assertType<Equal<ReturnType<typeof tee<number>>, Receiver<number>[]>>();
assertType<Equal<ReturnType<typeof orDone<number>>, Receiver<number>>>();
// @ts-expect-error orDone needs the input channel
orDone(null);

// WorkerPool: results typed by the pool's R and each job's T.
const pool = new WorkerPool<number>({ concurrency: 2 });
const one = pool.run(() => 1); // each job's T narrows the pool's R
assertType<Equal<typeof one, Promise<1>>>();
const handle = pool.submit((): number => 1);
assertType<Equal<typeof handle, Promise<Job<number>>>>();
// @ts-expect-error a pool of numbers runs no string jobs
void pool.run(() => 'text');
// @ts-expect-error options are required
new WorkerPool();
// @ts-expect-error a signal must be an AbortSignal, not a context-like object
void pool.run(() => 1, { signal: { signal: new AbortController().signal } });
// @ts-expect-error run takes a function
void pool.run(42);
assertType<Equal<typeof pool.results, Receiver<JobResult<number>> | null>>();
assertType<Equal<ReturnType<typeof pool.metrics>, PoolMetrics>>();
assertType<Equal<typeof pool.name, string | undefined>>();
const disposable: AsyncDisposable = pool;

// PartitionedQueue: string keys by default, number and bigint keys when asked for.
const byName = new PartitionedQueue<{ id: number }>({ partitions: 4 });
void byName.send({ id: 1 }, 'alice');
// @ts-expect-error string keys by default
void byName.send({ id: 1 }, 42);
const byId = new PartitionedQueue<string, PartitionKey>({ partitions: 4 });
byId.trySend('a', 42);
byId.trySend('b', 42n);
// @ts-expect-error keys are strings, numbers or bigints
byId.trySend('c', { id: 1 });
// @ts-expect-error options are required
new PartitionedQueue();
assertType<Equal<(typeof byId.partitions)[number], Receiver<KeyedJob<string, PartitionKey>>>>();
void byId.consume((job, key) => {
  assertType<Equal<typeof job, string>>();
  assertType<Equal<typeof key, PartitionKey>>();
  return [job, key];
});

// PriorityQueue, RateLimiter, CircuitBreaker.
const queue = new PriorityQueue<string>();
assertType<Equal<ReturnType<typeof queue.dequeue>, Promise<[value: string | undefined, ok: boolean]>>>();
// @ts-expect-error values of the queue's type only
queue.enqueue(42);
// @ts-expect-error an interval is required
new RateLimiter({ burst: 3 });
const breaker = new CircuitBreaker();
assertType<Equal<ReturnType<typeof breaker.call<number>>, Promise<number>>>();

// Stream adapters.
assertType<Equal<ReturnType<typeof toReadableStream<number>>, ReadableStream<number>>>();
// @ts-expect-error toReadableStream takes a channel
toReadableStream([1, 2, 3]);
assertType<Equal<ReturnType<typeof fromReadable<Uint8Array>>, Receiver<Uint8Array>>>();
// @ts-expect-error fromReadable takes a stream or an async iterable, not an array
fromReadable([1, 2, 3]);
const clicks = fromEvent<MouseEvent>(new EventTarget(), 'click', { capacity: 4, overflow: 'drop-oldest' });
assertType<Equal<typeof clicks, Receiver<MouseEvent>>>();
// @ts-expect-error an unknown overflow policy
fromEvent(new EventTarget(), 'click', { overflow: 'later' });
// @ts-expect-error the target must be an EventTarget or an EventEmitter
fromEvent({}, 'click');

// Exported so that the values above count as used.
export { mixed, disposable, stage, piped, workers, one, handle, breaker, clicks };
