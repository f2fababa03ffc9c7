/**
 * Unbuffered ping-pong: one task sends on `ping` and waits on `pong`, the other echoes. One op is
 * one round trip (two hand-offs).
 *
 * @module
 */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import { channelWorkload } from './define.js';

export default channelWorkload((lib, settings) => {
  const rounds = settings.quick ? 20_000 : 100_000;
  return repeat(repeats(settings), async () => {
    const ping = lib.make(0);
    const pong = lib.make(0);
    const echo = async (): Promise<void> => {
      for (let i = 0; i < rounds; i++) await lib.send(pong, lib.valueOf(await lib.recv(ping))!);
    };
    const opsPerSec = await opsPerSecond(rounds, async () => {
      const echoing = echo();
      for (let i = 0; i < rounds; i++) {
        await lib.send(ping, i);
        if (lib.valueOf(await lib.recv(pong)) !== i) throw new Error('ping-pong: wrong value echoed');
      }
      await echoing;
    });
    return { opsPerSec };
  });
});
