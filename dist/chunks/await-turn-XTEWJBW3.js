import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  allExitCode,
  labelledText,
  liveLinesForTerminal,
  liveWait,
  notCompletedLine,
  reportOne
} from "./chunk-JKX6KSMV.js";
import {
  awaitTurn,
  nextTurn,
  timeoutMessage,
  waitTurns
} from "./chunk-DHOPXCWF.js";
import "./chunk-XCO3FMNT.js";
import "./chunk-ZSNYBF77.js";
import {
  pending
} from "./chunk-74XVLTZ3.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import {
  checkSessionId
} from "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  EXIT,
  TimeoutError,
  UsageError
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/await-turn.ts
async function awaitTurnCommand(ctx, idArgs, opts) {
  const c = ctx();
  const sel = select(c, idArgs, opts);
  const timeoutMs = opts.timeout * 1e3;
  const live = liveLinesForTerminal();
  if (!sel.many) {
    let payload;
    try {
      payload = await awaitTurn(c, sel.ids[0], timeoutMs, liveWait(live));
    } finally {
      live?.clear();
    }
    reportOne(payload, opts.json);
    return;
  }
  if (sel.ids.length === 0) {
    emit(opts.json, [], () => "");
    if (!opts.json) process.stderr.write(`codex-agent: no job of session ${sel.session} is running or has an unread turn
`);
    process.exitCode = EXIT.idle;
    return;
  }
  const print = (p) => {
    live?.clear();
    process.stdout.write(`${labelledText(p)}
`);
  };
  let waited;
  try {
    waited = await waitTurns(c, sel.ids, {
      mode: sel.mode,
      timeoutMs,
      onResult: opts.json ? void 0 : print,
      onSkip: opts.json ? void 0 : (p) => {
        live?.clear();
        process.stderr.write(`codex-agent: ${p.error} (not waited on)
`);
      },
      ...liveWait(live)
    });
  } finally {
    live?.clear();
  }
  const { results, timedOut } = waited;
  if (opts.json) emit(true, results, () => "");
  else if (sel.mode === "any" && results[0]) print(results[0]);
  if (timedOut) throw new TimeoutError(timeoutMessage(timeoutMs, timedOut));
  const code = sel.mode === "any" ? results[0].exit_code : allExitCode(results, sel.ids);
  if (code !== EXIT.ok) {
    const line = notCompletedLine(results);
    if (!opts.json && line) process.stderr.write(`codex-agent: ${line}
`);
    process.exitCode = code;
  }
}
function select(c, idArgs, opts) {
  if (opts.any && opts.all) throw new UsageError("--any and --all: give one of them (--any: the first to finish a turn; --all: every one)");
  const mine = Boolean(opts.mine) || opts.parentSession !== void 0;
  if (mine) {
    if (idArgs.length > 0) throw new UsageError("give job ids or --mine (--parent-session), not both");
    const session = opts.parentSession !== void 0 ? checkSessionId(opts.parentSession, "--parent-session") : c.config.parentSession;
    if (!session) throw new UsageError("--mine needs CODEX_AGENT_PARENT_SESSION (the plugin's SessionStart hook sets it), or --parent-session <id>");
    return { ids: minePending(c, session), many: true, mode: opts.all ? "all" : "any", session };
  }
  if (idArgs.length === 0) throw new UsageError("give a job id (several with --any or --all), or --mine");
  const ids = [...new Set(idArgs.map((a) => c.store.resolve(a)))];
  if (ids.length > 1 && !opts.any && !opts.all) {
    throw new UsageError(`${ids.length} jobs given: add --any (return at the first finished turn) or --all (wait for every one)`);
  }
  return { ids, many: ids.length > 1, mode: opts.all ? "all" : "any", session: null };
}
function minePending(c, session) {
  const { records } = c.store.list({ limit: 0, all: true, filter: (r) => r.parent_session === session });
  return records.filter((r) => ["turn", "wait"].includes(nextTurn(r, pending(c.store.layout, r.id).length).kind)).sort((a, b) => a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0).map((r) => r.id);
}
export {
  awaitTurn,
  awaitTurnCommand,
  createContext
};
