// Text from the agent or the user, put on one line of a row or a status field: what a terminal
// would act on (escape sequences, controls) goes, every run of whitespace is one space.
import { stripAnsi } from './ansi.js';

/** Pure: at most `max` characters, `…` the last when `text` was longer; never half a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/** Pure: `text` on one line, safe to print to a terminal, cut to `max` characters when given. */
export function oneLine(text: string, max = Infinity): string {
  // Whitespace first, so a carriage return is a space and not a redraw for stripAnsi.
  const flat = stripAnsi(text.replace(/\s+/g, ' ')).replace(/\s+/g, ' ').trim();
  return cut(flat, max);
}
