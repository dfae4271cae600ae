import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  actionInTurn
} from "./chunk-DHOPXCWF.js";
import {
  formatDuration
} from "./chunk-XCO3FMNT.js";
import {
  currentTurn
} from "./chunk-ZSL5RDRM.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import {
  EXIT
} from "./chunk-4XPRIXJ7.js";

// src/jobs/await-render.ts
function answerText(p) {
  return p.message ?? (p.outcome === "completed" ? "(the turn ended without a message)" : "");
}
function labelledText(p) {
  const head = `== ${p.id} ${p.outcome}${p.turn !== null ? ` \xB7 turn ${p.turn}` : ""} ==`;
  const body = [p.message ?? (p.outcome === "completed" ? "(the turn ended without a message)" : null), p.exit_code !== EXIT.ok ? p.error : null];
  return [head, ...body.filter((l) => l !== null && l !== "")].join("\n");
}
function allExitCode(results, ids) {
  for (const id of ids) {
    const p = results.find((r) => r.id === id);
    if (p && p.exit_code !== EXIT.ok) return p.exit_code;
  }
  return EXIT.ok;
}
function notCompletedLine(results) {
  const bad = results.filter((p) => p.exit_code !== EXIT.ok);
  if (bad.length === 0) return null;
  if (results.length === 1) return bad[0].error;
  return `${bad.length} of ${results.length} jobs did not complete: ${bad.map((p) => `${p.id} (${p.outcome})`).join(", ")}`;
}
function reportOne(p, json) {
  emit(json, p, answerText);
  if (p.exit_code !== EXIT.ok) {
    if (!json) process.stderr.write(`codex-agent: ${p.error}
`);
    process.exitCode = p.exit_code;
  }
}

// src/jobs/live-line.ts
var MIN_REDRAW_MS = 250;
function shortCount(n) {
  if (n < 1e3) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}
function liveLine(r, nowMs, width) {
  const turn = currentTurn(r);
  const since = turn?.started_at ?? r.started_at ?? r.created_at;
  const parts = [r.id, formatDuration(Math.max(0, nowMs - Date.parse(since)))];
  parts.push(turn ? `turn ${turn.n}` : r.status === "pending" ? "starting" : r.turn_state);
  const tokens = r.tokens ? r.tokens.input + r.tokens.output : 0;
  if (tokens > 0) parts.push(`${shortCount(tokens)} tokens`);
  const action = turn ? actionInTurn(r, turn) : null;
  if (action) parts.push(action);
  else if (turn) parts.push("working");
  const line = parts.join(" \xB7 ");
  const max = Math.max(10, width - 1);
  return line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
}
var LiveLines = class {
  constructor(out, now = Date.now) {
    this.out = out;
    this.now = now;
  }
  out;
  now;
  shown = 0;
  lastDraw = 0;
  get width() {
    return this.out.columns ?? 80;
  }
  draw(lines) {
    const t = this.now();
    if (this.shown > 0 && lines.length === this.shown && t - this.lastDraw < MIN_REDRAW_MS) return;
    this.lastDraw = t;
    this.out.write(`${this.home()}${lines.join("\n")}`);
    this.shown = lines.length;
  }
  /** Erases the lines, leaving the cursor where they began. */
  clear() {
    if (this.shown === 0) return;
    this.out.write(this.home());
    this.shown = 0;
  }
  /** To the start of the first line shown, and everything below erased. */
  home() {
    if (this.shown === 0) return "";
    return `\r${this.shown > 1 ? `\x1B[${this.shown - 1}A` : ""}\x1B[J`;
  }
};
function liveLinesForTerminal() {
  return process.stdout.isTTY && process.stderr.isTTY ? new LiveLines(process.stderr) : null;
}
function liveWait(live) {
  if (!live) return {};
  return { onWait: (rs) => live.draw(rs.map((r) => liveLine(r, Date.now(), live.width))), tickMs: 1e3 };
}

export {
  labelledText,
  allExitCode,
  notCompletedLine,
  reportOne,
  liveLinesForTerminal,
  liveWait
};
