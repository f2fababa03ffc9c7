// The shared argument checks of `@csp/channel/internal`, tested directly: the other packages rely
// on their messages and on what they accept.
import { expect } from 'chai';
import { describeValue, func, integer, isAbortSignal, nonNegativeInteger, signalOf } from '@csp/channel/internal';

describe('validate (the shared argument checks)', () => {
  it('describes values for error messages', () => {
    expect(describeValue(() => 1)).to.equal('a function');
    expect(describeValue(null)).to.equal('null');
    expect(describeValue('50')).to.equal("'50' (a string)");
    expect(describeValue(3n)).to.equal('3n (a bigint)');
    expect(describeValue(42)).to.equal('42');
    expect(describeValue({})).to.equal('an object');
    expect(describeValue(new Map())).to.equal('a Map');
  });

  it('tells an AbortSignal, of this realm or duck-typed, from other objects', () => {
    expect(isAbortSignal(new AbortController().signal)).to.equal(true);
    const foreign = { aborted: false, addEventListener() {}, removeEventListener() {} };
    expect(isAbortSignal(foreign)).to.equal(true);
    expect(isAbortSignal({ aborted: false })).to.equal(false);
    expect(isAbortSignal(null)).to.equal(false);
  });

  it('signalOf returns the signal, treats undefined and null as none, and names the call otherwise', () => {
    const signal = new AbortController().signal;
    expect(signalOf({ signal }, 'X.call')).to.equal(signal);
    expect(signalOf(undefined, 'X.call')).to.equal(undefined);
    expect(signalOf(null, 'X.call')).to.equal(undefined);
    expect(signalOf({ signal: null }, 'X.call')).to.equal(undefined);
    expect(() => signalOf(42 as never, 'X.call')).to.throw(
      TypeError,
      /^X\.call: options must be an object such as \{ signal \}, got 42$/,
    );
    expect(() => signalOf({ signal: { signal } } as never, 'X.call')).to.throw(TypeError, /pass its \.signal/);
    expect(() => signalOf({ signal: {} } as never, 'X.call')).to.throw(
      TypeError,
      /^X\.call: \{ signal \} must be an AbortSignal, got an object$/,
    );
  });

  it('nonNegativeInteger and integer return good values and throw TypeError or RangeError naming the setting', () => {
    expect(nonNegativeInteger(0, 'n')).to.equal(0);
    expect(nonNegativeInteger(3, 'n')).to.equal(3);
    expect(() => nonNegativeInteger(-1, 'n')).to.throw(RangeError, /^n must be a non-negative integer, got -1$/);
    expect(() => nonNegativeInteger(1.5, 'n')).to.throw(RangeError);
    expect(() => nonNegativeInteger('3' as never, 'n')).to.throw(TypeError, /^n must be a non-negative integer, got '3'/);
    expect(integer(-2, 'delta')).to.equal(-2);
    expect(() => integer(0.5, 'delta')).to.throw(RangeError, /^delta must be an integer, got 0.5$/);
    expect(() => integer('1' as never, 'delta')).to.throw(TypeError, /^delta must be an integer/);
  });

  it('func returns a function and names what must be one otherwise', () => {
    const f = (): number => 1;
    expect(func(f, 'fn')).to.equal(f);
    expect(() => func(42 as never, 'go: fn')).to.throw(TypeError, /^go: fn must be a function, got 42$/);
  });
});
