/**
 * `PartitionedQueue`: the seed's partition-based distribution. Each job is routed by its key's
 * FNV-1a hash (Go's `int(h.Sum32()) % numPartitions`) to one of several channels, so all jobs of
 * one key go through the same partition, in order.
 *
 * @module
 */
import { Chan, type BlockingOptions, type Receiver } from '@csp/channel';
import { describeValue, func, signalOf } from '@csp/channel/internal';
import { nonNegativeInteger, positiveInteger, requiredOptions } from '../settings.js';
import { joinAll } from '../pipeline/scope.js';
import { fnv32a } from './fnv.js';
import { formatKey, type PartitionKey } from './partition-key.js';
import { KeyOrder } from './key-order.js';

export type { PartitionKey } from './partition-key.js';

/** Settings of {@link PartitionedQueue}. */
export interface PartitionedQueueOptions {
  /** How many partitions (channels); a positive integer. */
  partitions: number;
  /** The buffer of each partition's channel; default 0 (unbuffered). */
  capacity?: number | undefined;
  /** A name for the channels (`<name>[i]`), for the deadlock report. */
  name?: string | undefined;
}

/** A job in a partition's channel, with the key it was sent with. */
export interface KeyedJob<T, K extends PartitionKey = string> {
  readonly key: K;
  readonly job: T;
}

/** What the function given to {@link PartitionedQueue.consume} receives besides the job. */
export interface PartitionContext {
  /** The partition the job came from. */
  readonly partition: number;
  /** The consumer's number within its partition, from 0. */
  readonly consumer: number;
  /** The `signal` given to `consume`, if any. */
  readonly signal: AbortSignal | undefined;
}

/** Settings of {@link PartitionedQueue.consume}. */
export interface ConsumeOptions extends BlockingOptions {
  /** Consumers per partition; default 1. Jobs of one key still run one at a time, in order. */
  consumers?: number | undefined;
}

/**
 * A set of partition channels with routing by key. Per-key order is guaranteed: jobs sent with the
 * same key (one after the other) are received from the same partition in the order sent, and
 * {@link PartitionedQueue.consume} processes them one at a time in that order even with several
 * consumers per partition. Different keys spread over the partitions and run in parallel.
 *
 * Keys are strings by default; `PartitionedQueue<T, number>` (or `PartitionKey` for any) takes
 * numbers and bigints too, hashed as Go prints them (see {@link PartitionedQueue.partition}).
 *
 * @example
 * ```ts
 * const queue = new PartitionedQueue<Order>({ partitions: 4, capacity: 16 });
 * const done = queue.consume(async (order, customer) => apply(order));
 * await queue.send(order, order.customerId);
 * queue.close();
 * await done;
 * ```
 */
export class PartitionedQueue<T, K extends PartitionKey = string> {
  /** The partition channels, in partition order; they close when the queue is closed. */
  readonly partitions: readonly Receiver<KeyedJob<T, K>>[];
  private readonly channels: Chan<KeyedJob<T, K>>[] = [];

  /**
   * The seed's `NewPartitionedQueue(numPartitions, bufferSize)`.
   * @throws TypeError when `options` is missing.
   * @throws RangeError naming `partitions` unless a positive integer, or `capacity` if negative.
   */
  constructor(options: PartitionedQueueOptions) {
    requiredOptions('PartitionedQueue', options, 'new PartitionedQueue({ partitions: 4 })');
    const count = positiveInteger('PartitionedQueue', 'partitions', options.partitions);
    const capacity = nonNegativeInteger('PartitionedQueue', 'capacity', options.capacity ?? 0);
    for (let i = 0; i < count; i++) {
      const name = options.name === undefined ? undefined : `${options.name}[${i}]`;
      this.channels.push(new Chan<KeyedJob<T, K>>(capacity, { name }));
    }
    this.partitions = this.channels;
  }

  /**
   * The seed's `partition(key)`: `fnv32a(key) % partitions`, as in Go. A number or bigint key is
   * hashed as the text Go's `fmt.Sprint` gives it (`42` as `'42'`, `1.5` as `'1.5'`, `2 ** 60` as
   * `'1.152921504606847e+18'`), so `partition(42) === partition('42')`. Never blocks.
   *
   * @throws TypeError when `key` is not a string, a number or a bigint.
   */
  partition(key: K): number {
    return this.partitionOf(key, 'PartitionedQueue.partition');
  }

  /**
   * The seed's `Send(job, key)`: sends `job` to its key's partition. Blocks while that partition's
   * buffer is full (back-pressure). Rejects with `SendOnClosedChannelError` once the queue is
   * closed, and with `signal.reason` when `signal` aborts first (nothing was sent).
   *
   * @throws TypeError when `key` is not a string, a number or a bigint, or `signal` is not an `AbortSignal`.
   */
  send(job: T, key: K, options?: BlockingOptions): Promise<void> {
    const partition = this.partitionOf(key, 'PartitionedQueue.send');
    const signal = signalOf(options, 'PartitionedQueue.send');
    return this.channels[partition]!.send({ key, job }, { signal });
  }

