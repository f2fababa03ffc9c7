/**
 * Go's `select` statement, after `runtime/select.go`: every ready case is found in one pass and
 * one is chosen uniformly at random; when none is ready, the select parks one waiter on every
 * case's channel, all sharing one group, and the first counterpart to complete any of them
 * commits that case and removes the others at once. Exactly one case ever commits.
 *
 * @module
 */
import { RecvCase, SendCase, caseChan, type SelectCase } from './cases.js';
import { SelectCaseWaiter, WaitKind, closedAndDrained, raced, type BlockingOptions, type SelectGroup } from './chan.js';
import { completed, failed } from './scheduler.js';
import { Waiter } from './waiter.js';
import { random } from './random.js';
import { SendOnClosedChannelError } from './errors.js';
import { describeValue, signalOf } from './validate.js';
import { tracer } from './trace-hooks.js';
import { ChanOutsideBubbleError, outsideBubble } from './bubble-owner.js';

/** What {@link countReady} returns when a case's channel belongs to a test bubble other than the caller's. */
const outsideTheBubble = -1;

type CaseValue<C> = C extends RecvCase<infer T> ? T | undefined : undefined;

/**
 * What `select(cases)` resolves with: the `index` of the case that committed, the `value` it
 * received (`undefined` for a send case, and for a receive from a closed channel) and `ok`
 * (`false` only for a receive from a closed, drained channel). Typed per case, so
 * `switch (r.index)` narrows `r.value` to that case's element type. For cases built at run time
 * (an array, not a tuple, e.g. `channels.map(recv)`), `index` is a `number` and `value` the union
 * of the cases' element types.
 */
export type SelectResult<C extends readonly SelectCase[]> = number extends C['length']
  ? { readonly index: number; readonly value: CaseValue<C[number]>; readonly ok: boolean }
  : {
      [I in keyof C]: I extends `${infer N extends number}`
        ? { readonly index: N; readonly value: CaseValue<C[I]>; readonly ok: boolean }
        : never;
    }[number];

type AnyResult = { readonly index: number; readonly value: unknown; readonly ok: boolean };

/** A parked select: one waiter per case with a channel, the first completed one wins. */
class SelectWaiter extends Waiter<AnyResult> implements SelectGroup {
  readonly cases: SelectCaseWaiter<unknown>[] = [];

  commit(winner: SelectCaseWaiter<unknown>, value: unknown, ok: boolean): void {
    this.unparkExcept(winner);
    this.resolve({ index: winner.index, value, ok });
  }

  fail(winner: SelectCaseWaiter<unknown>, error: Error): void {
    this.unparkExcept(winner);
    this.reject(error);
  }

  /** Removes every case but `winner` from its channel. */
  unparkExcept(winner: SelectCaseWaiter<unknown> | null): void {
    for (const waiter of this.cases) if (waiter !== winner) waiter.chan.unpark(waiter);
  }
}

const undoSelect = (group: SelectWaiter): void => group.unparkExcept(null);

/** Whether case `index` can commit now. @throws TypeError when it is not a case. */
function isReady(c: SelectCase, index: number, call: string): boolean {
  if (c instanceof RecvCase) return c.chan !== null && caseChan(c)!.recvReady();
  if (c instanceof SendCase) return c.chan !== null && caseChan(c)!.sendReady();
  throw notACase(c, index, call);
}

function notACase(c: unknown, index: number, call: string): TypeError {
  const hint =
    c instanceof Promise ? ' (build a case with recv(ch) or send(ch, value); ch.recv() and ch.send(v) start an operation)' : '';
  return new TypeError(`${call}: case ${index} must be recv(ch) or send(ch, value), got ${describeValue(c)}${hint}`);
}

/**
 * How many cases can commit now, or {@link outsideTheBubble}. The first pass over the cases, so it
 * checks them all before anything happens.
 * @throws TypeError when `cases` is not an array of cases.
 */
function countReady(cases: readonly SelectCase[], call: string): number {
  if (!Array.isArray(cases)) {
    throw new TypeError(`${call}: the cases must be an array such as [recv(a), send(b, v)], got ${describeValue(cases)}`);
  }
  let ready = 0;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    if (isReady(c, i, call)) ready++;
    const bubble = caseChan(c)?.bubble;
    if (bubble !== undefined && outsideBubble(bubble)) return outsideTheBubble;
  }
  return ready;
}

/**
 * The index of one of the `ready` (> 0) ready cases, chosen uniformly at random; -1 when none is
 * ready any more (a channel shared with other threads lost its value meanwhile).
 */
function chooseReady(cases: readonly SelectCase[], ready: number, call: string): number {
  let pick = ready === 1 ? 0 : Math.floor(random() * ready);
  // Readiness only grows between the passes, except for a timer when the wall clock steps back
  // and a channel shared with other threads: then the last ready case seen stands in for the pick.
  let lastReady = -1;
  for (let i = 0; i < cases.length; i++) {
    if (!isReady(cases[i]!, i, call)) continue;
    if (pick-- === 0) return i;
    lastReady = i;
  }
  return lastReady;
}

/**
 * Commits the ready case `index` now; `undefined` when a channel shared with other threads lost
 * it to another thread meanwhile (see `raced`): then nothing happened, and the caller looks again.
 * @throws SendOnClosedChannelError for a send on a closed channel.
 */
