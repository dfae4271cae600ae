import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  allProviders
} from "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import {
  Tmux,
  childEnv,
  ensurePrivateDir,
  loadConfig,
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import {
  DEFAULT_PROVIDER
} from "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  EXIT
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/health.ts
import { rmSync } from "node:fs";
import { join } from "node:path";

// src/providers/versions.ts
function parts(v) {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  return m ? m.slice(1).filter((x) => x !== void 0).map(Number) : null;
}
function inRange(version, range) {
  const v = parts(version);
  const lo = parts(range.min);
  const hi = parts(range.max);
  if (!v || !lo || !hi) return false;
  const cmp = (end) => {
    for (let i = 0; i < end.length; i++) {
      const d = (v[i] ?? 0) - end[i];
      if (d !== 0) return d;
    }
    return 0;
  };
  return cmp(lo) >= 0 && cmp(hi) <= 0;
}
function describeRange(range) {
  return range.min === range.max ? `${range.min}.x` : `${range.min}.x-${range.max}.x`;
}

// src/commands/health.ts
async function healthCommand(opts) {
  const payload = await health(process.env);
  emit(
    opts.json,
    payload,
    (p) => [...p.checks.map((c) => `${!c.ok ? "FAIL" : c.warning ? "WARN" : "ok  "} ${c.name}: ${c.detail}`), p.ok ? "healthy" : "not healthy"].join("\n")
  );
  if (!payload.ok) process.exitCode = EXIT.failure;
}
async function checkAgent(p, env, checks) {
  const tested = describeRange(p.tested);
  const out = { path: null, source: null, version: null, tested_range: tested, in_range: null };
  const required = p.name === DEFAULT_PROVIDER;
  const found = p.locate(env);
  if (!found) {
    checks.push({ name: p.name, ok: !required, warning: !required, detail: `not found (${required ? "required" : "optional"}; see scripts/install.sh)` });
    return out;
  }
  out.path = found.path;
  out.source = found.source;
  const version = await p.version(found.path, childEnv(env));
  out.version = version;
  if (!version) {
    checks.push({ name: p.name, ok: false, detail: `${found.path} did not report a version` });
    return out;
  }
  checks.push({ name: p.name, ok: true, detail: `${version} at ${found.path} (from ${found.source})` });
  const ok = inRange(version, p.tested);
  out.in_range = ok;
  checks.push({
    name: `${p.name} version`,
    ok: true,
    warning: !ok,
    detail: ok ? `inside the tested range ${tested}` : `${version} is outside the tested range ${tested}; it may behave differently`
  });
  return out;
}
async function health(env) {
  const checks = [];
  const payload = { ok: false, tmux: { version: null }, agents: {}, state_root: null, checks };
  let config;
  try {
    config = loadConfig(env);
    checks.push({ name: "config", ok: true, detail: `state root ${config.home}` });
  } catch (err) {
    checks.push({ name: "config", ok: false, detail: err.message });
  }
  const tmuxVersion = await new Tmux({ socket: config?.tmuxSocket }).version();
  payload.tmux.version = tmuxVersion;
  checks.push({ name: "tmux", ok: tmuxVersion !== null, detail: tmuxVersion ?? "not found on PATH (install tmux)" });
  for (const p of await allProviders(env)) payload.agents[p.name] = await checkAgent(p, env, checks);
  if (config) {
    payload.state_root = config.home;
    try {
      ensurePrivateDir(config.home);
      const probe = join(config.home, `.health-${process.pid}`);
      writeFileAtomic(probe, "ok");
      rmSync(probe, { force: true });
      checks.push({ name: "state root", ok: true, detail: `${config.home} is writable` });
    } catch (err) {
      checks.push({ name: "state root", ok: false, detail: `${config.home}: ${err.message}` });
    }
  }
  payload.ok = checks.every((c) => c.ok);
  return payload;
}
export {
  health,
  healthCommand
};
