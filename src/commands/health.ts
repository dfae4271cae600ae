// `health`: is this machine ready to run agents? tmux, codex (and its version), the state root.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { execa } from 'execa';
import { loadConfig } from '../config.js';
import { isTestedCodexVersion, parseCodexVersion, TESTED_CODEX } from '../codex/args.js';
import { locateCodex } from '../codex/locate.js';
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

export interface HealthPayload {
  ok: boolean;
  tmux: { version: string | null };
  codex: { path: string | null; source: string | null; version: string | null; tested_range: string };
  state_root: string | null;
  checks: Check[];
}

export function registerHealth(program: Command): void {
  program
    .command('health')
    .description('check that tmux and codex are installed and the state root is writable')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const payload = await health(process.env);
      emit(opts.json, payload, (p) =>
        [...p.checks.map((c) => `${!c.ok ? 'FAIL' : c.warning ? 'WARN' : 'ok  '} ${c.name}: ${c.detail}`), p.ok ? 'healthy' : 'not healthy'].join('\n'),
      );
      if (!payload.ok) process.exitCode = EXIT.failure;
    });
}

export async function health(env: NodeJS.ProcessEnv): Promise<HealthPayload> {
  const checks: Check[] = [];
  const tested = `${TESTED_CODEX.major}.${TESTED_CODEX.minor}.x`;
  const payload: HealthPayload = {
    ok: false,
    tmux: { version: null },
    codex: { path: null, source: null, version: null, tested_range: tested },
    state_root: null,
    checks,
  };
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

  const codex = locateCodex(config?.codexBin ?? env.CODEX_AGENT_CODEX_BIN, env.PATH);
  if (!codex) {
    checks.push({ name: 'codex', ok: false, detail: 'not found (npm install -g @openai/codex)' });
  } else {
    payload.codex.path = codex.path;
    payload.codex.source = codex.source;
    const res = await execa(codex.path, ['--version'], { reject: false, timeout: 15_000 });
    const version = parseCodexVersion(`${res.stdout}`);
    payload.codex.version = version;
    if (!version) {
      checks.push({ name: 'codex', ok: false, detail: `${codex.path} --version failed: ${`${res.stderr}`.split('\n')[0] ?? ''}` });
    } else {
      checks.push({ name: 'codex', ok: true, detail: `${version} at ${codex.path} (from ${codex.source})` });
      const inRange = isTestedCodexVersion(version);
      checks.push({
        name: 'codex version',
        ok: true,
        warning: !inRange,
        detail: inRange ? `inside the tested range ${tested}` : `${version} is outside the tested range ${tested}; it may behave differently`,
      });
    }
  }

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
