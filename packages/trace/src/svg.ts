/**
 * A self-contained SVG swimlane of a trace, for slides and the docs site: one lane per
 * goroutine (time runs left to right), red where it was blocked, grey where it slept (labelled with
 * how long), an arrow per message from the
 * send to the receive, dashed arrows where `go` started a goroutine. Every element has a
 * `<title>`, so hovering shows the details.
 *
 * @module
 */
import type { Trace } from './events.js';
import { xml } from './escape.js';
import { describeHold, describeWait } from './describe.js';
import { modelOf } from './model.js';

/** Options of {@link toSvg}. */
export interface SvgOptions {
  /** Width of the time axis in pixels (default 900). */
  width?: number;
  /** A title drawn above the lanes. */
  title?: string;
}

const LANE = 34;
const LABEL = 150;
const TOP = 40;

/** The swimlane of `trace` as an SVG document (a string, no external resources). */
export function toSvg(trace: Trace, options?: SvgOptions): string {
  const model = modelOf(trace);
  const width = options?.width ?? 900;
  const span = Math.max(1, model.end - model.start);
  const x = (ts: number): number => Math.round((LABEL + ((ts - model.start) / span) * width) * 10) / 10;
  const row = new Map(model.lanes.map((lane, i) => [lane.goroutine.id, i]));
  const y = (g: number): number => TOP + (row.get(g) ?? 0) * LANE + LANE / 2;
  const height = TOP + model.lanes.length * LANE + 30;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL + width + 40}" height="${height}" viewBox="0 0 ${LABEL + width + 40} ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="11">`,
    '<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#2563eb"/></marker>',
    '<marker id="spawn" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#6b7280"/></marker></defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  if (options?.title !== undefined) out.push(`<text x="8" y="18" font-size="14" font-weight="bold">${xml(options.title)}</text>`);
  out.push(
    `<g font-size="10"><rect x="${LABEL}" y="24" width="14" height="6" fill="#16a34a"/><text x="${LABEL + 18}" y="30">running or runnable</text>`,
    `<rect x="${LABEL + 150}" y="24" width="14" height="6" fill="#dc2626"/><text x="${LABEL + 168}" y="30">blocked</text>`,
    `<rect x="${LABEL + 640}" y="24" width="14" height="6" fill="#94a3b8"/><text x="${LABEL + 658}" y="30">sleep (timer)</text>`,
    `<line x1="${LABEL + 240}" y1="27" x2="${LABEL + 262}" y2="27" stroke="#2563eb" marker-end="url(#arrow)"/><text x="${LABEL + 268}" y="30">message (send → receive)</text>`,
    `<rect x="${LABEL + 440}" y="24" width="14" height="6" fill="#f59e0b"/><text x="${LABEL + 458}" y="30">holds a lock</text>`,
    `<rect x="${LABEL + 550}" y="24" width="14" height="6" fill="#7c3aed" fill-opacity="0.45"/><text x="${LABEL + 568}" y="30">pool job</text></g>`,
  );
  for (const lane of model.lanes) {
    const cy = y(lane.goroutine.id);
    const name = `G${lane.goroutine.id} ${lane.goroutine.name}`;
    out.push(`<text x="8" y="${cy + 4}">${xml(name)}</text>`);
    out.push(`<line x1="${LABEL}" y1="${cy}" x2="${LABEL + width}" y2="${cy}" stroke="#e5e7eb"/>`);
    out.push(
      `<rect class="alive" x="${x(lane.from)}" y="${cy - 4}" width="${Math.max(1, x(lane.to) - x(lane.from))}" height="8" fill="#16a34a"><title>${xml(`${name}: ${lane.ended ? 'ended' : 'still alive'} `)}</title></rect>`,
    );
    for (const hold of lane.holds) {
      out.push(
        `<rect class="hold" x="${x(hold.from)}" y="${cy - 9}" width="${Math.max(1, x(hold.to) - x(hold.from))}" height="4" fill="#f59e0b"><title>${xml(describeHold(hold.resource.name, hold.read))}</title></rect>`,
      );
    }
    for (const job of lane.jobs) {
      const what = `${job.pool.name}: job ${job.job}${job.ok ? '' : ' failed'}`;
      out.push(
        `<rect class="job" x="${x(job.from)}" y="${cy - 7}" width="${Math.max(1.5, x(job.to) - x(job.from))}" height="14" fill="${job.ok ? '#7c3aed' : '#9f1239'}" fill-opacity="0.45"><title>${xml(what)}</title></rect>`,
      );
      if (job.queuedAt !== undefined && job.queuedBy !== undefined) {
        out.push(
          `<line class="queued" x1="${x(job.queuedAt)}" y1="${y(job.queuedBy)}" x2="${x(job.from)}" y2="${cy}" stroke="#7c3aed" stroke-dasharray="2 2" stroke-width="0.8"><title>${xml(`${what} queued`)}</title></line>`,
        );
      }
    }
    for (const blocked of lane.blocked) {
      const what = `${describeWait(blocked.reason, blocked.subject)}${blocked.open ? ' (never woken)' : ''}`;
      const x1 = x(blocked.from);
      const w = Math.max(1.5, x(blocked.to) - x1);
      if (blocked.timer) {
        // A sleep: waiting for a timer, not for another goroutine; labelled with how long.
        out.push(
          `<rect class="timer" x="${x1}" y="${cy - 5}" width="${w}" height="10" fill="#94a3b8"><title>${xml(what)}</title></rect>`,
          `<text class="timer" x="${x1 + 2}" y="${cy + 15}" fill="#475569" font-size="9">${xml(what)}</text>`,
        );
      } else {
        out.push(
          `<rect class="blocked" x="${x1}" y="${cy - 5}" width="${w}" height="10" fill="#dc2626"><title>${xml(what)}</title></rect>`,
        );
      }
    }
  }
  for (const mark of model.marks) {
    if (mark.kind === 'go' && mark.child !== undefined) {
      out.push(
        `<line class="spawn" x1="${x(mark.ts)}" y1="${y(mark.g)}" x2="${x(mark.ts)}" y2="${y(mark.child)}" stroke="#6b7280" stroke-dasharray="3 2" marker-end="url(#spawn)"><title>${xml(mark.text)}</title></line>`,
      );
    } else {
      const cx = x(mark.ts);
      const cy = y(mark.g);
      const shape =
        mark.kind === 'close'
          ? `<path d="M${cx - 4},${cy - 4} L${cx + 4},${cy + 4} M${cx - 4},${cy + 4} L${cx + 4},${cy - 4}" stroke="#111827" stroke-width="2">`
          : `<circle cx="${cx}" cy="${cy}" r="3.5" fill="#7c3aed">`;
      const tag = mark.kind === 'close' ? 'path' : 'circle';
      out.push(`${shape}<title>${xml(mark.text)}</title></${tag}>`);
    }
  }
  for (const arrow of model.arrows) {
    const x1 = x(arrow.sentAt);
    const y1 = y(arrow.from);
    const x2 = x(arrow.receivedAt);
    const y2 = y(arrow.to);
    const what = `${arrow.channel.name} ← ${arrow.value} (message ${arrow.msg}: G${arrow.from} → G${arrow.to}, waited ${arrow.receivedAt - arrow.sentAt})`;
    out.push(
      `<g class="message"><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#2563eb" stroke-width="1.2" marker-end="url(#arrow)"/><text x="${(x1 + x2) / 2 + 3}" y="${(y1 + y2) / 2 - 2}" fill="#1e40af" font-size="9">${xml(arrow.value)}</text><title>${xml(what)}</title></g>`,
    );
  }
  const unit = trace.clock === 'logical' ? 'events (logical clock)' : 'µs';
  out.push(`<text x="${LABEL}" y="${height - 8}" fill="#6b7280">time → ${xml(String(span))} ${unit}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

/** A self-contained HTML page with the swimlane of `trace` and its legend. */
export function toHtml(trace: Trace, options?: SvgOptions): string {
  const title = options?.title ?? 'csp trace';
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${xml(title)}</title><link rel="icon" href="data:,">`,
    '<style>body{font-family:system-ui,sans-serif;margin:1rem}svg{max-width:100%;height:auto;border:1px solid #e5e7eb}</style></head>',
    `<body><h1>${xml(title)}</h1>`,
    "<p>One lane per goroutine; green: running or runnable, red: blocked (hover for Go's wait reason), blue arrows: messages from send to receive, dashed: <code>go</code>.</p>",
    toSvg(trace, { ...options, title }),
    '</body></html>',
    '',
  ].join('\n');
}
