/**
 * How bubbles plug into the core, which stays free of dependencies: the first bubble installs,
 * once for the process, the clock provider (`time`, contexts and everything timed read the
 * bubble's virtual clock inside a bubble, the real one elsewhere), the random source of `select`
 * (the bubble's seeded one), the goroutine starter of `go` (a goroutine started inside a bubble
 * belongs to it) and an observer on the parked-operations registry (which operation of which
 * goroutine is parked). Outside every bubble each hook answers as the core would on its own.
 *
 * @module
 */
import {
  parkedOperations,
  realClock,
  setClockProvider,
  setGoroutineStarter,
  setRandomSource,
  type Subject,
} from '@csp/channel/internal';
import { captureSite, ownerOf, scope } from './bubble.js';

let observing = false;

/**
 * Installs the hooks. Called at every bubble's start, since anything may have replaced them in
 * between (a test that swapped the clock and restored the real one, for instance).
 */
export function installHooks(): void {
  setClockProvider(() => scope.getStore()?.bubble.clock ?? realClock);
  setRandomSource(() => {
    const random = scope.getStore()?.bubble.random;
    return random === undefined || random === null ? Math.random() : random();
  });
  setGoroutineStarter((body) => {
    const bubble = scope.getStore()?.bubble;
    if (bubble === undefined || bubble.ended) return false;
    bubble.start(body);
    return true;
  });
  if (!observing) observeParkedOperations();
  observing = true;
}

/**
 * Wraps the registry's `add`, `delete` and `parkFrom` (the registry has no observer list, and it
 * belongs to the core): the originals still run first, unchanged. The registry is not enabled
 * (its stack capture would slow every parked operation of the process); where the deadlock
 * report enabled it, an operation made in one place and parked later (`await recv(ch)`) is
 * reported at its call site, else at the stack captured when it parked inside a bubble.
 */
function observeParkedOperations(): void {
  const registry = parkedOperations;
  const add = registry.add.bind(registry);
  const remove = registry.delete.bind(registry);
  const parkFrom = registry.parkFrom.bind(registry);
  let site: string | undefined;
  registry.parkFrom = <R>(from: string | undefined, park: () => R): R => {
    const outer = site;
    site = from;
    try {
      return parkFrom(from, park);
    } finally {
      site = outer;
    }
  };
  registry.add = (key: object, reason: string, subject: Subject): void => {
    add(key, reason, subject);
    const current = scope.getStore();
    if (current === undefined || current.goroutine === null) return;
    const described = typeof subject === 'function' ? subject() : subject;
    current.bubble.park(key, current.goroutine, reason, described, site ?? captureSite());
  };
  registry.delete = (key: object): void => {
    remove(key);
    ownerOf(key)?.wake(key);
  };
}
