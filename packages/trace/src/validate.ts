/**
 * Checks a Trace Event file against the rules the viewers rely on, so that a broken file is
 * caught by a test rather than by a blank Perfetto screen.
 *
 * @module
 */
import type { ChromeEvent } from './chrome.js';

const PHASES = new Set(['M', 'X', 'i', 's', 'f', 'C', 'b', 'e', 'B', 'E', 't', 'I', 'n']);

/**
 * The problems of a Trace Event file (an empty array when there are none): every event has a
 * known phase, a numeric `pid` and (but metadata) a finite, non-negative `ts`; complete events
 * have a non-negative `dur` and nest properly on their track; timestamps never decrease along a
 * track (`pid`, `tid`) in file order; every flow start `s` has exactly one finish `f` with the
 * same `cat` and `id`, not earlier; every async begin `b` has exactly one end `e`.
 */
export function validateChromeTrace(file: unknown): string[] {
  const problems: string[] = [];
  const events = (file as { traceEvents?: unknown } | null)?.traceEvents;
  if (!Array.isArray(events)) return ['traceEvents is not an array'];
  const lastTs = new Map<string, number>();
  const open = new Map<string, number[]>(); // track → end times of the enclosing complete events
  const flows = new Map<string, { s: number[]; f: number[] }>();
  const spans = new Map<string, { b: number; e: number }>();
  events.forEach((raw: unknown, i: number) => {
    const e = raw as ChromeEvent;
    const at = `event ${i} (${String(e?.name)})`;
    if (typeof e !== 'object' || e === null || !PHASES.has(e.ph)) {
      problems.push(`${at}: unknown phase ${String(e?.ph)}`);
      return;
    }
    if (typeof e.pid !== 'number') problems.push(`${at}: pid is not a number`);
    if (e.ph === 'M') return;
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0) {
      problems.push(`${at}: ts ${String(e.ts)} is not a finite non-negative number`);
      return;
    }
    const track = `${e.pid}/${e.ph === 'C' ? `counter ${e.name}` : String(e.tid)}`;
    const previous = lastTs.get(track);
    if (previous !== undefined && e.ts < previous) problems.push(`${at}: ts ${e.ts} < ${previous} earlier on track ${track}`);
    lastTs.set(track, e.ts);
    if (e.ph === 'X') {
      if (typeof e.dur !== 'number' || !(e.dur >= 0)) problems.push(`${at}: dur ${String(e.dur)} is not non-negative`);
      const stack = open.get(track) ?? [];
      while (stack.length > 0 && stack[stack.length - 1]! <= e.ts && !(stack[stack.length - 1]! === e.ts && e.dur === 0)) {
        stack.pop();
      }
      const end = e.ts + (e.dur ?? 0);
      const parent = stack[stack.length - 1];
      if (parent !== undefined && end > parent) problems.push(`${at}: ends at ${end}, after its enclosing slice (${parent})`);
      stack.push(end);
      open.set(track, stack);
    }
    if (e.ph === 's' || e.ph === 'f') {
      const key = `${e.cat ?? ''}/${String(e.id)}`;
      const flow = flows.get(key) ?? { s: [], f: [] };
      flow[e.ph].push(e.ts);
      flows.set(key, flow);
    }
    if (e.ph === 'b' || e.ph === 'e') {
      const key = `${e.cat ?? ''}/${String(e.id)}`;
      const span = spans.get(key) ?? { b: 0, e: 0 };
      span[e.ph]++;
      spans.set(key, span);
    }
  });
  for (const [key, flow] of flows) {
    if (flow.s.length !== 1 || flow.f.length !== 1) {
      problems.push(`flow ${key}: ${flow.s.length} start(s) and ${flow.f.length} finish(es), expected one of each`);
    } else if (flow.f[0]! < flow.s[0]!) {
      problems.push(`flow ${key}: finishes at ${flow.f[0]} before it starts at ${flow.s[0]}`);
    }
  }
  for (const [key, span] of spans) {
    if (span.b !== 1 || span.e !== 1) problems.push(`async span ${key}: ${span.b} begin(s) and ${span.e} end(s)`);
  }
  return problems;
}
