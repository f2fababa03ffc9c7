// Type tests of WaitGroup, Once, onceFunc / onceValue / onceValues and Semaphore. Checked by
// `pnpm typecheck`, never run; each `@ts-expect-error` line must fail to compile.
import { context, Once, onceFunc, onceValue, onceValues, Semaphore, WaitGroup } from '@csp/sync';
import { assertType, type Equal } from '../../../channel/test/types/assert-type.js';

declare const signal: AbortSignal;
const [ctx] = context.withCancel(context.background());

// WaitGroup
const wg = new WaitGroup();
assertType<Equal<ReturnType<WaitGroup['add']>, void>>();
assertType<Equal<ReturnType<WaitGroup['done']>, void>>();
assertType<Equal<ReturnType<WaitGroup['wait']>, Promise<void>>>();
assertType<Equal<ReturnType<WaitGroup['go']>, void>>();
wg.add();
wg.add(-1);
wg.go(async () => {});
wg.go(() => 42);
void wg.wait({ signal });
// @ts-expect-error a delta is a number
wg.add('1');
// @ts-expect-error go takes a function
wg.go(42);
// @ts-expect-error a context is not a signal
void wg.wait({ signal: ctx });
// @ts-expect-error WaitGroup takes no options
new WaitGroup({ name: 'x' });

// Once
const once = new Once();
assertType<Equal<ReturnType<Once['do']>, Promise<void>>>();
void once.do(() => {});
void once.do(async () => 1, { signal });
// @ts-expect-error do takes a function
void once.do(42);
// @ts-expect-error a context is not a signal
void once.do(() => {}, { signal: ctx });

// onceFunc / onceValue / onceValues
assertType<Equal<ReturnType<typeof onceValue<number>>, () => number>>();
const config = onceValue(() => ({ port: 8080 }));
assertType<Equal<ReturnType<typeof config>, { port: number }>>();
const load = onceValue(async () => 'text');
assertType<Equal<ReturnType<typeof load>, Promise<string>>>();
const init = onceFunc(() => {});
assertType<Equal<ReturnType<typeof init>, void>>();
const initAsync = onceFunc(async () => {});
assertType<Equal<ReturnType<typeof initAsync>, Promise<void>>>();
// @ts-expect-error onceFunc's function returns nothing
onceFunc(() => 42);
const pair = onceValues((): [string, Error | undefined] => ['text', undefined]);
assertType<Equal<ReturnType<typeof pair>, [string, Error | undefined]>>();
const asyncPair = onceValues(async (): Promise<[number, boolean]> => [1, true]);
assertType<Equal<ReturnType<typeof asyncPair>, Promise<[number, boolean]>>>();
// @ts-expect-error onceValues' function returns a pair
onceValues(() => 42);
// @ts-expect-error the wrapper takes no arguments
config(1);

// Semaphore
const sem = new Semaphore(3, { name: 'db' });
assertType<Equal<Semaphore['size'], number>>();
assertType<Equal<Semaphore['name'], string | undefined>>();
assertType<Equal<ReturnType<Semaphore['acquire']>, Promise<void>>>();
assertType<Equal<ReturnType<Semaphore['tryAcquire']>, boolean>>();
assertType<Equal<ReturnType<Semaphore['release']>, void>>();
void sem.acquire();
void sem.acquire(2, { signal });
sem.tryAcquire();
sem.release(2);
// @ts-expect-error a size is required
new Semaphore();
// @ts-expect-error a size is a number
new Semaphore('3');
// @ts-expect-error the weight comes before the options
void sem.acquire({ signal });
// @ts-expect-error a context is not a signal
void sem.acquire(1, { signal: ctx });
// @ts-expect-error the size is read-only
sem.size = 4;

void [load, init, initAsync, pair, asyncPair];
