// Type tests of `select` and `trySelect`: the result is narrowed per case by `index`.
import { Chan, recv, select, send, trySelect, time, type SelectCase, type SelectResult } from '@csp/channel';
import { assertType, type Equal } from './assert-type.js';

declare const numbers: Chan<number>;
declare const words: Chan<string>;
declare const quit: Chan<void>;
declare const signal: AbortSignal;

async function narrowing(): Promise<void> {
  const r = await select([recv(numbers), send(words, 'hi'), recv(time.after(100)), recv(quit)]);
  switch (r.index) {
    case 0:
      assertType<Equal<typeof r.value, number | undefined>>();
      assertType<Equal<typeof r.ok, boolean>>();
      break;
    case 1:
      assertType<Equal<typeof r.value, undefined>>();
      break;
    case 2:
      assertType<Equal<typeof r.value, Date | undefined>>();
      break;
    case 3:
      assertType<Equal<typeof r.value, void | undefined>>();
      break;
    default:
      assertType<Equal<typeof r, never>>();
  }
  // @ts-expect-error there is no fifth case
  if (r.index === 4) void r;
  // Without narrowing, the value is the union of the cases' values.
  assertType<Equal<typeof r.value, number | Date | void | undefined>>();
}

async function runtimeCases(channels: Chan<number>[]): Promise<void> {
  const r = await select(
    channels.map((ch) => recv(ch)),
    { signal },
  );
  assertType<Equal<typeof r.index, number>>();
  assertType<Equal<typeof r.value, number | undefined>>();
  const cases: SelectCase[] = [recv(numbers), send(words, 'x')];
  const s = await select(cases);
  assertType<Equal<typeof s.index, number>>();
  void [r, s];
}

async function empty(): Promise<void> {
  const r = await select([]);
  assertType<Equal<typeof r, never>>();
  void r;
}

function nonBlocking(): void {
  const r = trySelect([recv(numbers), send(words, 'x')]);
  assertType<
    Equal<typeof r, SelectResult<readonly [ReturnType<typeof recv<number>>, ReturnType<typeof send<string>>]> | undefined>
  >();
  if (r === undefined) return; // Go's default case
  if (r.index === 0) assertType<Equal<typeof r.value, number | undefined>>();
  else assertType<Equal<typeof r.value, undefined>>();
}

async function refused(): Promise<void> {
  // @ts-expect-error a case is built with recv(ch) or send(ch, v), not a promise
  await select([numbers.recv()]);
  // @ts-expect-error nor a channel
  await select([numbers]);
  // @ts-expect-error the cases are an array
  await select(recv(numbers));
  // @ts-expect-error the signal goes in an options object
  await select([recv(numbers)], signal);
  // @ts-expect-error trySelect never blocks, so it takes no signal
  trySelect([recv(numbers)], { signal });
  // @ts-expect-error a send case takes the channel's element type
  await select([send(numbers, 'x')]);
  // @ts-expect-error nor undefined for a channel of numbers
  await select([send(numbers, undefined)]);
}

void [narrowing, runtimeCases, empty, nonBlocking, refused];
