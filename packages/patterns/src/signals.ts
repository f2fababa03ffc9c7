/**
 * Listening to abort signals without leaving a listener behind on a long-lived signal.
 *
 * @module
 */

/**
 * Calls `callback` once when `signal` aborts (at once if it already has). Returns the function
 * that removes the listener; call it when the work the signal could stop is over.
 */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (signal === undefined) return noop;
  if (signal.aborted) {
    callback();
    return noop;
  }
  signal.addEventListener('abort', callback, { once: true });
  return () => signal.removeEventListener('abort', callback);
}

/** Makes `child` abort with the parent's reason when `parent` aborts; returns the unlink function. */
export function linkSignal(parent: AbortSignal | undefined, child: AbortController): () => void {
  return onAbort(parent, () => child.abort(parent!.reason));
}

function noop(): void {}
