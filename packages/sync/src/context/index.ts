/**
 * Go's `context` package: `import { context } from '@csp/sync'`, then `context.background()`,
 * `context.withCancel(parent)`, `context.Canceled`, and so on.
 *
 * @module
 */
export type { CancelCauseFunc, CancelFunc, Context } from './context.js';
export { background, todo } from './empty-context.js';
export { withCancel, withCancelCause, cause } from './cancel-context.js';
export { withDeadline, withDeadlineCause, withTimeout, withTimeoutCause } from './timer-context.js';
export { withValue } from './value-context.js';
export { withoutCancel } from './without-cancel.js';
export { afterFunc } from './after-func.js';
export { fromSignal } from './from-signal.js';
export { Canceled, CanceledError, DeadlineExceeded, DeadlineExceededError } from './errors.js';
