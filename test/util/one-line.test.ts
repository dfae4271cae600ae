// Agent and user text on one terminal line: nothing a terminal acts on gets through, and a cut
// says so.
import { describe, expect, it } from 'vitest';
import { cut, oneLine } from '../../src/util/one-line.js';

describe('oneLine', () => {
  it.each([
    ['plain', 'Done.', 'Done.'],
    ['newlines, tabs and runs of spaces', '  Fixed\tthe\n\nbug   in a.ts \n', 'Fixed the bug in a.ts'],
    ['a carriage return is a space, not a redraw', 'progress 10%\rprogress 100%', 'progress 10% progress 100%'],
    ['colour (CSI)', '\x1b[31mred\x1b[0m text', 'red text'],
    ['a window title set (OSC, BEL)', 'a\x1b]0;pwned\x07b', 'ab'],
    ['a window title set (OSC, ST)', 'a\x1b]2;pwned\x1b\\b', 'ab'],
    ['screen clear and cursor moves', '\x1b[2J\x1b[Hok\x1b[10;5H!', 'ok!'],
    ['8-bit CSI and other C1 controls', 'x\x9b31my\x85z', 'xyz'],
    ['bare C0 controls and DEL', 'a\x00b\x07c\x08d\x7fe', 'abcde'],
    ['an escape left unterminated at the end', 'text \x1b[', 'text'],
  ])('%s', (_name, input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });

  it('cuts after cleaning, so escapes do not count against the length', () => {
    expect(oneLine(`\x1b[1m${'a'.repeat(20)}\x1b[0m`, 20)).toBe('a'.repeat(20));
    expect(oneLine('a'.repeat(21), 20)).toBe(`${'a'.repeat(19)}…`);
  });
});

describe('cut', () => {
  it('keeps text that fits, and never leaves half a surrogate pair', () => {
    expect(cut('abc', 3)).toBe('abc');
    expect(cut('abcd', 3)).toBe('ab…');
    expect(cut('a😀bc', 3)).toBe('a…');
    expect(cut('ab😀c', 4)).toBe('ab…');
    expect(cut('ab😀cd', 5)).toBe('ab😀…');
  });
});
