/**
 * What runs inside every thread of a {@link ThreadPool}: it receives jobs
 * (`[id, moduleURL, exportName, args]`), imports the module (once), calls the export with the
 * arguments (shared channels opened again) and posts back `[id, true, value]` or
 * `[id, false, error]`. Jobs run one at a time: the pool sends the next only after the result.
 *
 * @module
 */
import { guardCriticalSections } from './shared-lock.js';
import { joinRegistry } from './thread-registry.js';
import { inbound, outbound } from './transfer.js';

type JobMessage = [id: number, moduleURL: string, exportName: string, args: unknown[]];
type Post = (message: unknown) => void;

const modules = new Map<string, Promise<Record<string, unknown>>>();

async function run([id, moduleURL, exportName, args]: JobMessage, post: Post): Promise<void> {
  try {
    let module = modules.get(moduleURL);
    if (module === undefined) modules.set(moduleURL, (module = import(moduleURL) as Promise<Record<string, unknown>>));
    const fn = (await module)[exportName];
    if (typeof fn !== 'function') {
      throw new TypeError(`goThread: ${moduleURL} has no exported function '${exportName}' (got ${typeof fn})`);
    }
    const value: unknown = await fn(...(inbound(args) as unknown[]));
    post([id, true, outbound(value, 'the result of a thread')]);
  } catch (error) {
    try {
      post([id, false, error]);
    } catch {
      post([id, false, new Error(String(error))]);
    }
  }
}

const nodePort = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:worker_threads',
) as typeof import('node:worker_threads') | undefined;

if (nodePort?.parentPort) {
  const port = nodePort.parentPort;
  const data = nodePort.workerData as { critical?: SharedArrayBuffer; registry?: SharedArrayBuffer; thread?: number } | undefined;
  if (data?.critical !== undefined) guardCriticalSections(new Int32Array(data.critical));
  if (data?.registry !== undefined) joinRegistry(data.registry, data.thread ?? 0);
  const post: Post = (message) => port.postMessage(message);
  port.on('message', (message: JobMessage) => void run(message, post));
} else {
  const scope = globalThis as unknown as { postMessage: Post; onmessage: ((event: MessageEvent) => void) | null };
  const post: Post = (message) => scope.postMessage(message);
  scope.onmessage = (event) => void run(event.data as JobMessage, post);
}
