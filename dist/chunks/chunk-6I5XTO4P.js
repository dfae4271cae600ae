import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  generalOf
} from "./chunk-HE2Y5ESJ.js";
import {
  formatDuration
} from "./chunk-XCO3FMNT.js";
import {
  reconcileAll
} from "./chunk-HC7AZ2XU.js";
import {
  currentTurn,
  isFinal,
  oneLine,
  relativeFiles
} from "./chunk-ZSL5RDRM.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import {
  visible
} from "./chunk-4XPRIXJ7.js";

// src/jobs/recover.ts
var TEXT_BUDGET = 2500;
function recoverView(records, session, nowMs, corrupt = []) {
  const view = { session, items: [], settled: 0, others_active: 0 };
  if (corrupt.length > 0) view.corrupt = corrupt.map((c) => ({ id: c.id, reason: c.reason, next: `codex-agent delete ${c.id} --force` }));
  for (const r of records) {
    const mine = session === null ? true : r.parent_session === session;
    const runnerAlive = r.runner !== null;
    if (!mine) {
      if (runnerAlive || currentTurn(r)) view.others_active++;
      continue;
    }
    const group = groupOf(r, runnerAlive);
    if (!group) {
      view.settled++;
      continue;
    }
    view.items.push({
      id: r.id,
      group,
      mode: r.mode,
      status: r.status,
      elapsed_ms: Math.max(0, (r.completed_at && group !== "running" ? Date.parse(r.completed_at) : nowMs) - Date.parse(r.started_at ?? r.created_at)),
      last_answer: r.last_message,
      files_modified: relativeFiles(r),
      reason: r.status === "failed" ? r.error ?? r.end_reason ?? "failed (no reason recorded)" : null,
      next: nextCommand(r, group)
    });
  }
  const order = ["blocked", "finished", "running", "idle"];
  view.items.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  return view;
}
function groupOf(r, runnerAlive) {
  if (r.turn_state === "blocked" && runnerAlive) return "blocked";
  if (r.turns.some((t) => t.n > r.consumed_turns && t.status !== "running")) return "finished";
  if (currentTurn(r) || r.status === "pending") return "running";
  if (runnerAlive || !isFinal(r)) return "idle";
  return null;
}
function nextCommand(r, group) {
  switch (group) {
    case "blocked":
      return `codex-agent status ${r.id}`;
    case "finished":
    case "running":
      return `codex-agent await-turn ${r.id}`;
    case "idle":
      if (r.turn_state === "context_limit") return `codex-agent send ${r.id} "<next instruction>"  (context window full: better a new job with a hand-off; or: codex-agent kill ${r.id})`;
      return `codex-agent send ${r.id} "<next instruction>"  (or: codex-agent kill ${r.id})`;
  }
}
var HEADINGS = {
  blocked: "Blocked at start-up (look at the screen):",
  finished: "Finished since you last looked (read the answer):",
  running: "Running (await in the background):",
  idle: "Idle, awaiting instructions:"
};
function renderRecover(view) {
  const levels = [[60, 2, 80], [40, 2, 60], [24, 1, 40], [0, 1, 30], [0, 0, 0]];
  for (const [answerLen, fileNames, reasonLen] of levels) {
    const text = renderWith(view, answerLen, fileNames, reasonLen);
    if (text.length <= TEXT_BUDGET) return text;
  }
  return `${renderWith(view, 0, 0, 0).slice(0, TEXT_BUDGET - 1)}\u2026`;
}
function renderWith(view, answerLen, fileNames, reasonLen) {
  const who = view.session ? `session ${view.session}` : "all sessions";
  const corrupt = view.corrupt ?? [];
  const unreadable = corrupt.length > 0 ? `, ${corrupt.length} unreadable` : "";
  const lines = [`codex-agent: your Codex army (${who}): ${view.items.length} job(s) need attention, ${view.settled} done and read${unreadable}.`];
  for (const group of ["blocked", "finished", "running", "idle"]) {
    const items = view.items.filter((i) => i.group === group);
    if (items.length === 0) continue;
    lines.push(HEADINGS[group]);
    for (const i of items) {
      const answer = answerLen > 0 && i.last_answer ? ` "${oneLine(i.last_answer, answerLen)}"` : "";
      const n = i.files_modified.length;
      const files = n === 0 ? "" : fileNames === 0 ? ` ${n} file(s)` : ` files: ${i.files_modified.slice(0, fileNames).join(", ")}${n > fileNames ? ` +${n - fileNames}` : ""}`;
      const reason = reasonLen > 0 && i.reason ? ` [failed: ${oneLine(i.reason, reasonLen)}]` : "";
      lines.push(`- ${i.id} ${i.mode} ${formatDuration(i.elapsed_ms)}${reason}${answer}${files} \u2192 ${i.next}`);
    }
  }
  if (corrupt.length > 0) {
    lines.push("Unreadable records (whose job it was is unknown; inspect the file, or delete the job):");
    for (const c of corrupt) lines.push(`- ${c.id} [corrupt: ${oneLine(c.reason, Math.max(reasonLen, 30))}] \u2192 ${c.next}`);
  }
  if (view.others_active > 0) lines.push(`(${view.others_active} active job(s) of other sessions not listed; leave them alone.)`);
  return lines.join("\n");
}

// src/commands/recover.ts
var RECOVER_SCAN = 50;
async function recoverCommand(ctx, opts) {
  const c = ctx();
  const view = await buildRecover(c, generalOf(c, { parentSession: opts.parentSession, mine: c.config.parentSession !== void 0 }) ?? null);
  emit(opts.json, view, renderRecover);
}
async function buildRecover(c, session, opts = {}) {
  const listed = c.store.list({ limit: RECOVER_SCAN });
  const records = await reconcileAll(c, listed.records, opts);
  const corrupt = listed.corrupt.map(({ id, error }) => {
    const prefix = `corrupt job record ${visible(c.store.layout.recordPath(id))}: `;
    return { id, reason: error.startsWith(prefix) ? error.slice(prefix.length) : error };
  });
  return recoverView(records, session, Date.now(), corrupt);
}

export {
  renderRecover,
  recoverCommand,
  buildRecover
};
