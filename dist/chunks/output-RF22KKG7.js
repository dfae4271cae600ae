import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  captureLines,
  cleanText,
  readPaneLog
} from "./chunk-BKB4L6JW.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-D2PQALHR.js";
import "./chunk-L4BQNJLZ.js";
import {
  createContext
} from "./chunk-ASBKF7PN.js";
import "./chunk-YNL5WG5H.js";
import "./chunk-4MN46AMV.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";

// src/commands/output.ts
async function captureCommand(ctx, idArg, lines, opts) {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const { text } = await captureLines(c, r, lines ?? 50, Boolean(opts.clean));
  process.stdout.write(text.endsWith("\n") || text === "" ? text : `${text}
`);
}
async function outputCommand(ctx, idArg, opts) {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const { text } = readPaneLog(c, r.id);
  process.stdout.write(opts.clean ? await cleanText(r, text) : text);
}
export {
  captureCommand,
  createContext,
  outputCommand
};
