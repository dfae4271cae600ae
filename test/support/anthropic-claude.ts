// Runs the real Claude Code CLI (the devDependency) offline: a private HOME and CLAUDE_CONFIG_DIR,
// only 127.0.0.1 as the API, and no telemetry, update checks or other non-essential traffic.
// The environment is built from scratch (extendEnv: false) so no credential or provider switch of
// the caller (ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_USE_BEDROCK, ...) can reach the CLI.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLAUDE_BIN = join(ROOT, 'node_modules', '.bin', 'claude');

/** Where nothing listens: the default API address for runs that must not reach any model. */
export const NO_API = 'http://127.0.0.1:9';

/**
 * The environment for an offline `claude` run. `home` gets a `.claude` config folder inside it.
 * CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC alone stops the start-up DNS look-ups of
 * api.anthropic.com seen without it; the others are belt and braces.
 */
export function offlineClaudeEnv(opts: { home: string; baseUrl?: string; extra?: Record<string, string> }): Record<string, string> {
  const configDir = join(opts.home, '.claude');
  mkdirSync(configDir, { recursive: true });
  return {
    // node first: the plugin's bin/codex-agent starts with `#!/usr/bin/env node`.
    PATH: [dirname(process.execPath), process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(':'),
    HOME: opts.home,
    CLAUDE_CONFIG_DIR: configDir,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    ANTHROPIC_BASE_URL: opts.baseUrl ?? NO_API,
    ANTHROPIC_API_KEY: 'x',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    ...opts.extra,
  };
}

export interface ClaudeResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Runs `claude ARGS` with an argument array (never a shell string), bounded by timeoutMs. */
export async function runClaude(args: string[], opts: { env: Record<string, string>; cwd: string; timeoutMs?: number }): Promise<ClaudeResult> {
  const t0 = Date.now();
  const res = await execa(CLAUDE_BIN, args, {
    env: opts.env,
    extendEnv: false,
    cwd: opts.cwd,
    stdin: 'ignore',
    reject: false,
    timeout: opts.timeoutMs ?? 90_000,
    forceKillAfterDelay: 2_000,
  });
  return {
    code: res.exitCode ?? -1,
    stdout: String(res.stdout ?? ''),
    stderr: String(res.stderr ?? ''),
    ms: Date.now() - t0,
    timedOut: Boolean(res.timedOut),
  };
}

/** The `--output-format json` result object of a `claude -p` run. */
export interface ClaudePrintResult {
  type: 'result';
  subtype: string;
  is_error: boolean;
  result: string;
  session_id: string;
  num_turns: number;
  permission_denials: { tool_name: string; tool_input: unknown }[];
}

export function parsePrintResult(r: ClaudeResult): ClaudePrintResult {
  try {
    return JSON.parse(r.stdout) as ClaudePrintResult;
  } catch {
    throw new Error(`claude printed no JSON result (exit ${r.code}, ${r.ms} ms)\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`);
  }
}
