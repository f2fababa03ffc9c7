/**
 * `@csp/patterns`: the production concurrency patterns of Go, built on `@csp/channel`: pipelines,
 * fan-out / fan-in, partitioned and priority queues, worker pools with metrics, batching, rate
 * limiting and circuit breaking. Channels in, channels out; `{ signal }` on everything that
 * blocks.
 *
 * @packageDocumentation
 */
/// <reference lib="esnext.disposable" preserve="true" />
export { pipeline, Pipeline, type PipelineOptions, type PipelineSource } from './pipeline/pipeline.js';
export { fromIterable, generate, type SourceOptions } from './pipeline/from-iterable.js';
export { map } from './pipeline/map.js';
export { filter } from './pipeline/filter.js';
export { batch, type BatchOptions } from './pipeline/batch.js';
export type { StageContext, TransformOptions } from './pipeline/transform.js';
export { spawnStage, type Scope, type Stage, type StageRun, type Closable } from './pipeline/scope.js';

export { merge, type FanOptions } from './fan/merge.js';
export { fanOut, type WorkerContext } from './fan/fan-out.js';
export { tee } from './fan/tee.js';
export { orDone } from './fan/or-done.js';

export { fnv32a } from './queue/fnv.js';
export {
  PartitionedQueue,
  type PartitionedQueueOptions,
  type PartitionKey,
  type KeyedJob,
  type PartitionContext,
  type ConsumeOptions,
} from './queue/partitioned-queue.js';
export { PriorityQueue, type PriorityQueueOptions } from './queue/priority-queue.js';

export { WorkerPool } from './pool/worker-pool.js';
export type { PoolOptions, SubmitOptions } from './pool/options.js';
export type { Job, JobContext, JobResult, Task } from './pool/job.js';

export type { PoolMetrics, WorkerMetrics } from './metrics/pool-metrics.js';
export type { Percentiles } from './metrics/histogram.js';
export { watch } from './metrics/watch.js';

export { toReadableStream } from './streams/to-readable-stream.js';
export { fromReadable, type FromReadableOptions, type ReadableSource } from './streams/from-readable.js';
export { fromEvent, type FromEventOptions, type EventTargetLike, type EventEmitterLike } from './streams/from-event.js';
export type { OverflowPolicy } from './streams/overflow.js';

export {
  SubmitOnClosedPoolError,
  ChannelOverflowError,
  PoolAbortedError,
  JobTimeoutError,
  EnqueueOnClosedQueueError,
  CircuitOpenError,
} from './errors.js';

export { RateLimiter, type RateLimiterOptions } from './resilience/rate-limiter.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './resilience/circuit-breaker.js';
