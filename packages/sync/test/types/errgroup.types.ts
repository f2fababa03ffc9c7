// Type tests of errgroup's Group and singleflight's Group. Checked by `pnpm typecheck`, never
// run; each `@ts-expect-error` line must fail to compile.
import type { Receiver } from '@csp/channel';
import { context, Group, singleflight, type Context } from '@csp/sync';
import { assertType, type Equal } from '../../../channel/test/types/assert-type.js';

declare const signal: AbortSignal;

// errgroup
const g = new Group();
const [g2, gctx] = Group.withContext(context.background());
assertType<Equal<typeof g2, Group>>();
assertType<Equal<typeof gctx, Context>>();
assertType<Equal<ReturnType<Group['go']>, Promise<void>>>();
assertType<Equal<ReturnType<Group['tryGo']>, boolean>>();
assertType<Equal<ReturnType<Group['wait']>, Promise<void>>>();
assertType<Equal<ReturnType<Group['setLimit']>, void>>();
void g.go(async () => {});
void g.go(() => 1, { signal });
g.tryGo(() => {});
g.setLimit(-1);
void g.wait({ signal });
// @ts-expect-error go takes a function
void g.go(42);
// @ts-expect-error a context is not a signal
void g.go(() => {}, { signal: gctx });
// @ts-expect-error withContext needs a parent context
Group.withContext();
// @ts-expect-error a limit is a number
g.setLimit('2');

// singleflight
const sf = new singleflight.Group<number>();
assertType<Equal<ReturnType<typeof sf.do>, Promise<[value: number, shared: boolean]>>>();
assertType<Equal<ReturnType<typeof sf.doChan>, Receiver<singleflight.Result<number>>>>();
assertType<Equal<ReturnType<typeof sf.forget>, void>>();
void sf.do('key', () => 1);
void sf.do('key', async () => 2, { signal });
const result: singleflight.Result<number> = { val: 1, err: undefined, shared: false };
assertType<Equal<typeof result.val, number | undefined>>();
// @ts-expect-error the value type is the group's
void sf.do('key', () => 'text');
// @ts-expect-error keys are strings
void sf.do(42, () => 1);
// @ts-expect-error a context is not a signal
void sf.do('key', () => 1, { signal: gctx });
// @ts-expect-error doChan takes no options
sf.doChan('key', () => 1, { signal });

void [g2, result];
