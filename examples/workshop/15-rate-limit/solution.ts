// Exercise 15, solution: the refill drops a token when the bucket is full, with a non-blocking
// send (Go's `select` with a `default`), so the bucket never holds more than `burst`; and `stop()`
// closes a `done` channel the refill selects on, since stopping a ticker does not close its channel.
import { Chan, close, go, recv, select, send, time, trySelect, type BlockingOptions, type Ticker } from '@csp/channel';

/**
 * A token bucket: `burst` tokens at first, then one more every `everyMs` ms, never more than
 * `burst` in the bucket. A request takes a token, without waiting ({@link Limiter.allow}) or
 * waiting for one ({@link Limiter.wait}).
 */
export class Limiter {
  private readonly tokens: Chan<void>;
  private readonly ticker: Ticker;
  private readonly done = new Chan<void>(0, { name: 'done' });

  constructor(everyMs: number, burst: number) {
    this.tokens = new Chan<void>(burst, { name: 'tokens' });
    for (let i = 0; i < burst; i++) this.tokens.trySend();
    this.ticker = time.newTicker(everyMs);
    go(async () => {
      for (;;) {
        const r = await select([recv(this.ticker.c), recv(this.done)]);
        if (r.index === 1) return;
        trySelect([send(this.tokens, undefined)]); // the bucket is full: this token is lost
      }
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
    close(this.done);
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
