/**
 * Glue for the channel workloads: loads the library the child runs, then hands it to the body.
 *
 * @module
 */
import type { Samples, Settings, Workload } from '../../harness/workload.js';
import { loadChannelLib, type ChannelLib } from '../../libs/channel-lib.js';

export function channelWorkload(body: (lib: ChannelLib, settings: Settings) => Promise<Samples>): Workload {
  return { run: async (id, settings) => body(await loadChannelLib(id), settings) };
}
