// Type tests of the context package and the sync errors. Checked by `pnpm typecheck`, never run;
// each `@ts-expect-error` line must fail to compile.
import type { Receiver } from '@csp/channel';
import type { GoPanicError } from '@csp/channel/internal';
import {
  CanceledError,
  context,
  DeadlineExceededError,
  ModifyLimitWhileActiveError,
  NegativeWaitGroupCounterError,
  ReleasedMoreThanHeldError,
  RUnlockOfUnlockedRWMutexError,
  UnlockOfUnlockedMutexError,
  UnlockOfUnlockedRWMutexError,
  type CancelCauseFunc,
  type CancelFunc,
  type Context,
} from '@csp/sync';
import { assertType, type Equal } from '../../../channel/test/types/assert-type.js';

const background = context.background();
assertType<Equal<typeof background, Context>>();
assertType<Equal<ReturnType<typeof context.todo>, Context>>();

// The Context interface
assertType<Equal<ReturnType<Context['deadline']>, [deadline: Date | undefined, ok: boolean]>>();
assertType<Equal<ReturnType<Context['done']>, Receiver<void> | null>>();
assertType<Equal<ReturnType<Context['err']>, Error | undefined>>();
assertType<Equal<ReturnType<Context['value']>, unknown>>();
assertType<Equal<Context['signal'], AbortSignal>>();
// @ts-expect-error the signal is read-only
background.signal = new AbortController().signal;

// Derivations
const [ctx, cancel] = context.withCancel(background);
assertType<Equal<typeof cancel, CancelFunc>>();
const [, cancelCause] = context.withCancelCause(ctx);
assertType<Equal<typeof cancelCause, CancelCauseFunc>>();
cancelCause(new Error('why'));
cancelCause();
assertType<Equal<ReturnType<typeof context.withTimeout>, [ctx: Context, cancel: CancelFunc]>>();
assertType<Equal<ReturnType<typeof context.withDeadline>, [ctx: Context, cancel: CancelFunc]>>();
context.withTimeout(ctx, 50);
context.withTimeoutCause(ctx, 50, new Error('slow'));
context.withDeadline(ctx, new Date());
context.withDeadlineCause(ctx, new Date(), 'cause');
assertType<Equal<ReturnType<typeof context.withValue>, Context>>();
assertType<Equal<ReturnType<typeof context.withoutCancel>, Context>>();
assertType<Equal<ReturnType<typeof context.cause>, unknown>>();
assertType<Equal<ReturnType<typeof context.afterFunc>, () => boolean>>();
assertType<Equal<ReturnType<typeof context.fromSignal>, Context>>();
context.fromSignal(AbortSignal.timeout(10));
// @ts-expect-error a parent is required
context.withCancel();
// @ts-expect-error a timeout is a number of milliseconds
context.withTimeout(ctx, '50');
// @ts-expect-error a deadline is a Date
context.withDeadline(ctx, 50);
// @ts-expect-error cancel takes no cause
cancel(new Error('why'));
// @ts-expect-error fromSignal takes a signal, not a context
context.fromSignal(ctx);
// @ts-expect-error afterFunc takes a function
context.afterFunc(ctx, 42);

// Errors
assertType<Equal<typeof context.Canceled, CanceledError>>();
assertType<Equal<typeof context.DeadlineExceeded, DeadlineExceededError>>();
assertType<Equal<typeof context.CanceledError, typeof CanceledError>>();
const panics: GoPanicError[] = [
  new UnlockOfUnlockedMutexError(),
  new RUnlockOfUnlockedRWMutexError(),
  new UnlockOfUnlockedRWMutexError(),
  new NegativeWaitGroupCounterError(),
  new ReleasedMoreThanHeldError(),
  new ModifyLimitWhileActiveError(2),
];
void panics;
assertType<Equal<ModifyLimitWhileActiveError['active'], number>>();
// @ts-expect-error how many are active is required
new ModifyLimitWhileActiveError();
