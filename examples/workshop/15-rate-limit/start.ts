// Exercise 15: a rate limiter on a ticker. Make the tests pass: `pnpm workshop 15`.
import { Chan, go, recv, time, trySelect, type BlockingOptions, type Ticker } from '@csp/channel';

/**
 * A token bucket: `burst` tokens at first, then one more every `everyMs` ms, never more than
 * `burst` in the bucket. A request takes a token, without waiting ({@link Limiter.allow}) or
 * waiting for one ({@link Limiter.wait}).
 */
export class Limiter {
  private readonly tokens: Chan<void>;
  private readonly ticker: Ticker;

  constructor(everyMs: number, burst: number) {
    this.tokens = new Chan<void>(burst, { name: 'tokens' });
    for (let i = 0; i < burst; i++) this.tokens.trySend();
    this.ticker = time.newTicker(everyMs);
    go(async () => {
      // TODO: what does this send do when the bucket is full? And when does this loop end?
      for await (const _ of this.ticker.c) await this.tokens.send();
    });
  }

  /** Takes a token if there is one: `true`, else `false` at once (shed the request). Never blocks. */
  allow(): boolean {
    return trySelect([recv(this.tokens)]) !== undefined;
  }

  /** Waits for a token and takes it. Rejects with `signal.reason`, having taken nothing, when `signal` aborts first. */
  async wait(options?: BlockingOptions): Promise<void> {
    await this.tokens.recv(options);
  }

  /** Stops refilling the bucket: no timer and no goroutine of the limiter is left. */
  stop(): void {
    this.ticker.stop();
  }
}

/** The program `pnpm workshop 15 --main` runs: ten requests in a burst against 3 tokens, one more per 40 ms. */
export async function main(): Promise<void> {
  const limiter = new Limiter(40, 3);
  await time.sleep(180); // idle, between two ticks: the bucket is full
  const answers = Array.from({ length: 10 }, () => (limiter.allow() ? 'ok' : 'shed'));
  console.log('burst:', answers.join(' '));
  await limiter.wait();
  console.log('one more after waiting for a token');
  limiter.stop();
}
