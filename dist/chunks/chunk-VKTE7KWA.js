import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  formatDuration,
  jobView
} from "./chunk-5SZMRB7J.js";
import {
  reconcileAll
} from "./chunk-ZLQHJW7P.js";
import {
  checkSessionId
} from "./chunk-4MN46AMV.js";
import {
  emit
} from "./chunk-5ISQCS6K.js";
import {
  UsageError
} from "./chunk-665DYP36.js";

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
  const payload = {
    generated_at: new Date(now).toISOString(),
    jobs: (await reconcileAll(c, listed.records)).map((r) => jobView(r, now))
  };
  if (listed.corrupt.length) payload.corrupt = listed.corrupt;
  emit(opts.json, payload, renderJobs);
  for (const bad of listed.corrupt) process.stderr.write(`codex-agent: ${bad.error}
`);
}
function generalOf(c, opts) {
  if (opts.parentSession !== void 0) {
    return checkSessionId(opts.parentSession, "--parent-session");
  }
  if (!opts.mine) return void 0;
  if (!c.config.parentSession) {
    throw new UsageError("--mine needs CODEX_AGENT_PARENT_SESSION (the plugin's SessionStart hook sets it), or --parent-session <id>");
  }
  return c.config.parentSession;
}
function renderJobs(p) {
  if (p.jobs.length === 0) return 'No jobs. Start one with: codex-agent start "<task>"';
  const rows = p.jobs.map((j) => {
    const files = j.files_modified.length ? ` \xB7 ${j.files_modified.length} file(s)` : "";
    const tail = j.error ? ` \xB7 ${j.error.slice(0, 60)}` : j.summary ? ` \xB7 ${j.summary.replace(/\s+/g, " ").slice(0, 60)}` : "";
    return `${j.id}  ${j.status.padEnd(9)} ${j.turn_state.padEnd(13)} ${formatDuration(j.elapsed_ms).padStart(7)}  ${j.prompt.replace(/\s+/g, " ").slice(0, 50)}${files}${tail}`;
  });
  return rows.join("\n");
}

export {
  jobsCommand,
  generalOf
};
