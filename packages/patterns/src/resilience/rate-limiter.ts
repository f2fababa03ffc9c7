/**
 * `RateLimiter`: Go's rate limiting with a ticker and a buffered channel of tokens ("bursty
 * limiter" of Go by Example): one token per `interval`, up to `burst` saved for bursts.
 *
 * @module
 */
import { Chan, newTicker, type BlockingOptions, type Receiver } from '@csp/channel';
import { parkedOperations, signalOf } from '@csp/channel/internal';
import { positiveDuration, positiveInteger, requiredOptions } from '../settings.js';
import { linkSignal } from '../signals.js';

/** Settings of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Milliseconds between two tokens: the steady rate is `1000 / interval` per second. */
  interval: number;
  /** How many tokens can be saved up for a burst (and are available at the start); default 1. */
  burst?: number | undefined;
  /** Stops the limiter (see {@link RateLimiter.stop}) when it aborts. */
  signal?: AbortSignal | undefined;
}

/**
 * Lets at most `burst` operations through at once, then one every `interval` milliseconds: Go's
 * "bursty limiter" (a ticker filling a buffered channel of tokens). Take a
 * token before each operation: `await limiter.wait()`, or receive from {@link RateLimiter.tokens}
 * in a `select`. Waiters are served FIFO.
 *
 * A refill goroutine puts a token in the bucket on every tick of a ticker. While the bucket is full
 * it parks on the send and its ticker is stopped, so an idle limiter holds no timer and does not
 * keep the program alive; the next token then comes one `interval` after a token is taken.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ interval: 100, burst: 3 }); // 10/s, bursts of 3
 * for await (const request of requests) {
 *   await limiter.wait();
 *   handle(request);
 * }
 * limiter.stop();
 * ```
 */
export class RateLimiter implements Disposable {
  private readonly bucket: Chan<Date>;
  private readonly stopper = new AbortController();

  /**
   * Creates the limiter with `burst` tokens available. Never blocks.
   * @throws TypeError when `options` is missing or `signal` is not an `AbortSignal`.
   * @throws RangeError naming `interval` unless a positive number of milliseconds, or `burst`
   *   unless a positive integer.
   */
  constructor(options: RateLimiterOptions) {
    requiredOptions('RateLimiter', options, 'new RateLimiter({ interval: 100, burst: 3 })');
    const signal = signalOf(options, 'RateLimiter');
    const interval = positiveDuration('RateLimiter', 'interval', options.interval);
    const burst = positiveInteger('RateLimiter', 'burst', options.burst ?? 1);
    // One token is held by the refill goroutine's parked send, so the buffer holds burst - 1.
    this.bucket = new Chan<Date>(burst - 1, { name: 'RateLimiter.tokens' });
    for (let i = 1; i < burst; i++) this.bucket.trySend(new Date());
    void this.refill(interval, linkSignal(signal, this.stopper));
  }

  /**
   * The tokens, Go's `<-limiter`: each value received is one permission, stamped with the time it
   * was made available. Use it in `select`, e.g. with a timeout.
   */
  get tokens(): Receiver<Date> {
    return this.bucket;
  }

  /**
   * Go's `<-limiter`: takes a token. Blocks until one is available; resolves then. When `signal` aborts first, it
   * rejects with `signal.reason` and no token was taken. After `stop()`, the saved tokens can still
   * be taken, then it blocks forever (a stopped ticker ticks no more).
   */
  wait(options?: BlockingOptions): Promise<void> {
    return this.bucket.recv({ signal: signalOf(options, 'RateLimiter.wait') }).then(noop);
  }

  /**
   * Go's `select { case <-limiter: default: }`: takes a token if one is available now; returns
   * whether it did. Never blocks.
   */
  tryWait(): boolean {
    return this.bucket.tryRecv() !== undefined;
  }

  /** Stops the refill (Go's `ticker.Stop()`): no new tokens are made. Never blocks. */
  stop(): void {
    this.stopper.abort();
  }

  /** `using limiter = new RateLimiter(...)` stops it at the end of the scope. */
  [Symbol.dispose](): void {
    this.stop();
  }

  private async refill(interval: number, unlink: () => void): Promise<void> {
    const ticker = newTicker(interval);
    const stoppable = { signal: this.stopper.signal };
    try {
      let token = new Date();
      for (;;) {
        if (!this.bucket.trySend(token)) {
          // Bucket full: park without a timer. The refill is a daemon (Go's system goroutine): a
          // limiter nobody stopped does not count as a deadlock when the program ends.
          await parkedOperations.parkDaemon(() => this.bucket.send(token, stoppable));
          ticker.reset(interval);
        }
        token = (await parkedOperations.parkDaemon(() => ticker.c.recv(stoppable)))!;
      }
    } catch {
      // stopped
    } finally {
      ticker.stop();
      unlink();
    }
  }
}

function noop(): void {}
