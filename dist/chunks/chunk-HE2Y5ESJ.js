import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  formatDuration,
  jobListEntry
} from "./chunk-XCO3FMNT.js";
import {
  reconcileAll
} from "./chunk-HC7AZ2XU.js";
import {
  oneLine
} from "./chunk-ZSL5RDRM.js";
import {
  checkSessionId
} from "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import {
  UsageError
} from "./chunk-4XPRIXJ7.js";

// src/commands/jobs.ts
async function jobsCommand(ctx, opts) {
  const c = ctx();
  const session = generalOf(c, opts);
  const listed = c.store.list({
    limit: opts.limit ?? c.config.defaults.listLimit,
    all: opts.all,
    filter: session === void 0 ? void 0 : (r) => r.parent_session === session
  });
  const now = Date.now();
  const records = await reconcileAll(c, listed.records);
  const payload = {
    generated_at: new Date(now).toISOString(),
    jobs: records.map((r) => jobListEntry(r, now))
  };
  if (listed.corrupt.length) payload.corrupt = listed.corrupt;
  const tasks = new Map(records.map((r) => [r.id, r.prompt_head]));
  emit(opts.json, payload, (p) => renderJobs(p, tasks));
  for (const bad of listed.corrupt) process.stderr.write(`codex-agent: ${bad.error}
`);
}
function generalOf(c, opts) {
  if (opts.parentSession !== void 0 && opts.parent !== void 0 && opts.parentSession !== opts.parent) {
    throw new UsageError("--parent and --parent-session name different sessions; give one");
  }
  const given = opts.parentSession ?? opts.parent;
  if (given !== void 0) {
    return checkSessionId(given, opts.parentSession !== void 0 ? "--parent-session" : "--parent");
  }
  if (!opts.mine) return void 0;
  if (!c.config.parentSession) {
    throw new UsageError("--mine needs CODEX_AGENT_PARENT_SESSION (the plugin's SessionStart hook sets it), or --parent-session <id>");
  }
  return c.config.parentSession;
}
var NO_GENERAL = "-";
function renderJobs(p, tasks = /* @__PURE__ */ new Map()) {
  if (p.jobs.length === 0) return 'No jobs. Start one with: codex-agent start "<task>"';
  const generals = new Set(p.jobs.map((j) => j.parent_session));
  const width = generals.size > 1 ? Math.max("GENERAL".length, ...p.jobs.map((j) => (j.parent_session ?? NO_GENERAL).length)) : 0;
  const rows = p.jobs.map((j) => {
    const general = width ? `${(j.parent_session ?? NO_GENERAL).padEnd(width)}  ` : "";
    const files = j.files_modified.length ? ` \xB7 ${j.files_modified.length} file(s)` : "";
    const tail = j.error ? ` \xB7 ${oneLine(j.error, 60)}` : j.summary ? ` \xB7 ${oneLine(j.summary, 60)}` : "";
    const task = oneLine(tasks.get(j.id) ?? "", 50);
    return `${j.id}  ${general}${j.status.padEnd(9)} ${j.turn_state.padEnd(13)} ${formatDuration(j.elapsed_ms).padStart(7)}  ${task}${files}${tail}`;
  });
  const header = `${"ID".padEnd(8)}  ${width ? `${"GENERAL".padEnd(width)}  ` : ""}${"STATUS".padEnd(9)} ${"TURN".padEnd(13)} ${"ELAPSED".padStart(7)}  TASK`;
  return [header, ...rows].join("\n");
}

export {
  jobsCommand,
  generalOf,
  renderJobs
};
