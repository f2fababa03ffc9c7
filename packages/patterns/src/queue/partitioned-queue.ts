/**
 * `PartitionedQueue`: the seed's partition-based distribution. Each job is routed by its key's
 * FNV-1a hash (Go's `int(h.Sum32()) % numPartitions`) to one of several channels, so all jobs of
 * one key go through the same partition, in order.
 *
 * @module
 */
import { Chan, type BlockingOptions, type Receiver } from '@csp/channel';
import { nonNegativeInteger, positiveInteger } from '../settings.js';
import { joinAll } from '../pipeline/scope.js';
import { fnv32a } from './fnv.js';

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
export interface KeyedJob<T> {
  readonly key: string;
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
 * @example
 * ```ts
 * const queue = new PartitionedQueue<Order>({ partitions: 4, capacity: 16 });
 * const done = queue.consume(async (order, customer) => apply(order));
 * await queue.send(order, order.customerId);
 * queue.close();
 * await done;
 * ```
 */
export class PartitionedQueue<T> {
  /** The partition channels, in partition order; they close when the queue is closed. */
  readonly partitions: readonly Receiver<KeyedJob<T>>[];
  private readonly channels: Chan<KeyedJob<T>>[] = [];

  /**
   * The seed's `NewPartitionedQueue(numPartitions, bufferSize)`.
   * @throws RangeError naming `partitions` unless a positive integer, or `capacity` if negative.
   */
  constructor(options: PartitionedQueueOptions) {
    const count = positiveInteger('PartitionedQueue', 'partitions', options.partitions);
    const capacity = nonNegativeInteger('PartitionedQueue', 'capacity', options.capacity ?? 0);
    for (let i = 0; i < count; i++) {
      const name = options.name === undefined ? undefined : `${options.name}[${i}]`;
      this.channels.push(new Chan<KeyedJob<T>>(capacity, { name }));
    }
    this.partitions = this.channels;
  }

  /** The seed's `partition(key)`: `fnv32a(key) % partitions`, as in Go. Never blocks. */
  partition(key: string): number {
    return fnv32a(key) % this.channels.length;
  }

  /**
   * The seed's `Send(job, key)`: sends `job` to its key's partition. Blocks while that partition's
   * buffer is full (back-pressure). Rejects with `SendOnClosedChannelError` once the queue is
   * closed, and with `signal.reason` when `signal` aborts first (nothing was sent).
   */
  send(job: T, key: string, options?: BlockingOptions): Promise<void> {
    return this.channels[this.partition(key)]!.send({ key, job }, options);
  }

  /**
   * Go's `select { case partition <- job: return true; default: return false }`: sends `job` to
   * its key's partition if that does not block; returns whether it did. Never blocks.
   *
   * @throws SendOnClosedChannelError once the queue is closed.
   */
  trySend(job: T, key: string): boolean {
    return this.channels[this.partition(key)]!.trySend({ key, job });
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
   * same time and run in the order sent. A job that throws does not stop its consumer.
   *
   * Blocks until every partition is closed and drained and every job has been processed; then
   * resolves, or rejects with the first error a job threw. When `signal` aborts, the consumers stop
   * taking jobs (what stays in the partitions is not consumed), the jobs already taken finish, and
   * the promise rejects with `signal.reason`.
   *
   * @throws RangeError naming `consumers` unless a positive integer.
   */
  async consume(process: (job: T, key: string, context: PartitionContext) => unknown, options?: ConsumeOptions): Promise<void> {
    const perPartition = positiveInteger('PartitionedQueue.consume', 'consumers', options?.consumers ?? 1);
    const signal = options?.signal;
    const blocking = { signal };
    let failure: { error: unknown } | null = null;

    const consumer = async (channel: Chan<KeyedJob<T>>, context: PartitionContext, order: KeyOrder | null): Promise<void> => {
      for (;;) {
        const [entry, ok] = await channel.recvOk(blocking);
        if (!ok) return;
        const { key, job } = entry!;
        const turn = order?.wait(key);
        if (turn !== undefined) await turn.ready;
        try {
          await process(job, key, context);
        } catch (error) {
          failure ??= { error };
        } finally {
          turn?.finish();
        }
      }
    };

    const consumers: Promise<void>[] = [];
    this.channels.forEach((channel, partition) => {
      const order = perPartition > 1 ? new KeyOrder() : null;
      for (let i = 0; i < perPartition; i++) {
        consumers.push(consumer(channel, { partition, consumer: i, signal }, order));
      }
    });
    await joinAll(consumers);
    if (failure !== null) throw (failure as { error: unknown }).error;
  }
}

/** One job's turn within its key: it may start once `ready` resolves, and must call `finish`. */
interface Turn {
  readonly ready: Promise<void>;
  finish(): void;
}

/**
 * Serialises the jobs of each key among several consumers of one partition: a job waits for the
 * previous job of its key (taken earlier from the same FIFO channel) to finish.
 */
class KeyOrder {
  /** The last turn of each key with a job in progress or waiting. */
  private readonly last = new Map<string, Promise<void>>();

  wait(key: string): Turn {
    const ready = this.last.get(key) ?? Promise.resolve();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.last.set(key, finished);
    return {
      ready,
      finish: () => {
        if (this.last.get(key) === finished) this.last.delete(key);
        finish();
      },
    };
  }
}
