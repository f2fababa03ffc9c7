// Properties of context trees: random trees of every kind of derived context, cancelled at
// random places in random order. Exactly the right subtrees are done, with the right error and
// cause; values are found along the path; no timer is left once everything is cancelled.
import { expect } from 'chai';
import fc from 'fast-check';
import { context, type CancelCauseFunc, type Context } from '@csp/sync';
import { activeTimeouts } from './helpers.js';

type Kind = 'cancel' | 'cancelCause' | 'timeout' | 'value' | 'withoutCancel';

interface NodeSpec {
  /** The parent's index among the earlier nodes, or -1 for background. */
  readonly parent: number;
  readonly kind: Kind;
}

interface Node {
  readonly spec: NodeSpec;
  readonly ctx: Context;
  readonly cancel: CancelCauseFunc | null;
}

const treeArbitrary: fc.Arbitrary<NodeSpec[]> = fc
  .array(fc.tuple(fc.nat(), fc.constantFrom<Kind>('cancel', 'cancelCause', 'timeout', 'value', 'withoutCancel')), {
    minLength: 1,
    maxLength: 25,
  })
  .map((raw) => raw.map(([p, kind], i) => ({ parent: i === 0 ? -1 : (p % (i + 1)) - 1, kind })));

/**
 * Builds the tree; after creating node `i`, calls `between(i, nodes)` (which may cancel some),
 * so that nodes are also made under contexts that are already done.
 */
function build(specs: readonly NodeSpec[], between: (i: number, nodes: readonly Node[]) => void): Node[] {
  const nodes: Node[] = [];
  for (const [i, spec] of specs.entries()) {
    if (i > 0) between(i - 1, nodes);
    const parent = spec.parent === -1 ? context.background() : nodes[spec.parent]!.ctx;
    switch (spec.kind) {
      case 'cancel': {
        const [ctx, cancel] = context.withCancel(parent);
        nodes.push({ spec, ctx, cancel: () => cancel() });
        break;
      }
      case 'cancelCause': {
        const [ctx, cancel] = context.withCancelCause(parent);
        nodes.push({ spec, ctx, cancel });
        break;
      }
      case 'timeout': {
        const [ctx, cancel] = context.withTimeout(parent, 60_000);
        nodes.push({ spec, ctx, cancel: () => cancel() });
        break;
      }
      case 'value':
        nodes.push({ spec, ctx: context.withValue(parent, `key${i}`, i), cancel: null });
        break;
      case 'withoutCancel':
        nodes.push({ spec, ctx: context.withoutCancel(parent), cancel: null });
        break;
    }
  }
  between(specs.length - 1, nodes);
  return nodes;
}

/** The nodes whose cancellation reaches `i`: itself and its ancestors up to a withoutCancel. */
function cancellersOf(specs: readonly NodeSpec[], i: number): Set<number> {
  const result = new Set<number>();
  for (let j = i; j !== -1; j = specs[j]!.parent) {
    if (specs[j]!.kind === 'withoutCancel') break;
    result.add(j);
  }
  return result;
}

describe('properties: context trees', () => {
  it('cancels exactly the right subtrees, with the first cause, and never upward', () => {
    const timers = activeTimeouts();
    fc.assert(
      fc.property(treeArbitrary, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }), (specs, cancelPicks) => {
        const order: { node: number; cause: Error }[] = [];
        const nodes = build(specs, (built, soFar) => {
          const cancellable = soFar.flatMap((node, i) => (node.cancel === null ? [] : [i]));
          for (const [after, pick] of cancelPicks) {
            if (after % specs.length !== built || cancellable.length === 0) continue;
            const node = cancellable[pick % cancellable.length]!;
            const cause = new Error(`cancel ${node}`);
            order.push({ node, cause });
            soFar[node]!.cancel!(cause);
          }
        });
        for (const [i, node] of nodes.entries()) {
          const reaching = cancellersOf(specs, i);
          const first = order.find((c) => reaching.has(c.node));
          const { ctx } = node;
          if (first === undefined) {
            expect(ctx.err(), `node ${i} is live`).to.equal(undefined);
            expect(ctx.signal.aborted).to.equal(false);
            expect(context.cause(ctx)).to.equal(undefined);
            expect(ctx.done()?.tryRecv()).to.equal(undefined);
          } else {
            expect(ctx.err(), `node ${i} is cancelled`).to.equal(context.Canceled);
            const withCause = specs[first.node]!.kind === 'cancelCause';
            const expectedCause = withCause ? first.cause : context.Canceled;
            expect(context.cause(ctx), `cause of node ${i}`).to.equal(expectedCause);
            expect(ctx.signal.reason).to.equal(context.Canceled);
            expect(ctx.done()!.tryRecv()).to.deep.equal([undefined, false]);
          }
          for (let j = i; j !== -1; j = specs[j]!.parent) {
            if (specs[j]!.kind === 'value') expect(ctx.value(`key${j}`)).to.equal(j);
          }
        }
        for (const node of nodes) node.cancel?.();
        expect(activeTimeouts(), 'timers left').to.equal(timers);
      }),
      { numRuns: 300 },
    );
  });
});
