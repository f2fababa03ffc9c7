// Type tests of the error classes, `errors.is` / `errors.as` and `panic`.
import {
  CloseOfClosedChannelError,
  CloseOfNilChannelError,
  GoPanicError,
  NonPositiveIntervalError,
  SendOnClosedChannelError,
  errors,
  panic,
} from '@csp/channel';
import { assertType, type Equal } from './assert-type.js';

declare const err: unknown;

const asError: Error[] = [
  new SendOnClosedChannelError(),
  new CloseOfClosedChannelError(),
  new CloseOfNilChannelError(),
  new NonPositiveIntervalError(),
];

const asPanic: GoPanicError[] = asError.filter((e) => e instanceof GoPanicError);
// @ts-expect-error the channel errors take no message: it is Go's panic text
new SendOnClosedChannelError('other text');

assertType<Equal<ReturnType<typeof errors.is>, boolean>>();
errors.is(err, SendOnClosedChannelError);
errors.is(err, new Error('sentinel'));
const found = errors.as(err, SendOnClosedChannelError);
assertType<Equal<typeof found, SendOnClosedChannelError | undefined>>();
const range = errors.as(err, RangeError);
assertType<Equal<typeof range, RangeError | undefined>>();
// @ts-expect-error errors.as takes a class
errors.as(err, new Error('x'));
// @ts-expect-error errors.is takes a target
errors.is(err);

function unreachableAfterPanic(): number {
  panic(new Error('boom'));
  // No return needed: panic never returns.
}
assertType<Equal<ReturnType<typeof panic>, never>>();

void [asError, asPanic, unreachableAfterPanic, found, range];
