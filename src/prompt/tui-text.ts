// What an interactive agent takes exactly: text with tabs and newlines. Measured against Codex's TUI
// with the scripted model: pasted into its composer (send), ESC (with the sequence it starts), the
// other C0 controls, DEL and the C1 controls are dropped and CR becomes a newline (CRLF two); in
// its launch argv (start, reopen) CR becomes a newline. A message with one is refused, naming it,
// before anything is queued or typed: never delivered changed. Exec jobs take any text exactly.
import { UsageError } from '../errors.js';

export interface Untypable {
  /** Position in the text, in characters (code points) from 0. */
  offset: number;
  char: string;
}

/** Control characters a composer cannot take as text: C0 but tab and newline, DEL, C1. */
const UNTYPABLE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** Pure: the first character the TUI would drop or change, or null. */
export function firstUntypable(text: string): Untypable | null {
  const at = text.search(UNTYPABLE_RE);
  if (at < 0) return null;
  // Characters before it, not UTF-16 units: a person counts an emoji as one.
  return { offset: [...text.slice(0, at)].length, char: text[at]! };
}

const NAMES: Record<string, string> = {
  '\u0000': 'NUL',
  '\u0007': 'BEL',
  '\u0008': 'backspace',
  '\u000b': 'vertical tab',
  '\u000c': 'form feed',
  '\r': 'carriage return',
  '\u001b': 'ESC',
  '\u007f': 'DEL',
};

/** Pure: "carriage return (\r)", "ESC (\x1b)", "control character \x01". */
export function nameOf(ch: string): string {
  const c = ch.charCodeAt(0);
  const esc = ch === '\r' ? '\\r' : `\\x${c.toString(16).padStart(2, '0')}`;
  const name = NAMES[ch];
  return name ? `${name} (${esc})` : `control character ${esc}`;
}

/** One clear line when an interactive agent cannot get `text` exactly (`what`: "the message"). */
export function assertTuiText(text: string, what: string, agent: string): void {
  const u = firstUntypable(text);
  if (!u) return;
  const effect = u.char === '\r' ? 'would become a newline' : 'would be dropped';
  throw new UsageError(
    `${what} cannot reach an interactive ${agent} exactly: ${nameOf(u.char)} at character ${u.offset} ${effect}. Interactive jobs take text with tabs and newlines only (use \\n line ends; exec jobs take any text); nothing was started or sent`,
  );
}
