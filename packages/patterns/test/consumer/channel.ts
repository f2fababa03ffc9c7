// A consumer of @csp/channel alone, type-checked against the built d.ts (see tsconfig.json).
import '@csp/channel/deadlock';
import { Chan, close, go, len, recv, select, send, time, type Receiver } from '@csp/channel';
import { WaitQueue, Waiter } from '@csp/channel/internal'; // unstable, but its types must compile too

export async function channelConsumer(): Promise<number> {
  const jobs = new Chan<number>(10, { name: 'jobs' });
  const done = new Chan<void>();
  go(async (input: Receiver<number>) => {
    for await (const job of input) if (job < 0) break;
    close(done);
  }, jobs);
  await jobs.send(1);
  const timeout = time.after(time.second);
  const r = await select([recv(done), send(jobs, 2), recv(timeout)]);
  const timer = time.newTimer(10);
  timer.stop();
  jobs.close();
  const queue = new WaitQueue<Waiter<void>>();
  queue.push(new Waiter<void>());
  return r.index + len(jobs) + time.since(time.now());
}
