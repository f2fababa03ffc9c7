/**
 * Escaping for the SVG and HTML outputs.
 *
 * @module
 */

/** `s` safe inside XML text and attribute values. */
export function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
