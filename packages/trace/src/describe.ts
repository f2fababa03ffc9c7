/**
 * Short labels for what a trace shows: values in messages, `select` cases, goroutine names.
 *
 * @module
 */
import { RecvCase, type Chan, type SelectCase } from '@csp/channel';
import type { SelectEvent } from './events.js';

const MAX_LABEL = 24;

/** A short label for a value sent on a channel: `42`, `'job 3'`, `Date`, `{…}`. */
export function label(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (value === null) text = 'null';
  else if (typeof value === 'string') text = `'${value}'`;
  else if (typeof value === 'bigint') text = `${String(value)}n`;
  else if (typeof value === 'function') text = 'func';
  else if (typeof value !== 'object') text = String(value);
  else if (Array.isArray(value)) text = `[${value.length}]`;
  else {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    text = typeof name === 'string' && name !== '' && name !== 'Object' ? name : '{…}';
  }
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/**
 * A duration in milliseconds as Go's `time.Duration` prints it: `250µs`, `3ms`, `1.5s`,
 * `1m30.5s`, `forever` for `Infinity`.
 */
export function formatDuration(ms: number): string {
  if (ms === Infinity) return 'forever';
  if (ms === 0) return '0s';
  const trim = (n: number): string => String(Math.round(n * 1000) / 1000);
  if (ms < 1) return `${trim(ms * 1000)}µs`;
  if (ms < 1000) return `${trim(ms)}ms`;
  let seconds = ms / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const h = hours > 0 ? `${hours}h` : '';
  const m = hours > 0 || minutes > 0 ? `${minutes}m` : '';
  return `${h}${m}${trim(seconds)}s`;
}

/** Whether a park with Go's wait `reason` waits for a timer only (`time.sleep`). */
export function isTimerWait(reason: string): boolean {
  return reason === 'sleep';
}

/** What a parked goroutine waits for: `sleep 10ms`, `blocked: chan receive on jobs`. */
export function describeWait(reason: string, subject: string | undefined): string {
  if (isTimerWait(reason)) return subject === undefined ? reason : `${reason} ${subject}`;
  return `blocked: ${reason}${subject === undefined ? '' : ` on ${subject}`}`;
}

/** What a held lock is called in the pictures: `holds accounts`, `holds table (read)`. */
export function describeHold(resource: string, read: boolean): string {
  return `holds ${resource}${read ? ' (read)' : ''}`;
}

/**
 * A timer's or ticker's channel as the pictures name it: `ticker 50ms` (its period), `timer 1s`
 * (its duration when the trace first sees it); `undefined` for any other channel.
 */
export function timerName(chan: Chan<any>): string | undefined {
  const source = internals(chan).timeSource;
  if (source === undefined) return undefined;
  if (source.period > 0) return `ticker ${formatDuration(source.period)}`;
  return `timer ${formatDuration(source.delay)}`;
}

/** A goroutine's name: the function's name with its simple arguments, e.g. `worker(1)`. */
export function goroutineName(fn: (...args: never[]) => unknown, args: readonly unknown[], id: number): string {
  const name = fn.name.replace(/^bound /, '');
  if (name === '') return `goroutine ${id}`;
  const simple = args.filter((a) => typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean');
  return simple.length === 0 ? name : `${name}(${simple.slice(0, 3).map(label).join(', ')})`;
}

/** A case as Go writes it: `<-jobs`, `results<-`, `<-nil`. */
export function describeCase(c: SelectCase, nameOf: (chan: Chan<any>) => string): string {
  const chan = c.chan as Chan<any> | null;
  const name = chan === null ? 'nil' : nameOf(chan);
  return c instanceof RecvCase ? `<-${name}` : `${name}<-`;
}

/** Whether case `c` could proceed now. */
export function caseReady(c: SelectCase): boolean {
  const chan = c.chan as Chan<any> | null;
  if (chan === null) return false;
  return c instanceof RecvCase ? internals(chan).recvReady() : internals(chan).sendReady();
}

/**
 * Gives `fn` a name for traces (`go(named('producer', async () => ...))` shows as `producer`).
 * Returns `fn` itself; does not change what it does.
 */
export function named<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
}

/**
 * What a select did: `chose <-a`, with the other ready cases it abandoned
 * (`chose <-a, abandoned <-b`), `blocks` or `default`.
 */
export function selectOutcome(e: SelectEvent): string {
  if (e.chosen < 0) return e.blocked ? 'blocks' : 'default';
  const name = (i: number): string => e.cases[i] ?? `case ${i}`;
  const abandoned = e.ready.filter((i) => i !== e.chosen).map(name);
  return `chose ${name(e.chosen)}${abandoned.length === 0 ? '' : `, abandoned ${abandoned.join(' ')}`}`;
}

/**
 * The parts of a channel the tracer reads that `@csp/channel` keeps out of its public types
 * (they are `@internal` there, stripped from its declarations).
 */
export interface ChanInternals {
  /**
   * Set on timer and ticker channels only: how long after it was (re)started its first value is
   * due, and the ticker's period (0 for a timer).
   */
  readonly timeSource?: { due(): boolean; readonly delay: number; readonly period: number } | undefined;
  /** The parked receivers, oldest first. */
  readonly receivers: { readonly head: { readonly next: unknown } | null };
  recvReady(): boolean;
  sendReady(): boolean;
}

/** `chan`'s internal view. */
export function internals(chan: Chan<any>): ChanInternals {
  return chan as unknown as ChanInternals;
}
