/**
 * `@csp/channel`: Go's channels, `select`, timers and `go` for TypeScript.
 *
 * | Go | TypeScript |
 * |---|---|
 * | `make(chan T, n)` | `new Chan<T>(n)` |
 * | `ch <- v` / `v := <-ch` / `v, ok := <-ch` | `await ch.send(v)` / `await ch.recv()` / `await ch.recvOk()` |
 * | `close(ch)`, `len(ch)`, `cap(ch)` | `close(ch)`, `len(ch)`, `cap(ch)` |
 * | `for v := range ch` | `for await (const v of ch)` |
 * | `select { case v := <-a: ...; case b <- x: ... }` | `await select([recv(a), send(b, x)])` |
 * | `go f(x)` | `go(f, x)` |
 * | `panic(v)` | `panic(v)` |
 * | `errors.Is(err, target)`, `errors.As(err, &t)` | `errors.is(err, target)`, `errors.as(err, Class)` |
 * | `time.After(d)` | `time.after(ms)` |
 *
 * @packageDocumentation
 */
/// <reference lib="esnext.disposable" preserve="true" />
export { Chan, type BlockingOptions, type ChanOptions, type Receiver, type Sender } from './chan.js';
export { recv, send, RecvCase, SendCase, type SelectCase } from './cases.js';
export { select, trySelect, type SelectResult } from './select.js';
export { close, len, cap } from './builtins.js';
export { go, panic } from './go.js';
export {
  SendOnClosedChannelError,
  CloseOfClosedChannelError,
  CloseOfNilChannelError,
  NonPositiveIntervalError,
} from './errors.js';
export { GoPanicError } from './panic-error.js';
export * as errors from './go-errors.js';
export { enableDeadlockReport } from './deadlock-report.js';
export * as time from './time.js';
export {
  after,
  afterFunc,
  tick,
  sleep,
  now,
  newTimer,
  newTicker,
  since,
  Timer,
  Ticker,
  nanosecond,
  microsecond,
  millisecond,
  second,
  minute,
  hour,
} from './time.js';
