/**
 * Go's `select` statement, after `runtime/select.go`: every ready case is found in one pass and
 * one is chosen uniformly at random; when none is ready, the select parks one waiter on every
 * case's channel, all sharing one group, and the first counterpart to complete any of them
 * commits that case and removes the others at once. Exactly one case ever commits.
 *
 * @module
 */
import { RecvCase, caseChan, type SelectCase } from './cases.js';
import { SelectCaseWaiter, WaitKind, receivedOk, type BlockingOptions, type SelectGroup } from './chan.js';
import { completed, failed } from './scheduler.js';
import { Waiter } from './waiter.js';
import { random } from './random.js';
import { SendOnClosedChannelError } from './errors.js';
import { tracer } from './trace-hooks.js';

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

function isReady(c: SelectCase): boolean {
  const ch = caseChan(c);
  if (ch === null) return false;
  return c instanceof RecvCase ? ch.recvReady() : ch.sendReady();
}

/** The index of a ready case chosen uniformly at random, or -1 when none is ready. */
function chooseReady(cases: readonly SelectCase[]): number {
  let ready = 0;
  for (let i = 0; i < cases.length; i++) if (isReady(cases[i]!)) ready++;
  if (ready === 0) return -1;
  let pick = ready === 1 ? 0 : Math.floor(random() * ready);
  // Readiness only grows between the passes, except for a timer when the wall clock steps back:
  // then the last ready case seen stands in for the pick.
  let lastReady = -1;
  for (let i = 0; i < cases.length; i++) {
    if (!isReady(cases[i]!)) continue;
    if (pick-- === 0) return i;
    lastReady = i;
  }
  return lastReady;
}

/** Commits the ready case `index` now. @throws SendOnClosedChannelError for a send on a closed channel. */
function commitNow(c: SelectCase, index: number): AnyResult {
  const ch = caseChan(c)!;
  if (c instanceof RecvCase) {
    const value = ch.receiveNow();
    return { index, value, ok: receivedOk() };
  }
  if (ch.isClosed()) throw new SendOnClosedChannelError();
  ch.sendNow(c.value);
  return { index, value: undefined, ok: true };
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
 * `signal` aborts first, the promise rejects with `signal.reason` and no case committed.
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
  const signal = options?.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const chosen = chooseReady(cases);
  if (tracer !== null) tracer.select(cases, chosen);
  if (chosen >= 0) {
    let result: AnyResult;
    try {
      result = commitNow(cases[chosen]!, chosen);
    } catch (error) {
      return failed(error);
    }
    return completed(result as SelectResult<C>);
  }
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
 * @throws {@link SendOnClosedChannelError} when the chosen case sends on a closed channel.
 * @example
 * ```ts
 * const r = trySelect([recv(messages), send(signals, true)]);
 * if (r === undefined) console.log('no activity'); // default:
 * else if (r.index === 0) console.log('received', r.value);
 * ```
 */
export function trySelect<const C extends readonly SelectCase[]>(cases: C): SelectResult<C> | undefined {
  const chosen = chooseReady(cases);
  if (tracer !== null) tracer.select(cases, chosen);
  if (chosen < 0) return undefined;
  return commitNow(cases[chosen]!, chosen) as SelectResult<C>;
}
