/**
 * `CircuitBreaker`: the seeds' "add circuit breakers: stop on too many errors". After
 * `failureThreshold` failures in a row the breaker opens and refuses calls at once; after
 * `resetTimeout` it lets trial calls through (half-open), and closes again when one succeeds.
 *
 * @module
 */
import { currentClock } from '@csp/channel/internal';
import { CircuitOpenError } from '../errors.js';
import { positiveDuration, positiveInteger } from '../settings.js';

/** Settings of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Failures in a row that open the breaker; default 5. */
  failureThreshold?: number | undefined;
  /** Milliseconds the breaker stays open before it lets a trial call through; default 1000. */
  resetTimeout?: number | undefined;
  /** Trial calls allowed at once while half-open; default 1. */
  halfOpenMax?: number | undefined;
  /** Which errors count as failures (default: all). Others are passed through and count as successes. */
  isFailure?: ((error: unknown) => boolean) | undefined;
}

/** `closed`: calls go through. `open`: calls are refused. `half-open`: trial calls go through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Wraps calls to a failing dependency so that, once it is clearly down, callers fail fast with
 * {@link CircuitOpenError} instead of piling up. Use it inside pool jobs or pipeline stages:
 * `pool.run(() => breaker.call(() => fetchPrice(id)))`.
 *
 * Go's standard library has no breaker; this is the seeds' "stop on too many errors". It takes
 * no signal: cancel the call by giving `fn` one.
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly resetTimeout: number;
  private readonly halfOpenMax: number;
  private readonly isFailure: (error: unknown) => boolean;
  private current: CircuitState = 'closed';
  private failuresInARow = 0;
  private openedAt = 0;
  private trials = 0;
  /** Calls refused because the breaker was open. */
  rejected = 0;

  /**
   * @throws RangeError naming `failureThreshold` or `halfOpenMax` unless a positive integer, or
   *   `resetTimeout` unless a positive number of milliseconds.
   */
  constructor(options?: CircuitBreakerOptions) {
    this.failureThreshold = positiveInteger('CircuitBreaker', 'failureThreshold', options?.failureThreshold ?? 5);
    this.resetTimeout = positiveDuration('CircuitBreaker', 'resetTimeout', options?.resetTimeout ?? 1000);
    this.halfOpenMax = positiveInteger('CircuitBreaker', 'halfOpenMax', options?.halfOpenMax ?? 1);
    this.isFailure = options?.isFailure ?? (() => true);
  }

  /** The state now (an open breaker whose `resetTimeout` has passed reads `half-open`). Never blocks. */
  get state(): CircuitState {
    if (this.current === 'open' && currentClock().monotonic() - this.openedAt >= this.resetTimeout) return 'half-open';
    return this.current;
  }

  /**
   * Calls `fn` if the breaker lets it through and settles with its outcome, recording success or
   * failure. Blocks only as long as `fn` does. Rejects with {@link CircuitOpenError}, without
   * calling `fn`, while the breaker is open (or half-open with `halfOpenMax` trials running).
   */
  async call<T>(fn: () => T | PromiseLike<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trials >= this.halfOpenMax)) {
      this.rejected++;
      throw new CircuitOpenError(state === 'open' ? this.openedAt + this.resetTimeout - currentClock().monotonic() : 0);
    }
    const trial = state === 'half-open';
    if (trial) {
      this.current = 'half-open';
      this.trials++;
    }
    try {
      const value = await fn();
      this.succeeded();
      return value;
    } catch (error) {
      if (this.isFailure(error)) this.failed();
      else this.succeeded();
      throw error;
    } finally {
      if (trial) this.trials--;
    }
  }

  // A call that started before the breaker opened does not change an open breaker.
  private succeeded(): void {
    if (this.current === 'open') return;
    this.failuresInARow = 0;
    this.current = 'closed';
  }

  private failed(): void {
    if (this.current === 'open') return;
    this.failuresInARow++;
    if (this.current === 'half-open' || this.failuresInARow >= this.failureThreshold) {
      this.current = 'open';
      this.openedAt = currentClock().monotonic();
    }
  }
}
