// `health`: is this machine ready to run agents? tmux, each agent CLI (and its version), the state root.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { allProviders, DEFAULT_PROVIDER } from '../providers/index.js';
import type { AgentProvider } from '../providers/types.js';
import { describeRange, inRange } from '../providers/versions.js';
import { childEnv } from '../util/child-env.js';
import { EXIT } from '../errors.js';
import { ensurePrivateDir, writeFileAtomic } from '../store/private-fs.js';
import { Tmux } from '../tmux/tmux.js';
import { emit } from './shared.js';

interface Check {
  name: string;
  ok: boolean;
  /** A check that passes but deserves attention (e.g. an untested Codex version). */
  warning?: boolean;
  detail: string;
}

export interface AgentHealth {
  path: string | null;
  source: string | null;
  version: string | null;
  tested_range: string;
  /** Whether the version lies inside the tested range (null: no version known). */
  in_range: boolean | null;
}

export interface HealthPayload {
  ok: boolean;
  tmux: { version: string | null };
  /** Each agent provider: found, its version, inside its tested range. */
  agents: Record<string, AgentHealth>;
  state_root: string | null;
  checks: Check[];
}

/** `health`. */
export async function healthCommand(opts: { json?: boolean }): Promise<void> {
  const payload = await health(process.env);
  emit(opts.json, payload, (p) =>
    [...p.checks.map((c) => `${!c.ok ? 'FAIL' : c.warning ? 'WARN' : 'ok  '} ${c.name}: ${c.detail}`), p.ok ? 'healthy' : 'not healthy'].join('\n'),
  );
  if (!payload.ok) process.exitCode = EXIT.failure;
}

/** One provider's checks: the default one must be there; another that is missing only warns. */
async function checkAgent(p: AgentProvider, env: NodeJS.ProcessEnv, checks: Check[]): Promise<AgentHealth> {
  const tested = describeRange(p.tested);
  const out: AgentHealth = { path: null, source: null, version: null, tested_range: tested, in_range: null };
  const required = p.name === DEFAULT_PROVIDER;
  const found = p.locate(env);
  if (!found) {
    checks.push({ name: p.name, ok: !required, warning: !required, detail: `not found (${required ? 'required' : 'optional'}; see scripts/install.sh)` });
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
    detail: ok ? `inside the tested range ${tested}` : `${version} is outside the tested range ${tested}; it may behave differently`,
  });
  return out;
}

export async function health(env: NodeJS.ProcessEnv): Promise<HealthPayload> {
  const checks: Check[] = [];
  const payload: HealthPayload = { ok: false, tmux: { version: null }, agents: {}, state_root: null, checks };
  let config;
  try {
    config = loadConfig(env);
    checks.push({ name: 'config', ok: true, detail: `state root ${config.home}` });
  } catch (err) {
    checks.push({ name: 'config', ok: false, detail: (err as Error).message });
  }

  const tmuxVersion = await new Tmux({ socket: config?.tmuxSocket }).version();
  payload.tmux.version = tmuxVersion;
  checks.push({ name: 'tmux', ok: tmuxVersion !== null, detail: tmuxVersion ?? 'not found on PATH (install tmux)' });

  for (const p of await allProviders(env)) payload.agents[p.name] = await checkAgent(p, env, checks);

  if (config) {
    payload.state_root = config.home;
    try {
      ensurePrivateDir(config.home);
      const probe = join(config.home, `.health-${process.pid}`);
      writeFileAtomic(probe, 'ok');
      rmSync(probe, { force: true });
      checks.push({ name: 'state root', ok: true, detail: `${config.home} is writable` });
    } catch (err) {
      checks.push({ name: 'state root', ok: false, detail: `${config.home}: ${(err as Error).message}` });
    }
  }
  payload.ok = checks.every((c) => c.ok);
  return payload;
}