  /**
   * Go's `select { case partition <- job: return true; default: return false }`: sends `job` to
   * its key's partition if that does not block; returns whether it did. Never blocks.
   *
   * @throws SendOnClosedChannelError once the queue is closed.
   * @throws TypeError when `key` is not a string, a number or a bigint.
   */
  trySend(job: T, key: K): boolean {
    return this.channels[this.partitionOf(key, 'PartitionedQueue.trySend')]!.trySend({ key, job });
  }

  /**
   * The seed's `Close()` (Go's `close(ch)` on every partition): consumers drain what was sent,
   * then stop; a later `send` rejects, and a later `trySend` throws, `SendOnClosedChannelError`.
   * Never blocks.
   * @throws CloseOfClosedChannelError when already closed.
   */
  close(): void {
    for (const channel of this.channels) channel.close();
  }

  /**
   * The seed's `StartConsumers`: runs `consumers` (default 1) consumers on every partition, each
   * calling `process(job, key, context)` for the jobs it receives. Jobs of one key never run at the
   * same time and run in the order sent, however many consumers there are. A job that throws does
   * not stop its consumer.
   *
   * Each partition has one receiver that takes jobs in channel order, and only while one of its
   * `consumers` is free (so at most `consumers` jobs per partition are taken and not finished, as
   * with Go's N goroutines ranging over the channel); it queues each job behind the previous job
   * of its key before anything else can run, so per-key order never depends on when a receive's
   * promise settles.
   *
   * Blocks until every partition is closed and drained and every job has been processed; then
   * resolves, or rejects with the first error a job threw. When `signal` aborts, the consumers stop
   * taking jobs (what stays in the partitions is not consumed), the jobs already taken finish, and
   * the promise rejects with `signal.reason`.
   *
   * @throws TypeError naming `process` unless a function, or `signal` unless an `AbortSignal`.
   * @throws RangeError naming `consumers` unless a positive integer.
   */
  consume(process: (job: T, key: K, context: PartitionContext) => unknown, options?: ConsumeOptions): Promise<void> {
    func(process, 'PartitionedQueue.consume: process');
    const perPartition = positiveInteger('PartitionedQueue.consume', 'consumers', options?.consumers ?? 1);
    const signal = signalOf(options, 'PartitionedQueue.consume');
    let failure: { error: unknown } | null = null;
    const run = async (job: T, key: K, context: PartitionContext): Promise<void> => {
      try {
        await process(job, key, context);
      } catch (error) {
        failure ??= { error };
      }
    };
    const partitions = this.channels.map((channel, partition) => consumePartition(channel, partition, perPartition, signal, run));
    return joinAll(partitions).then(() => {
      if (failure !== null) throw failure.error;
    });
  }

  private partitionOf(key: K, call: string): number {
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'bigint') {
      throw new TypeError(`${call}: key must be a string, number or bigint, got ${describeValue(key)}`);
    }
    return fnv32a(formatKey(key)) % this.channels.length;
  }
}

/**
 * One partition's consumers: a receiver that takes a job whenever one of the `consumers` is free,
 * queues it behind its key's previous job ({@link KeyOrder}) and runs it on that consumer. Settles
 * once the channel is closed and drained (or `signal` aborted) and every job taken has finished.
 */
async function consumePartition<T, K extends PartitionKey>(
  channel: Chan<KeyedJob<T, K>>,
  partition: number,
  consumers: number,
  signal: AbortSignal | undefined,
  run: (job: T, key: K, context: PartitionContext) => Promise<void>,
): Promise<void> {
  const blocking = { signal };
  const order = new KeyOrder<K>();
  const free: number[] = [];
  for (let consumer = consumers - 1; consumer >= 0; consumer--) free.push(consumer);
  const running = new Set<Promise<void>>();
  let wakeReceiver: (() => void) | null = null;
  try {
    for (;;) {
      if (free.length === 0) await new Promise<void>((resolve) => (wakeReceiver = resolve));
      const [entry, ok] = await channel.recvOk(blocking);
      if (!ok) return;
      const { key, job } = entry!;
      const consumer = free.pop()!;
      const turn = order.wait(key); // synchronously after the receive: in channel order
      const context: PartitionContext = { partition, consumer, signal };
      const task = turn.ready
        .then(() => run(job, key, context))
        .finally(() => {
          turn.finish();
          running.delete(task);
          free.push(consumer);
          const wake = wakeReceiver;
          wakeReceiver = null;
          wake?.();
        });
      running.add(task);
    }
  } finally {
    await joinAll([...running]);
  }
}
