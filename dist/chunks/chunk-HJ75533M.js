import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UsageError
} from "./chunk-4XPRIXJ7.js";

// src/util/utf8.ts
import { isUtf8 } from "node:buffer";
function shape(lead) {
  if (lead < 128) return { len: 1, lo: 128, hi: 191 };
  if (lead >= 194 && lead <= 223) return { len: 2, lo: 128, hi: 191 };
  if (lead === 224) return { len: 3, lo: 160, hi: 191 };
  if (lead === 237) return { len: 3, lo: 128, hi: 159 };
  if (lead >= 225 && lead <= 239) return { len: 3, lo: 128, hi: 191 };
  if (lead === 240) return { len: 4, lo: 144, hi: 191 };
  if (lead === 244) return { len: 4, lo: 128, hi: 143 };
  if (lead >= 241 && lead <= 243) return { len: 4, lo: 128, hi: 191 };
  return null;
}
function firstInvalidUtf8(buf) {
  if (isUtf8(buf)) return null;
  for (let i = 0; i < buf.length; ) {
    const lead = buf[i];
    const s = shape(lead);
    if (!s) return { offset: i, byte: lead };
    if (s.len === 1) {
      i++;
      continue;
    }
    for (let k = 1; k < s.len; k++) {
      const b = buf[i + k];
      const [lo, hi] = k === 1 ? [s.lo, s.hi] : [128, 191];
      if (b === void 0 || b < lo || b > hi) return { offset: i, byte: lead };
    }
    i += s.len;
  }
  return null;
}
function describeBadByte(bad) {
  return `byte 0x${bad.byte.toString(16).padStart(2, "0")} at offset ${bad.offset}`;
}
function exactUtf8(buf, what) {
  const bad = firstInvalidUtf8(buf);
  if (bad) throw new UsageError(`${what} is not valid UTF-8 (${describeBadByte(bad)}): the agent takes text and would get U+FFFD in its place; nothing was started or sent (convert it to UTF-8 first)`);
  return buf.toString("utf8");
}

export {
  firstInvalidUtf8,
  describeBadByte,
  exactUtf8
};
