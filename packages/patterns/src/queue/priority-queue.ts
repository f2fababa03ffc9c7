/**
 * `PriorityQueue`: the seeds' `PriorityJobQueue` (a `container/heap` behind a mutex and a
 * condition variable) as a channel source: higher priority first, FIFO among equal priorities,
 * a blocking dequeue that ends when closed and drained, and optional aging.
 *
 * @module
 */
import { Chan, CloseOfClosedChannelError, type BlockingOptions, type Receiver } from '@csp/channel';
import { parkedOperations, signalOf } from '@csp/channel/internal';
import { EnqueueOnClosedQueueError } from '../errors.js';
import { BinaryHeap, type HeapEntry } from './binary-heap.js';
import { PriorityKeys } from './priority-key.js';

/** Settings of {@link PriorityQueue}. */
export interface PriorityQueueOptions {
  /**
   * Aging: milliseconds of waiting that raise a value's priority by 1, so a low priority is served
   * eventually however many higher ones arrive. Default: no aging.
   */
  aging?: number | undefined;
  /** The output channel's name, for the deadlock report. */
  name?: string | undefined;
}

interface Entry<T> extends HeapEntry {
  readonly value: T;
}

/**
 * A priority queue whose dequeue side is a channel ({@link PriorityQueue.output}), so it works in
 * `select`, `for await` and `pipeline()` like any channel.
 *
 * - `enqueue` never blocks (the queue is unbounded, as the seed's).
 * - Receivers get the value with the highest priority at the moment they receive; equal
 *   priorities come out in enqueue order. Waiting receivers are served FIFO.
 * - After `close()`, receivers drain what is left, then get `[undefined, false]`.
 * - Every operation is O(log n).
 *
 * How: the queue hands its best value straight to a waiting receiver, or keeps it offered on the
 * unbuffered output channel (a parked send); when a better value arrives, that offer is withdrawn
 * (an aborted send delivers nothing) and the better one is offered instead.
 *
 * @example
 * ```ts
 * const queue = new PriorityQueue<Job>();
 * queue.enqueue(job, 10);
 * for await (const next of queue) handle(next);
 * ```
 */
export class PriorityQueue<T> implements AsyncIterable<T> {
  private readonly heap = new BinaryHeap<Entry<T>>();
  private readonly keys: PriorityKeys;
  private readonly out: Chan<T>;
  private closed = false;
  /** The entry offered on the output right now, or `null`. */
  private offered: Entry<T> | null = null;
  /** Aborts the current offer; replaced after each withdrawal. */
  private withdraw = new AbortController();
  private withdrawing = false;

  /** @throws RangeError naming `aging` unless it is a positive number of milliseconds. */
  constructor(options?: PriorityQueueOptions) {
    this.keys = new PriorityKeys('PriorityQueue', options?.aging);
    this.out = new Chan<T>(0, { name: options?.name });
  }

  /**
   * The dequeue side: receiving from it is {@link PriorityQueue.dequeue}. Use it in `select`
   * (`recv(queue.output)`) or as a pipeline source. It closes once the queue is closed and drained.
   */
  get output(): Receiver<T> {
    return this.out;
  }

  /** How many values are queued. Never blocks. */
  get length(): number {
    return this.heap.size;
  }

  /**
   * The seed's `Enqueue(job, priority)`: adds `value` with `priority` (default 0; higher comes out
   * first). Never blocks.
   *
   * @throws RangeError naming `priority` when it is not a finite number.
   * @throws EnqueueOnClosedQueueError after `close()`.
   */
  enqueue(value: T, priority = 0): void {
    if (this.closed) throw new EnqueueOnClosedQueueError();
    const entry: Entry<T> = { value, key: this.keys.key(priority), seq: 0, index: -1 };
    this.heap.push(entry);
    if (this.offered === null) this.offer();
    else if (!this.withdrawing && this.heap.peek() === entry) this.withdrawOffer();
  }

  /**
   * The seed's `Dequeue() (Job, bool)`. Blocks until a value is available; resolves with
   * `[value, true]` for the highest-priority value, or `[undefined, false]` once the queue is
   * closed and drained. When `signal` aborts first, it rejects with `signal.reason` and nothing
   * was dequeued.
   */
  dequeue(options?: BlockingOptions): Promise<[value: T | undefined, ok: boolean]> {
    return this.out.recvOk({ signal: signalOf(options, 'PriorityQueue.dequeue') });
  }

  /**
   * The seed's `Close()`: no more values may be enqueued; the queued ones are still delivered,
   * then the output closes and waiting receivers get `[undefined, false]`. Never blocks.
   *
   * @throws CloseOfClosedChannelError when already closed.
   */
  close(): void {
    if (this.closed) throw new CloseOfClosedChannelError();
    this.closed = true;
    if (this.offered === null) this.out.close();
  }

  /** `for await (const v of queue)`: dequeues until the queue is closed and drained. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.out[Symbol.asyncIterator]();
  }

  /**
   * Hands the best entries to waiting receivers, then offers the next best on the output (a parked
   * send), or closes the output when closed and empty.
   */
  private offer(): void {
    let best = this.heap.peek();
    while (best !== null && this.out.trySend(best.value)) {
      this.heap.shift();
      best = this.heap.peek();
    }
    if (best === null) {
      if (this.closed) this.out.close();
      return;
    }
    this.offered = best;
    // The standing offer is the queue's own background work, not the program's: a queue left with
    // unread values must not count as a deadlock (whoever waits on the output still does).
    parkedOperations
      .parkDaemon(() => this.out.send(best.value, { signal: this.withdraw.signal }))
      .then(this.delivered, this.withdrawn);
  }

  private withdrawOffer(): void {
    this.withdrawing = true;
    this.withdraw.abort();
    this.withdraw = new AbortController();
  }

  private readonly delivered = (): void => {
    this.heap.remove(this.offered!);
    this.offered = null;
    this.withdrawing = false;
    this.offer();
  };

  private readonly withdrawn = (): void => {
    this.offered = null;
    this.withdrawing = false;
    this.offer();
  };
}
