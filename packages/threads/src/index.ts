/**
 * `@csp/threads`: Go's goroutines on every core. Channels whose buffer and waiters live in shared
 * memory ({@link SharedChan}), usable from any worker thread with Go's semantics, and functions
 * run on a pool of threads sized like Go's `GOMAXPROCS`.
 *
 * @packageDocumentation
 */
export { SharedChan, isSharedChanHandle, type SharedChanOptions, type SharedChanHandle } from './shared-chan.js';
export type { ElementType } from './chan-memory.js';
export { structuredCodec, registerCodec, type Codec } from './codec.js';
export { UncopyableValueError, ValueTooLargeError, SharedMemoryUnavailableError, ThreadExitedError } from './errors.js';
export { ThreadPool, type ThreadPoolOptions, type ModuleURL } from './thread-pool.js';
export { goThread, gomaxprocs } from './go-thread.js';
export { availableParallelism, threadSupport, type ThreadOptions } from './thread-host.js';
