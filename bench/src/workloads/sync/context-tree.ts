/**
 * 100k cancellable contexts in a tree (each node has 8 children), then the root is cancelled and
 * the cancellation reaches every node. Compared with the same tree of `AbortController`s, each
 * aborting its children from an `abort` listener. A run fails unless every node is done. One op
 * is one context created and cancelled.
 *
 * @module
 */
import { cpuMs, repeat, repeats } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';

const fanOut = 8;

interface Tree {
  /** Builds `count` nodes; returns a function that cancels the root. */
  build(count: number): () => void;
  /** Whether every node built is done (checked after the timing). */
  allDone(): boolean;
}

async function load(id: string): Promise<() => Tree> {
  switch (id) {
    case 'ours': {
      const { context } = await import('@csp/sync');
      return () => {
        let nodes: { err(): unknown }[] = [];
        return {
          build(count) {
            const [root, cancel] = context.withCancel(context.background());
            const tree = [root];
            for (let i = 1; i < count; i++) tree.push(context.withCancel(tree[Math.floor((i - 1) / fanOut)]!)[0]);
            nodes = tree;
            return cancel;
          },
          allDone: () => nodes.every((ctx) => ctx.err() !== undefined),
        };
      };
    }
    case 'abort-controller':
      return () => {
        let nodes: AbortController[] = [];
        return {
          build(count) {
            const tree = [new AbortController()];
            for (let i = 1; i < count; i++) {
              const parent = tree[Math.floor((i - 1) / fanOut)]!.signal;
              const child = new AbortController();
              parent.addEventListener('abort', () => child.abort(parent.reason), { once: true });
              tree.push(child);
            }
            nodes = tree;
            return () => tree[0]!.abort();
          },
          allDone: () => nodes.every((node) => node.signal.aborted),
        };
      };
    default:
      throw new Error(`unknown context library ${id}`);
  }
}

const workload: Workload = {
  run: async (id, settings) => {
    const makeTree = await load(id);
    const count = settings.quick ? 20_000 : 100_000;
    return repeat(repeats(settings), async () => {
      const tree = makeTree();
      let cancel = (): void => {};
      const createMs = await cpuMs(async () => {
        cancel = tree.build(count);
      });
      const cancelMs = await cpuMs(async () => cancel());
      if (!tree.allDone()) throw new Error('context tree: a node is not done after its root was cancelled');
      return { opsPerSec: count / ((createMs + cancelMs) / 1000), createMs, cancelMs };
    });
  },
};
export default workload;
