// Removes the Codex TUI's chrome (status bar, key hints, spinners, tips, the empty composer) from
// ANSI-free screen text, leaving the conversation. Pure; patterns are from Codex 0.169 screens.
const CHROME: RegExp[] = [
  /^\s*› Ask Codex to do anything\s*$/, // empty composer placeholder
  /for shortcuts/, // key-hint bar: "← for agents · ? for shortcuts ... ⚠ 2 warnings · f2 to view"
  /esc to interrupt\)\s*$/, // spinner: "• Working (2s • esc to interrupt)"
  /^\s*[⠁-⣿]\s/, // braille spinner frames
  /^\s*Worked for .* • \d{1,2}:\d{2}\s*$/, // turn footer
  /^\s*Tip: /,
  /^\s*\S.* (default|minimal|low|medium|high|xhigh)? ?· [~/]\S*\s*$/, // model · cwd status line
  /^\s*(enter|esc|tab) (to |continue|back|confirm)/, // dialog key hints
];

export function stripTuiChrome(text: string): string {
  const kept = text.split('\n').filter((line) => !CHROME.some((re) => re.test(line)));
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s+$/, '\n');
}
