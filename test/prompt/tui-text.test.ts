// What an interactive agent takes exactly: text with tabs and newlines; the rest is refused, named.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { assertTuiText, firstUntypable, nameOf } from '../../src/prompt/tui-text.js';

describe('firstUntypable', () => {
  it('passes text, tabs, newlines and every printable character', () => {
    expect(firstUntypable('line 1\n\tline 2 "q" $HOME `x` é ✓ 🙂 \u00a0 \u200b \u202e \u2028 \uFFFD')).toBeNull();
  });

  it('finds each control the TUI drops or changes, counting characters (not UTF-16 units) before it', () => {
    for (let c = 0; c < 0xa0; c++) {
      const ch = String.fromCharCode(c);
      const typable = ch === '\t' || ch === '\n' || (c >= 0x20 && c < 0x7f);
      expect(firstUntypable(`🙂a${ch}`), `U+${c.toString(16)}`).toEqual(typable ? null : { offset: 2, char: ch });
    }
  });

  it('names what it found', () => {
    expect(nameOf('\r')).toBe('carriage return (\\r)');
    expect(nameOf('\x1b')).toBe('ESC (\\x1b)');
    expect(nameOf('\x7f')).toBe('DEL (\\x7f)');
    expect(nameOf('\x01')).toBe('control character \\x01');
    expect(nameOf('\x85')).toBe('control character \\x85');
  });
});

describe('assertTuiText', () => {
  it('refuses with one line saying what, where and why', () => {
    expect(() => assertTuiText('MOCK:SAY a\r\nb', 'the message', 'Codex')).toThrow(UsageError);
    expect(() => assertTuiText('MOCK:SAY a\r\nb', 'the message', 'Codex')).toThrow(
      'the message cannot reach an interactive Codex exactly: carriage return (\\r) at character 10 would become a newline. Interactive jobs take text with tabs and newlines only (use \\n line ends; exec jobs take any text); nothing was started or sent',
    );
    expect(() => assertTuiText('x\x1b[31m', 'the prompt', 'Codex')).toThrow(/^the prompt cannot reach an interactive Codex exactly: ESC \(\\x1b\) at character 1 would be dropped\./);
    expect(() => assertTuiText('tab\there\nnewline', 'the message', 'Codex')).not.toThrow();
  });
});
