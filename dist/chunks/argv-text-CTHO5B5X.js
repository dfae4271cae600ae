import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  describeBadByte,
  firstInvalidUtf8
} from "./chunk-HJ75533M.js";
import {
  UsageError,
  shown
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/util/argv-text.ts
import { readFileSync } from "node:fs";
function rawArgv() {
  try {
    const raw = readFileSync("/proc/self/cmdline");
    const parts = [];
    let start = 0;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0) {
        parts.push(raw.subarray(start, i));
        start = i + 1;
      }
    }
    return parts;
  } catch {
    return null;
  }
}
function argvProblem(args, raw) {
  const mine = raw && raw.length >= args.length ? raw.slice(raw.length - args.length) : null;
  const matches = mine !== null && mine.every((b, i) => b.toString("utf8") === args[i]);
  for (let i = 0; i < args.length; i++) {
    if (!args[i].includes("\uFFFD")) continue;
    if (!matches) return { index: i, unverifiable: true };
    const bad = firstInvalidUtf8(mine[i]);
    if (bad) return { index: i, bad };
  }
  return null;
}
function assertArgvText(argv) {
  const args = argv.slice(2);
  const p = argvProblem(args, rawArgv());
  if (!p) return;
  const arg = `argument ${p.index + 1} ${shown(args[p.index])}`;
  if ("bad" in p) {
    throw new UsageError(`${arg} is not valid UTF-8 (${describeBadByte(p.bad)}): codex-agent takes text and would read U+FFFD in its place; nothing was started or sent (convert it to UTF-8 first)`);
  }
  throw new UsageError(`${arg} holds U+FFFD, which here cannot be told from bytes that are not UTF-8; give that text on stdin ("-") instead`);
}
export {
  argvProblem,
  assertArgvText,
  rawArgv
};
