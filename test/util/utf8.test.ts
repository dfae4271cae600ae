// Bytes that are not UTF-8: found, named by offset, refused; never decoded to U+FFFD.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { describeBadByte, exactUtf8, firstInvalidUtf8 } from '../../src/util/utf8.js';

const b = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('firstInvalidUtf8', () => {
  it('passes valid text of every length of sequence', () => {
    expect(firstInvalidUtf8(b('plain ascii \t\n\x00\x7f'))).toBeNull();
    expect(firstInvalidUtf8(b('é ✓ 中文 🙂 \uFFFD \u0085'))).toBeNull();
    expect(firstInvalidUtf8(b(''))).toBeNull();
  });

  const bad: [string, Buffer, number, number][] = [
    ['a lone continuation byte', b('ab', [0x80], 'c'), 2, 0x80],
    ['0xff', b('x', [0xff]), 1, 0xff],
    ['0xfe', b([0xfe]), 0, 0xfe],
    ['a sequence cut short by ASCII', b('abc', [0xc3, 0x28]), 3, 0xc3],
    ['a sequence cut short at the end', b('abc', [0xe2, 0x82]), 3, 0xe2],
    ['an overlong 2-byte form', b([0xc0, 0xaf]), 0, 0xc0],
    ['an overlong 3-byte form', b('ok', [0xe0, 0x80, 0xaf]), 2, 0xe0],
    ['a UTF-16 surrogate', b([0xed, 0xa0, 0x80]), 0, 0xed],
    ['a code point past U+10FFFF', b([0xf4, 0x90, 0x80, 0x80]), 0, 0xf4],
    ['Latin-1 text', b('caf', [0xe9]), 3, 0xe9],
  ];
  it.each(bad)('finds %s', (_what, buf, offset, byte) => {
    expect(firstInvalidUtf8(buf)).toEqual({ offset, byte });
  });

  it('finds the first of several, after valid multi-byte text', () => {
    expect(firstInvalidUtf8(b('🙂é', [0xff], 'x', [0xfe]))).toEqual({ offset: 6, byte: 0xff });
  });
});

describe('exactUtf8', () => {
  it('returns valid text unchanged', () => {
    expect(exactUtf8(b('a\u0000b\x1b\r\n🙂'), 'the prompt')).toBe('a\u0000b\x1b\r\n🙂');
  });

  it('refuses the rest with one line naming the byte and its offset', () => {
    expect(() => exactUtf8(b('MOCK:SAY x', [0xff, 0xc3, 0x28]), 'the message on stdin')).toThrow(UsageError);
    expect(() => exactUtf8(b('MOCK:SAY x', [0xff]), 'the message on stdin')).toThrow(
      'the message on stdin is not valid UTF-8 (byte 0xff at offset 10): the agent takes text and would get U+FFFD in its place; nothing was started or sent (convert it to UTF-8 first)',
    );
    expect(describeBadByte({ offset: 0, byte: 0x8 })).toBe('byte 0x08 at offset 0');
  });
});
