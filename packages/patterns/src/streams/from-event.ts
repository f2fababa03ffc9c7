/**
 * `fromEvent`: events as a bounded channel. Takes a DOM `EventTarget` (a button, a `WebSocket`,
 * an `AbortSignal`) or a Node `EventEmitter`. Zero dependencies; Node ≥ 18 and browsers.
 *
 * @module
 */
import { Chan, type Receiver } from '@csp/channel';
import { describeValue } from '@csp/channel/internal';
import { checkScope, spawnStage, type Scope } from '../pipeline/scope.js';
import { nonNegativeInteger } from '../settings.js';
import { offer, overflowPolicy, type OverflowPolicy } from './overflow.js';

/** A DOM-style event source. */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: any) => void): void;
  removeEventListener(type: string, listener: (event: any) => void): void;
}

/** A Node-style event source. */
export interface EventEmitterLike {
  on(type: string | symbol, listener: (...args: any[]) => void): unknown;
  off(type: string | symbol, listener: (...args: any[]) => void): unknown;
}

/** Settings of {@link fromEvent}. */
export interface FromEventOptions extends Scope {
  /** The channel's buffer: how many events may wait for the reader; default 16. */
  capacity?: number | undefined;
  /**
   * What happens to an event that finds the channel full (see {@link OverflowPolicy}); default
   * `'error'`. Events cannot wait, so `'block'` keeps each one as a parked send, in order,
   * without bound: pick a drop policy to bound memory under a sustained burst.
   */
  overflow?: OverflowPolicy | undefined;
  /**
   * An event type that ends the stream (e.g. `'close'` for a `WebSocket`, `'end'` for a Node
   * stream): the listeners are removed and the channel closes once drained.
   */
  until?: string | undefined;
  /** The channel's name, for the deadlock report. */
  name?: string | undefined;
}

/**
 * A channel of the `type` events of `target`, from now on: Go's
 * `go func() { for e := range events { ch <- e } }()` for a callback API. Never blocks.
 *
 * The listener is removed, and the channel closes (after what it holds is read), when `signal`
 * aborts, when the `until` event fires, or when an overflow under `'error'` stops it; that error
 * goes to `onError`, or panics without it (as in Go). A Node emitter's listener receives its first
 * argument as the event.
 *
 * @throws TypeError when `target` is neither an `EventTarget` nor an `EventEmitter`, `type` is not
 *   a string, or for a bad `signal`, `onError` or `overflow`; RangeError for a bad `capacity`.
 *
 * @example
 * ```ts
 * const clicks = fromEvent<MouseEvent>(button, 'click', { capacity: 8, overflow: 'drop-oldest' });
 * for await (const click of clicks) handle(click);
 * ```
 */
export function fromEvent<E = unknown>(
  target: EventTargetLike | EventEmitterLike,
  type: string,
  options?: FromEventOptions,
): Receiver<E> {
  const owner = 'fromEvent';
  const listen = listenerApi(target);
  if (typeof type !== 'string') throw new TypeError(`${owner}: type must be a string, got ${describeValue(type)}`);
  checkScope(owner, options);
  const capacity = nonNegativeInteger(owner, 'capacity', options?.capacity ?? 16);
  const policy = overflowPolicy(owner, options?.overflow ?? 'error', capacity);
  const until = options?.until;
  const output = new Chan<E>(capacity, { name: options?.name });
  spawnStage(null, output, options, async function fromEvent(run) {
    let ended!: () => void;
    const end = new Promise<void>((resolve) => (ended = resolve));
    const onEvent = (event: E): void => {
      if (run.stopped) return;
      try {
        offer(owner, output, event, policy)?.catch(() => {}); // a waiting send ends when the channel closes
      } catch (error) {
        run.fail(error);
      }
    };
    run.signal.addEventListener('abort', ended, { once: true });
    listen.add(type, onEvent);
    if (until !== undefined) listen.add(until, ended);
    try {
      await end;
    } finally {
      listen.remove(type, onEvent);
      if (until !== undefined) listen.remove(until, ended);
      run.signal.removeEventListener('abort', ended);
    }
  });
  return output;
}

/** Adds and removes listeners on `target`, whichever kind it is. */
function listenerApi(target: EventTargetLike | EventEmitterLike): {
  add(type: string, listener: (event: any) => void): void;
  remove(type: string, listener: (event: any) => void): void;
} {
  const dom = target as EventTargetLike;
  if (typeof dom?.addEventListener === 'function' && typeof dom.removeEventListener === 'function') {
    return {
      add: (type, listener) => dom.addEventListener(type, listener),
      remove: (type, listener) => dom.removeEventListener(type, listener),
    };
  }
  const node = target as EventEmitterLike;
  if (typeof node?.on === 'function' && typeof node.off === 'function') {
    return { add: (type, listener) => node.on(type, listener), remove: (type, listener) => node.off(type, listener) };
  }
  throw new TypeError(`fromEvent: target must be an EventTarget or an EventEmitter, got ${describeValue(target)}`);
}
