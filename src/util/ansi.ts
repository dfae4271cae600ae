// OSC, DCS, SOS, PM, APC: run until BEL or ST (ESC \ or 8-bit 0x9c); an
// unterminated one swallows the rest, as a terminal would.
const STRING_SEQ = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g;
// CSI: params, intermediates, final byte; a truncated one at the end is dropped too.
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*(?:[\x40-\x7e]|$)/g;
// Everything else that starts with ESC: charset selection, ESC 7, ESC =, ...
const OTHER_ESC = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
// C0 (minus \t and \n), DEL and C1 controls.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Remove terminal escape sequences and control characters.
 * CRLF becomes LF; a lone CR means the line was redrawn (progress bars,
 * spinners), so only the last non-empty redraw of that line is kept.
 */
export function stripAnsi(text: string): string {
  const noEscapes = text.replace(STRING_SEQ, '').replace(CSI, '').replace(OTHER_ESC, '');
  const lines = noEscapes.replace(/\r+\n/g, '\n').split('\n');
  return lines
    .map((line) => {
      if (!line.includes('\r')) return line;
      const parts = line.split('\r').filter((p) => p.length > 0);
      return parts[parts.length - 1] ?? '';
    })
    .join('\n')
    .replace(CONTROL, '');
}

/**
 * Normalise captured pane text for humans and matchers: strip escapes, drop
 * trailing whitespace per line, keep at most two consecutive blank lines and
 * drop trailing blank lines (a pane capture pads to the pane height).
 */
export function cleanPaneText(text: string): string {
  const out: string[] = [];
  let blanks = 0;
  for (const raw of stripAnsi(text).split('\n')) {
    const line = raw.replace(/[ \t]+$/, '');
    blanks = line === '' ? blanks + 1 : 0;
    if (blanks <= 2) out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
