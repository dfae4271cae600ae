import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getProvider
} from "./chunk-2MRD3TQ6.js";
import {
  cleanPaneText
} from "./chunk-ZSL5RDRM.js";

// src/jobs/pane-text.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
function readPaneLog(c, id, fromByte = 0) {
  let fd;
  try {
    fd = openSync(c.store.layout.paneLog(id), "r");
  } catch (err) {
    if (err.code === "ENOENT") return { text: "", size: 0 };
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    const len = Math.max(0, size - fromByte);
    const buf = Buffer.alloc(len);
    if (len) readSync(fd, buf, 0, len, fromByte);
    return { text: buf.toString("utf8"), size };
  } finally {
    closeSync(fd);
  }
}
async function cleanText(r, text) {
  const plain = cleanPaneText(text);
  return r.mode === "interactive" ? (await getProvider(r.provider)).screen.clean(plain) : plain;
}
async function captureLines(c, r, lines, clean) {
  let source = "log";
  let text;
  if (await c.tmux.hasSession(r.tmux_session)) {
    source = "tmux";
    text = await c.tmux.capturePane(r.tmux_session, { lines, ansi: !clean });
  } else {
    text = readPaneLog(c, r.id).text;
  }
  if (clean) text = await cleanText(r, text);
  const all = text.replace(/\n+$/, "").split("\n");
  return { source, text: all.slice(-lines).join("\n") };
}

export {
  readPaneLog,
  cleanText,
  captureLines
};
