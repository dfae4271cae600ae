import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  stopJob
} from "./chunk-HSGAVLBL.js";
import "./chunk-ECQADHDE.js";
import "./chunk-DUHJPF4X.js";
import "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-C6ITA7PZ.js";
import {
  agentMarker,
  reconcile
} from "./chunk-HC7AZ2XU.js";
import {
  killRefs
} from "./chunk-H22OVSBO.js";
import {
  createContext,
  currentTurn,
  isFinal,
  sessionName
} from "./chunk-ZSL5RDRM.js";
import {
  isJobId,
  listProcesses,
  pidsWithEnv,
  procRefSchema,
  refOf
} from "./chunk-66JJZEQN.js";
import {
  Tmux,
  readIfExists
} from "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  AgentError,
  CorruptRecordError,
  NotFoundError
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/kill.ts
import { existsSync } from "node:fs";

// src/jobs/delete-unreadable.ts
function remainsOf(text) {
  let doc;
  try {
    doc = text === null ? null : JSON.parse(text);
  } catch {
    return { refs: [], socket: void 0 };
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return { refs: [], socket: void 0 };
  const d = doc;
  const refs = [];
  for (const candidate of [d.runner, ...Array.isArray(d.agent_procs) ? d.agent_procs : []]) {
    const ref = procRefSchema.safeParse(candidate);
    if (ref.success && ref.data.start !== null) refs.push(ref.data);
  }
  const socket = d.tmux_socket === null ? null : typeof d.tmux_socket === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(d.tmux_socket) ? d.tmux_socket : void 0;
  return { refs, socket };
}
function selfAndAncestors() {
  const parent = new Map(listProcesses().map((p) => [p.pid, p.ppid]));
  const out = /* @__PURE__ */ new Set();
  for (let p = process.pid; p !== void 0 && p > 1 && !out.has(p); p = parent.get(p)) out.add(p);
  return out;
}
async function removeUnreadable(c, id) {
  const remains = remainsOf(readIfExists(c.store.layout.recordPath(id)));
  const tmux = remains.socket === void 0 || remains.socket === (c.tmux.socket ?? null) ? c.tmux : new Tmux({ socket: remains.socket ?? void 0, bin: c.tmux.bin });
  const session = sessionName(id);
  const pane = (await tmux.panes().catch(() => null))?.get(session);
  const panePid = pane?.kind === "running" ? pane.pid : null;
  const spare = selfAndAncestors();
  const found = [...pidsWithEnv(agentMarker(id).entry), ...panePid === null ? [] : [panePid]].filter((p) => !spare.has(p)).map(refOf).filter((r) => r !== null);
  const killed = await killRefs([...remains.refs, ...found].filter((r) => !spare.has(r.pid)), { graceMs: 3e3 });
  await tmux.killSession(session).catch(() => false);
  const sessionClosed = pane !== void 0 && !await tmux.hasSession(session).catch(() => true);
  c.store.delete(id);
  return { id, session_closed: sessionClosed, processes_ended: killed.signalled.length, survivors: killed.remaining };
}

// src/commands/kill.ts
async function killCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const res = await stopJob(c, id, "killed by user");
  const payload = {
    id,
    // Unrecorded: the job is stopped, and its record says cancelled once the next look can write it.
    status: res.unrecorded ? "cancelled" : res.record.status,
    was_active: res.wasActive,
    session_closed: res.sessionClosed,
    survivors: res.survivors,
    /** False when the state root could not take the cancel (full, read-only): it is written later. */
    recorded: res.unrecorded === null,
    ...res.unrecorded ? { record_pending: res.unrecorded.error.message, note: res.unrecorded.note } : {}
  };
  emit(
    opts.json,
    payload,
    (p) => !p.recorded ? `Killed ${p.id}: everything of it stopped, but ${p.record_pending}, so its record ${p.note ? "says cancelled once the root can be written (the next status, jobs or recover writes it)" : "could not be updated, and no note could be kept outside the root: it will read as failed, not cancelled"}.` : p.was_active ? `Killed ${p.id}: status ${p.status}.` : `Job ${p.id} had already ended (${p.status}); nothing of it runs and its session is closed.`
  );
  if (res.survivors.length) throw new AgentError(`processes survived SIGKILL: ${res.survivors.join(", ")}`);
}
async function deleteCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = resolveForDelete(c, idArg);
  let r;
  try {
    if (!c.store.exists(id)) throw new CorruptRecordError(c.store.layout.recordPath(id), "missing: the job folder holds no record");
    r = await reconcile(c, c.store.read(id));
  } catch (err) {
    if (err instanceof CorruptRecordError) return deleteUnreadable(c, id, err.detail, opts);
    throw err;
  }
  if (currentTurn(r) || r.status === "pending") {
    throw new AgentError(`job ${id} is still ${r.status} (${r.turn_state}); run codex-agent kill ${id} first`);
  }
  if (!isFinal(r) && !opts.force) {
    throw new AgentError(`job ${id} is ${r.turn_state} and send could still continue it; kill ${id} first, or delete ${id} --force`);
  }
  await stopJob(c, id, "deleted");
  c.store.delete(id);
  emit(opts.json, { id, deleted: true, status: r.status, turn_state: r.turn_state }, (p) => `Deleted ${p.id}.`);
}
function resolveForDelete(c, idArg) {
  try {
    return c.store.resolve(idArg);
  } catch (err) {
    if (err instanceof NotFoundError && isJobId(idArg) && existsSync(c.store.layout.jobDir(idArg))) return idArg;
    throw err;
  }
}
async function deleteUnreadable(c, id, reason, opts) {
  if (!opts.force) {
    throw new AgentError(`job ${id} cannot be read (${reason}); delete ${id} --force removes its folder (record, prompt, logs) after closing its tmux session and ending its processes`);
  }
  const res = await removeUnreadable(c, id);
  emit(
    opts.json,
    { ...res, deleted: true, status: null, turn_state: null, unreadable: reason },
    (p) => `Deleted ${p.id}, whose record could not be read (${p.unreadable}): its folder is removed${p.session_closed ? ", its tmux session closed" : ""}${p.processes_ended ? `, ${p.processes_ended} process(es) ended` : ""}.`
  );
  if (res.survivors.length) throw new AgentError(`processes survived SIGKILL: ${res.survivors.join(", ")}`);
}
export {
  createContext,
  deleteCommand,
  killCommand
};
