/**
 * Listening to abort signals without leaving a listener behind on a long-lived signal: every
 * watch goes through `watchAbort` of `@csp/channel`, one `abort` listener per signal however many
 * stages, jobs and parked operations watch it (Node's `EventTarget` makes N listeners O(N²)).
 *
 * @module
 */
import { watchAbort } from '@csp/channel/internal';

/**
 * Calls `callback` once when `signal` aborts (at once if it already has). Returns the function
 * that stops watching; call it when the work the signal could stop is over.
 */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (signal === undefined) return noop;
  if (signal.aborted) {
    callback();
    return noop;
  }
  const link = watchAbort(signal, callback);
  return () => link.unlink();
}

/** Makes `child` abort with the parent's reason when `parent` aborts; returns the unlink function. */
export function linkSignal(parent: AbortSignal | undefined, child: AbortController): () => void {
  return onAbort(parent, () => child.abort(parent!.reason));
}

function noop(): void {}
