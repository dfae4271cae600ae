import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  captureLines,
  cleanText,
  readPaneLog
} from "./chunk-5DLF7HRU.js";
import "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import {
  createContext
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/output.ts
var DEFAULT_LINES = 50;
async function captureCommand(ctx, idArg, lines, opts) {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const clean = Boolean(opts.clean || opts.stripAnsi);
  const n = lines ?? DEFAULT_LINES;
  const { source, text } = await captureLines(c, r, n, clean);
  emit(opts.json, { id: r.id, source, lines: n, clean, text }, (p) => p.text);
}
async function outputCommand(ctx, idArg, opts) {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const clean = Boolean(opts.clean || opts.stripAnsi);
  const { text } = readPaneLog(c, r.id);
  const payload = { id: r.id, clean, text: clean ? await cleanText(r, text) : text };
  if (!opts.json) process.stdout.write(payload.text);
  else emit(true, payload, () => "");
}
export {
  captureCommand,
  createContext,
  outputCommand
};
