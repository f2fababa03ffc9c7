/**
 * The channel operations a channel workload needs, implemented once per library (`@csp/channel`,
 * `ts-chan` in both modes, the hand-written floor). Each child process loads exactly one, so every
 * call site in a workload stays monomorphic.
 *
 * @module
 */

/** One library's channels, as the workloads use them. `C` is its channel, `R` what a receive resolves with. */
export interface ChannelLib<C = unknown, R = unknown> {
  /** `make(chan number, capacity)`. */
  make(capacity: number): C;
  send(ch: C, value: number): Promise<void>;
  recv(ch: C): Promise<R>;
  /** The value a receive resolved with; `undefined` once the channel is closed and drained. */
  valueOf(received: R): number | undefined;
  close(ch: C): void;
  /**
   * A loop's `select` over receives from four channels, written the way the library is meant to
   * be used in a loop: each `next()` commits one case; `index` tells which, from what it resolved with.
   */
  selectLoop(chans: readonly [C, C, C, C]): SelectLoop;
  /** `select { case <-ready: case <-time.After(ms): }`, resolving once either case committed. */
  recvOrTimeout(ready: C, ms: number): Promise<unknown>;
  /** Clears whatever `recvOrTimeout` left armed (between runs; not timed). */
  clearTimers(): void;
}

/** See {@link ChannelLib.selectLoop}. */
export interface SelectLoop<S = any> {
  next(): Promise<S>;
  index(selected: S): number;
}

/** The channel libraries, by id. The first is ours. */
export const channelLibs = ['ours', 'ts-chan', 'ts-chan-unsafe', 'floor'] as const;

/** Loads the library `id` (only the child process that runs it does). */
export async function loadChannelLib(id: string): Promise<ChannelLib> {
  switch (id) {
    case 'ours':
      return (await import('./ours-chan.js')).oursChan as ChannelLib;
    case 'ts-chan':
      return (await import('./ts-chan.js')).tsChan(false) as ChannelLib;
    case 'ts-chan-unsafe':
      return (await import('./ts-chan.js')).tsChan(true) as ChannelLib;
    case 'floor':
      return (await import('./floor-chan-lib.js')).floorChan as ChannelLib;
    default:
      throw new Error(`unknown channel library ${id}`);
  }
}
