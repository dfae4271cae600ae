/** Pure: the last `n` non-blank lines of a screen on one line, for an error message. */
export function lastLines(screen: string, n: number): string {
  return screen
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join(' | ');
}