function commitNow(c: SelectCase, index: number): AnyResult | undefined {
  const ch = caseChan(c)!;
  if (c instanceof RecvCase) {
    const value = ch.receiveNow();
    if (value === raced) return undefined;
    return value === closedAndDrained ? { index, value: undefined, ok: false } : { index, value, ok: true };
  }
  if (ch.isClosed()) throw new SendOnClosedChannelError();
  return ch.sendNow(c.value) === raced ? undefined : { index, value: undefined, ok: true };
}

function describe(cases: readonly SelectCase[]): string | undefined {
  const names = cases.map((c) => {
    const ch = caseChan(c);
    const name = ch === null ? 'nil' : (ch.name ?? 'unnamed');
    return c instanceof RecvCase ? `<-${name}` : `${name}<-`;
  });
  return names.length === 0 ? undefined : names.join(', ');
}

/**
 * Go's `select { case ...: }`. Blocks until one case can proceed, then commits exactly that one:
 * among the cases ready at the same time, one is chosen uniformly at random. The promise resolves
 * with `{ index, value, ok }` (see {@link SelectResult}). Cases on `null` channels are never
 * chosen; `select([])` blocks forever, as Go's `select {}` does.
 *
 * A send case on a closed channel counts as ready; when chosen, the promise rejects with
 * `SendOnClosedChannelError` (also when the channel is closed while the select is parked). When
 * `signal` aborts first, the promise rejects with `signal.reason` and no case committed. When a
 * case's channel was made inside a test bubble (`@csp/testing`) and the select runs outside it,
 * the promise rejects with `ChanOutsideBubbleError` before anything happens, as Go panics.
 *
 * @throws TypeError, before anything happens, when `cases` is not an array of `recv(ch)` /
 *   `send(ch, v)` cases, or `options.signal` is not an `AbortSignal` (e.g. a context: pass
 *   `ctx.signal`).
 *
 * @example
 * ```ts
 * const r = await select([recv(jobs), recv(time.after(1000))]);
 * switch (r.index) {
 *   case 0: console.log('job', r.value); break;
 *   case 1: console.log('timeout'); break;
 * }
 * ```
 */
export function select<const C extends readonly SelectCase[]>(cases: C, options?: BlockingOptions): Promise<SelectResult<C>> {
  const signal = options === undefined ? undefined : signalOf(options, 'select');
  let ready = countReady(cases, 'select');
  if (ready === outsideTheBubble) return Promise.reject(new ChanOutsideBubbleError('select on'));
  if (signal?.aborted) return Promise.reject(signal.reason);
  for (; ready > 0; ready = countReady(cases, 'select')) {
    const chosen = chooseReady(cases, ready, 'select');
    if (chosen < 0) continue;
    if (tracer !== null) tracer.select(cases, chosen);
    let result: AnyResult | undefined;
    try {
      result = commitNow(cases[chosen]!, chosen);
    } catch (error) {
      return failed(error);
    }
    if (result !== undefined) return completed(result as SelectResult<C>);
  }
  if (tracer !== null) tracer.select(cases, -1);
  const group = new SelectWaiter();
  for (let index = 0; index < cases.length; index++) {
    const c = cases[index]!;
    const ch = caseChan(c);
    if (ch === null) continue;
    if (c instanceof RecvCase) {
      const waiter = new SelectCaseWaiter<unknown>(WaitKind.SelectRecv, undefined, ch, group, index);
      group.cases.push(waiter);
      ch.parkReceiver(waiter);
    } else {
      const waiter = new SelectCaseWaiter<unknown>(WaitKind.SelectSend, c.value, ch, group, index);
      group.cases.push(waiter);
      ch.parkSender(waiter);
    }
  }
  const reason = cases.length === 0 ? 'select (no cases)' : 'select';
  return group.park(reason, () => describe(cases), signal, undoSelect) as Promise<SelectResult<C>>;
}

/**
 * Go's `select { case ...: default: }`. Never blocks: commits one ready case (chosen uniformly at
 * random) and returns its `{ index, value, ok }`, or returns `undefined` where Go takes `default`
 * (no case is ready, including when every case is on a `null` channel). Registers nothing.
 *
 * @throws {@link SendOnClosedChannelError} when the chosen case sends on a closed channel;
 *   TypeError, before anything happens, when `cases` is not an array of cases;
 *   `ChanOutsideBubbleError`, before anything happens, when a case's channel belongs to a test
 *   bubble the caller is not in.
 * @example
 * ```ts
 * const r = trySelect([recv(messages), send(signals, true)]);
 * if (r === undefined) console.log('no activity'); // default:
 * else if (r.index === 0) console.log('received', r.value);
 * ```
 */
export function trySelect<const C extends readonly SelectCase[]>(cases: C): SelectResult<C> | undefined {
  let ready = countReady(cases, 'trySelect');
  if (ready === outsideTheBubble) throw new ChanOutsideBubbleError('select on');
  for (; ready > 0; ready = countReady(cases, 'trySelect')) {
    const chosen = chooseReady(cases, ready, 'trySelect');
    if (chosen < 0) continue;
    if (tracer !== null) tracer.select(cases, chosen);
    const result = commitNow(cases[chosen]!, chosen);
    if (result !== undefined) return result as SelectResult<C>;
  }
  if (tracer !== null) tracer.select(cases, -1);
  return undefined;
}
