/**
 * `@csp/trace`: see what goroutines do. An opt-in tracer for `@csp/channel`, `@csp/sync` and
 * `@csp/patterns` (zero cost when off) and the pictures drawn from its traces: Chrome Trace Event
 * JSON for Perfetto, Mermaid sequence diagrams, SVG/HTML swimlanes, live terminal swimlanes, and
 * the wait-for graph of a deadlock.
 *
 * @example
 * ```ts
 * import { traceProgram, toChromeTrace, toHtml } from '@csp/trace';
 * const trace = await traceProgram(main, { clock: 'logical' });
 * writeFileSync('trace.json', JSON.stringify(toChromeTrace(trace))); // open in ui.perfetto.dev
 * writeFileSync('trace.html', toHtml(trace, { title: 'worker pool' }));
 * ```
 *
 * @module
 */
export { startTracing, traceProgram, nameResource, Tracing, TracingActiveError, type TracingOptions } from './tracing.js';
export { named } from './describe.js';
export { toChromeTrace, type ChromeTrace, type ChromeEvent } from './chrome.js';
export { validateChromeTrace } from './validate.js';
export { toMermaid, type MermaidOptions } from './mermaid.js';
export { toSvg, toHtml, type SvgOptions } from './svg.js';
export { formatTimeline, TimelineWriter, type TimelineOptions } from './timeline.js';
export { formatWaitFor, waitForSvg } from './wait-for.js';
export { modelOf, type Model, type Lane, type Arrow, type Mark, type BlockedSpan, type HoldSpan } from './model.js';
export type { Parked, WaitState, Clock } from './recorder.js';
export * from './events.js';
