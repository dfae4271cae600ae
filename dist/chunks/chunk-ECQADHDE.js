import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  sleep
} from "./chunk-H22OVSBO.js";
import {
  cleanPaneText
} from "./chunk-ZSL5RDRM.js";
import {
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";

// src/tmux/tui-input.ts
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
var SETTLE_MS = 150;
function pasteAllowanceMs(text) {
  return Math.ceil(Buffer.byteLength(text) / (256 * 1024)) * 5e3;
}
async function pasteText(tmux, session, text, scratchDir) {
  const tag = randomBytes(4).toString("hex");
  const file = join(scratchDir, `.paste-${tag}.txt`);
  writeFileAtomic(file, text);
  try {
    const buffer = `codex-agent-${tag}`;
    await tmux.loadBuffer(buffer, file);
    await tmux.pasteBuffer(buffer, session, { bracketed: true, deleteAfter: true });
  } finally {
    rmSync(file, { force: true });
  }
  await sleep(SETTLE_MS);
}
async function pasteForSubmit(tmux, session, text, scratchDir, keysAfter = []) {
  await pasteText(tmux, session, text, scratchDir);
  if (keysAfter.length > 0) {
    await tmux.sendKeys(session, keysAfter);
    await sleep(SETTLE_MS);
  }
}
async function submitText(tmux, session, text, scratchDir, keysAfter = []) {
  await pasteForSubmit(tmux, session, text, scratchDir, keysAfter);
  await tmux.sendKeys(session, ["Enter"]);
}

// src/jobs/tui-control.ts
async function quitAgent(ctx, provider, session, id) {
  await submitText(ctx.tmux, session, provider.keys.quit, ctx.store.layout.jobDir(id), provider.keys.afterPaste(provider.keys.quit)).catch(() => void 0);
}
async function screenText(ctx, session) {
  const text = await ctx.tmux.capturePane(session, {}).catch(() => "");
  return cleanPaneText(text).split("\n").filter((l) => l.trim() !== "").slice(-20).join("\n");
}

export {
  pasteAllowanceMs,
  pasteForSubmit,
  submitText,
  quitAgent,
  screenText
};
