// Removes the Codex TUI's chrome from ANSI-free screen text, leaving the conversation. Chrome is
// found by position (the header above the first prompt, the composer block at the bottom, the
// spinner right above it), so conversation lines that merely look like chrome are kept.
// Pure; shapes are from Codex 0.169 screens.
const PROMPT_RE = /^› /;
// The key-hint bar under the composer (or a picker's hints): always shown at the bottom.
const HINT_RE = /for shortcuts|· f2 to view|esc close|enter insert|esc to (cancel|go back)/;
const BAR_LINE_RE = /^ {2}\S/; // status, hint and picker lines are indented two spaces
const SPINNER_RE = /^• Working \(.*esc to interrupt\)\s*$|^\s*[⠁-⣿] /;
const FOOTER_RE = /^ {2}Worked for \S+(?: \S+)? • \d{1,2}:\d{2}\s*$/; // "  Worked for <1s • 07:01"
const TIP_RE = /^ {2}Tip: /;

export function stripTuiChrome(text: string): string {
  const lines = text.split('\n');
  const firstPrompt = lines.findIndex((l) => PROMPT_RE.test(l));
  let end = lines.length;
  const lastPrompt = findLastIndex(lines, (l) => PROMPT_RE.test(l));
  if (lastPrompt >= 0) {
    const below = lines.slice(lastPrompt + 1).filter((l) => l.trim() !== '');
    // The composer: the last prompt line with only bar lines under it, a key-hint bar among them.
    if (below.length <= 4 && below.some((l) => HINT_RE.test(l)) && below.every((l) => BAR_LINE_RE.test(l))) end = lastPrompt;
  }
  let spinner = end - 1;
  while (spinner >= 0 && lines[spinner]!.trim() === '') spinner--;
  const kept: string[] = [];
  for (let i = 0; i < end; i++) {
    const line = lines[i]!;
    if (i === spinner && SPINNER_RE.test(line)) continue;
    if ((firstPrompt < 0 || i < firstPrompt) && TIP_RE.test(line)) continue;
    if (FOOTER_RE.test(line)) continue;
    kept.push(line);
  }
  const body = kept.join('\n').replace(/\n{3,}/g, '\n\n');
  return /\s$/.test(text) ? body.replace(/\s*$/, '\n') : body;
}

function findLastIndex<T>(items: T[], pred: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i]!)) return i;
  return -1;
}
