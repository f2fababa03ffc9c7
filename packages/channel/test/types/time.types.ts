// Type tests of the `time` namespace and its named exports.
import {
  Chan,
  after,
  newTicker,
  newTimer,
  recv,
  select,
  sleep,
  since,
  tick,
  time,
  Timer,
  Ticker,
  type Receiver,
} from '@csp/channel';
import { assertType, type Equal } from './assert-type.js';

declare const signal: AbortSignal;

assertType<Equal<typeof time.after, typeof after>>();
assertType<Equal<ReturnType<typeof after>, Receiver<Date>>>();
assertType<Equal<ReturnType<typeof tick>, Receiver<Date>>>();
assertType<Equal<ReturnType<typeof sleep>, Promise<void>>>();
assertType<Equal<ReturnType<typeof newTimer>, Timer>>();
assertType<Equal<ReturnType<typeof newTicker>, Ticker>>();
assertType<Equal<ReturnType<typeof time.now>, Date>>();
assertType<Equal<ReturnType<typeof since>, number>>();
assertType<Equal<typeof time.second, 1000>>();

async function timers(): Promise<void> {
  await sleep(time.second, { signal });
  const timer = newTimer(100);
  assertType<Equal<typeof timer.c, Receiver<Date>>>();
  assertType<Equal<ReturnType<typeof timer.stop>, boolean>>();
  assertType<Equal<ReturnType<typeof timer.reset>, boolean>>();
  const ticker = newTicker(100);
  assertType<Equal<ReturnType<typeof ticker.stop>, void>>();
  const r = await select([recv(timer.c), recv(ticker.c)]);
  if (r.index === 0) assertType<Equal<typeof r.value, Date | undefined>>();
  since(time.now());
  since(Date.now());
  // @ts-expect-error durations are numbers of milliseconds
  await sleep('50');
  // @ts-expect-error the signal goes in an options object
  await sleep(10, signal);
  // @ts-expect-error a timer's channel is receive-only: it cannot be closed
  timer.c.close();
  // @ts-expect-error nor sent to
  void timer.c.send(new Date());
  // @ts-expect-error nor used as a Chan
  const asChan: Chan<Date> = after(10);
  void asChan;
}

void timers;
