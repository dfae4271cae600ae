// Every error is one line: control characters escaped so a terminal shows them instead of acting
// on them, user input quoted and cut where it is echoed, and the whole line bounded.
import { describe, expect, it } from 'vitest';
import { AgentError, CorruptRecordError, ERROR_LINE_MAX, describeError, errorLine, shown, visible } from '../../src/errors.js';

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe('visible and shown', () => {
  it('escape every control character, C1 and the line separators included', () => {
    expect(visible('a\nb\rc\td\x1b[31me\x00f\x7fg\x85h\u2028i')).toBe('a\\nb\\rc\\td\\x1b[31me\\x00f\\x7fg\\x85h\\u2028i');
    for (let c = 0; c < 0xa0; c++) expect(visible(String.fromCharCode(c)), `U+${c.toString(16)}`).not.toMatch(CONTROLS);
  });

  it('keep the rest of Unicode as it is', () => {
    expect(visible('é ✓ 中文 🙂 \uFFFD')).toBe('é ✓ 中文 🙂 \uFFFD');
  });

  it('cut at a character, never inside an escape or a surrogate pair, and say so with …', () => {
    expect(visible('abcdef', 4)).toBe('abcd…');
    expect(visible('ab\x1bcd', 4)).toBe('ab…'); // \x1b takes 4 characters: it does not fit
    expect(visible('🙂🙂🙂', 4)).toBe('🙂🙂…');
    expect(visible('abcd', 4)).toBe('abcd');
  });

  it('shown quotes, escapes backslash and quote too, and cuts at 40 by default', () => {
    expect(shown('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(shown('x'.repeat(10_000))).toBe(`"${'x'.repeat(40)}…"`);
    expect(shown('')).toBe('""');
  });
});

describe('errorLine', () => {
  it('is one line whatever the message holds', () => {
    const line = errorLine('first\nsecond\r\x1b]0;title\x07');
    expect(line).toBe('first\\nsecond\\r\\x1b]0;title\\x07');
    expect(line).not.toMatch(CONTROLS);
  });

  it('keeps the start and the end of a very long message, within the bound', () => {
    const line = errorLine(`start ${'y'.repeat(100_000)} the reason`);
    expect(line.length).toBeLessThanOrEqual(ERROR_LINE_MAX + 1);
    expect(line.startsWith('start yyy')).toBe(true);
    expect(line.endsWith('yyy the reason')).toBe(true);
    expect(line).toContain('…');
  });
});

describe('describeError', () => {
  it('renders AgentError and internal errors as one escaped line', () => {
    expect(describeError(new AgentError('bad\nthing\x1b'), false)).toEqual({ line: 'bad\\nthing\\x1b', exitCode: 1, stack: undefined });
    expect(describeError(new Error('\n\nENOTDIR: x\ny'), false).line).toBe('internal error: ENOTDIR: x');
  });

  it('a corrupt record names path and reason on one line, whatever they hold', () => {
    const e = new CorruptRecordError('/state/jobs/x\ny/record.json', 'turns.0: bad\nvalue');
    expect(e.message).toBe('corrupt job record /state/jobs/x\\ny/record.json: turns.0: bad\\nvalue');
    expect(e.detail).toBe('turns.0: bad\\nvalue');
  });
});
