import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  formatDuration,
  jobView
} from "./chunk-XCO3FMNT.js";
import {
  pending
} from "./chunk-74XVLTZ3.js";
import {
  reconcile
} from "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext,
  isFinal,
  oneLine
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
import {
  emit,
  forPeople
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/status.ts
async function statusCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const r = await reconcile(c, c.store.read(id));
  const payload = {
    ...jobView(r),
    error_kind: r.error_kind,
    end_reason: r.end_reason,
    blocked_screen: r.turn_state === "blocked" ? r.blocked_screen : null,
    exit_code: r.exit_code,
    runner_running: r.runner !== null,
    accepts_follow_up: !isFinal(r) && r.turn_state !== "blocked",
    tmux_session: r.tmux_session,
    attach: c.tmux.attachArgv(r.tmux_session),
    queued_messages: pending(c.store.layout, id).length,
    consumed_turns: r.consumed_turns,
    turn_log: r.turns.map((t) => ({ n: t.n, status: t.status, started_at: t.started_at, completed_at: t.completed_at, error: t.error }))
  };
  emit(opts.json, payload, (p) => renderStatus(p, forPeople()));
}
function renderStatus(p, people = true) {
  const lines = [
    `job ${p.id}: ${p.status} (${p.turn_state}) \xB7 ${p.mode} \xB7 ${p.turns} turn${p.turns === 1 ? "" : "s"} \xB7 ${formatDuration(p.elapsed_ms)}`,
    `  prompt:  ${oneLine(p.prompt)}`,
    `  cwd:     ${oneLine(p.cwd)} \xB7 sandbox ${p.sandbox} \xB7 model ${p.model ?? "default"}${p.reasoning ? ` \xB7 reasoning ${p.reasoning}` : ""}`
  ];
  if (p.parent_session) lines.push(`  general: ${p.parent_session}`);
  if (p.thread_id) lines.push(`  thread:  ${p.thread_id}`);
  if (p.tokens) {
    const pct = p.tokens.context_used_pct === null ? "" : ` \xB7 context ${p.tokens.context_used_pct}% of ${p.tokens.context_window}`;
    lines.push(`  tokens:  input ${p.tokens.input} \xB7 output ${p.tokens.output}${pct}`);
  }
  if (p.files_modified.length) lines.push(`  files:   ${oneLine(p.files_modified.join(", "))}`);
  if (p.summary) lines.push(`  last:    ${oneLine(p.summary, 200)}`);
  if (p.error) lines.push(`  error:   ${oneLine(p.error)}${p.error_kind ? ` [${p.error_kind}]` : ""}`);
  if (p.end_reason && p.end_reason !== p.error) lines.push(`  ${p.accepts_follow_up ? "note:  " : "ended: "}  ${oneLine(p.end_reason)}`);
  if (!p.runner_running && p.accepts_follow_up && p.status !== "pending") lines.push(`  next:    no process runs; codex-agent send ${p.id} "..." continues it`);
  if (p.blocked_screen) {
    lines.push("  blocked: no turn started in time; the screen shows:");
    for (const l of p.blocked_screen.split("\n")) lines.push(`    | ${l}`);
  }
  if (p.queued_messages) lines.push(`  queued:  ${p.queued_messages} message(s)`);
  if (people) lines.push(`  watch:   ${p.attach.join(" ")}`);
  return lines.join("\n");
}
export {
  createContext,
  renderStatus,
  statusCommand
};
