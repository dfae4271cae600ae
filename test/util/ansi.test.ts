import { describe, expect, it } from 'vitest';
import { cleanPaneText, stripAnsi } from '../../src/util/ansi.js';

describe('stripAnsi', () => {
  const cases: [string, string, string][] = [
    ['plain text untouched', 'hello world', 'hello world'],
    ['SGR colour', '\x1b[31mred\x1b[0m text', 'red text'],
    ['CSI with params and private marker', '\x1b[?25l\x1b[2;5Hx\x1b[?2004h', 'x'],
    ['CSI with intermediate byte', 'a\x1b[0 qb', 'ab'],
    ['8-bit CSI', 'a\x9b1mb', 'ab'],
    ['truncated CSI at end', 'abc\x1b[3', 'abc'],
    ['OSC title ended by BEL', '\x1b]0;my title\x07prompt', 'prompt'],
    ['OSC hyperlink ended by ST', '\x1b]8;;http://x.y\x1b\\link\x1b]8;;\x1b\\', 'link'],
    ['unterminated OSC swallows rest', 'ok\x1b]0;never ends', 'ok'],
    ['DCS sequence', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['charset and keypad escapes', '\x1b(Ba\x1b=b\x1b>c\x1b7d\x1b8', 'abcd'],
    ['CRLF to LF', 'one\r\ntwo\r\n', 'one\ntwo\n'],
    ['repeated CR before LF', 'one\r\r\ntwo', 'one\ntwo'],
    ['CR redraw keeps last state', 'prog 10%\rprog 50%\rprog 100%\ndone', 'prog 100%\ndone'],
    ['CR with erase-line', 'spinner |\r\x1b[2Kspinner /\r\x1b[2Kfinished', 'finished'],
    ['trailing CR keeps the text', 'abc\r', 'abc'],
    ['keeps tab and newline, drops other controls', 'a\tb\x00c\x07d\x08e\x7ff\n', 'a\tbcdef\n'],
    ['C1 controls dropped', 'a\x85b\x8dc', 'abc'],
    ['unicode kept', 'héllo ✓ 日本 \x1b[1m🙂\x1b[22m', 'héllo ✓ 日本 🙂'],
    ['lone ESC dropped', 'a\x1b', 'a'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(stripAnsi(input)).toBe(expected);
  });
});

describe('cleanPaneText', () => {
  const cases: [string, string, string][] = [
    ['trims trailing spaces per line', 'a   \nb\t \n  c', 'a\nb\n  c'],
    ['keeps up to two blank lines', 'a\n\n\nb', 'a\n\n\nb'],
    ['collapses longer blank runs to two', 'a\n\n\n\n\n\nb', 'a\n\n\nb'],
    ['whitespace-only lines count as blank', 'a\n   \n \t\n  \n\nb', 'a\n\n\nb'],
    ['drops trailing blank lines from pane padding', 'prompt>\n\n\n\n\n', 'prompt>'],
    ['strips escapes before trimming', '\x1b[32mok\x1b[0m   \x1b[K\n', 'ok'],
    ['empty stays empty', '', ''],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(cleanPaneText(input)).toBe(expected);
  });
});
