// Text taken exactly or refused: decoding bytes that are not UTF-8 would put U+FFFD in their place
// without a word, and the agent would work on a prompt or message nobody wrote.
import { isUtf8 } from 'node:buffer';
import { UsageError } from '../errors.js';

export interface BadByte {
  /** Where the first sequence that is not UTF-8 starts, in bytes from 0. */
  offset: number;
  /** Its first byte. */
  byte: number;
}

/** Pure: the bytes a valid sequence with this lead byte continues with (RFC 3629), or null for a byte no sequence starts with. */
function shape(lead: number): { len: number; lo: number; hi: number } | null {
  if (lead < 0x80) return { len: 1, lo: 0x80, hi: 0xbf };
  if (lead >= 0xc2 && lead <= 0xdf) return { len: 2, lo: 0x80, hi: 0xbf };
  // The second byte's range rules out overlong forms and surrogates.
  if (lead === 0xe0) return { len: 3, lo: 0xa0, hi: 0xbf };
  if (lead === 0xed) return { len: 3, lo: 0x80, hi: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { len: 3, lo: 0x80, hi: 0xbf };
  if (lead === 0xf0) return { len: 4, lo: 0x90, hi: 0xbf };
  if (lead === 0xf4) return { len: 4, lo: 0x80, hi: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { len: 4, lo: 0x80, hi: 0xbf };
  return null;
}

/** Pure: the first sequence of `buf` that is not UTF-8, or null when all of it is. */
export function firstInvalidUtf8(buf: Uint8Array): BadByte | null {
  if (isUtf8(buf)) return null;
  for (let i = 0; i < buf.length; ) {
    const lead = buf[i]!;
    const s = shape(lead);
    if (!s) return { offset: i, byte: lead };
    if (s.len === 1) {
      i++;
      continue;
    }
    for (let k = 1; k < s.len; k++) {
      const b = buf[i + k];
      const [lo, hi] = k === 1 ? [s.lo, s.hi] : [0x80, 0xbf];
      if (b === undefined || b < lo || b > hi) return { offset: i, byte: lead };
    }
    i += s.len;
  }
  return null;
}

/** Pure: how a bad byte is named in an error ("byte 0xff at offset 13"). */
export function describeBadByte(bad: BadByte): string {
  return `byte 0x${bad.byte.toString(16).padStart(2, '0')} at offset ${bad.offset}`;
}

/** `buf` as text, or a usage error naming the first byte that is not UTF-8 (`what`: "the prompt on stdin"). */
export function exactUtf8(buf: Buffer, what: string): string {
  const bad = firstInvalidUtf8(buf);
  if (bad) throw new UsageError(`${what} is not valid UTF-8 (${describeBadByte(bad)}): the agent takes text and would get U+FFFD in its place; nothing was started or sent (convert it to UTF-8 first)`);
  return buf.toString('utf8');
}
