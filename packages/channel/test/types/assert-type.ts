// Compile-time assertions for the type tests (`test/types/*.types.ts` of each package). These
// files are checked by `pnpm typecheck` and never run: a line that must not compile carries
// `// @ts-expect-error`, so it fails the type check the day it starts compiling.

/** `true` when `A` and `B` are the same type (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Fails to compile unless `T` is `true`: `assertType<Equal<typeof x, number>>()`. */
export function assertType<T extends true>(): T | void {}
