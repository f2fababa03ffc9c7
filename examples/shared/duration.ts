/**
 * Go's `time.Duration.String()`, which `fmt` uses for a duration printed with `%v`: "0s", "850ns",
 * "1.5µs", "250ms", "2.21s", "1m30s", "2h0m5.5s". Durations here are milliseconds, as everywhere
 * in `@csp/channel`; the text is the one Go prints for the same duration (rounded to whole
 * nanoseconds, Go's resolution).
 */
export function durationString(ms: number): string {
  const ns = Math.round(Math.abs(ms) * 1e6);
  const sign = ms < 0 && ns !== 0 ? '-' : '';
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${decimal(ns, 3)}µs`;
  if (ns < 1e9) return `${sign}${decimal(ns, 6)}ms`;
  const minutes = Math.floor(ns / 60e9);
  const hours = Math.floor(minutes / 60);
  const h = hours > 0 ? `${hours}h` : '';
  const m = minutes > 0 ? `${minutes % 60}m` : '';
  return `${sign}${h}${m}${decimal(ns % 60e9, 9)}s`;
}

/** `value / 10^digits` in decimal, without trailing zeros (nor a trailing point), as Go does. */
function decimal(value: number, digits: number): string {
  const unit = 10 ** digits;
  const whole = Math.floor(value / unit);
  const fraction = value % unit;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(digits, '0').replace(/0+$/, '')}`;
}
