/**
 * `time.After` the way a user of a library without timers writes it: a one-slot channel and a
 * `setTimeout` that sends into it. The handles are recorded so the benchmark can clear them
 * between runs (outside the timed part).
 *
 * @module
 */
const armed: ReturnType<typeof setTimeout>[] = [];

/** Returns a channel made by `make` that `deliver` fills after `ms`. */
export function naiveAfter<C>(ms: number, make: () => C, deliver: (ch: C) => void): C {
  const ch = make();
  armed.push(setTimeout(() => deliver(ch), ms));
  return ch;
}

/** Clears every timer {@link naiveAfter} armed. */
export function clearNaiveTimers(): void {
  for (const handle of armed) clearTimeout(handle);
  armed.length = 0;
}
