// Configuration is read once, here, from named environment variables and the optional config.yaml.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod';
import { UsageError, shown, visible } from './errors.js';

import { REASONING, SANDBOXES, type Reasoning, type Sandbox } from './vocabulary.js';

export { REASONING, SANDBOXES, type Reasoning, type Sandbox };

const fileSchema = z.strictObject({
  model: z.string().min(1).optional(),
  reasoning: z.enum(REASONING).optional(),
  sandbox: z.enum(SANDBOXES).optional(),
  inactivity_timeout_minutes: z.number().positive().max(7 * 24 * 60).optional(),
  startup_timeout_seconds: z.number().positive().max(3600).optional(),
  list_limit: z.number().int().positive().max(10_000).optional(),
  provider: z.string().optional(),
});

/** The built-in agent CLIs (src/providers/index.ts), named here so reading config.yaml loads no provider. */
export const PROVIDER_NAMES = ['codex', 'gemini'] as const;

export interface Defaults {
  /** Only passed to Codex when set, so the user's own Codex config stays in charge. */
  model?: string;
  reasoning?: Reasoning;
  sandbox: Sandbox;
  inactivityTimeoutMinutes: number;
  /** Interactive jobs whose first turn has not started by then are reported as blocked. */
  startupTimeoutSeconds: number;
  listLimit: number;
  /** The agent CLI `start` runs when --provider is absent (unset: codex). */
  provider?: string;
}

export interface AppConfig {
  home: string;
  /** The Claude session (the "general") this shell serves, from CODEX_AGENT_PARENT_SESSION. */
  parentSession?: string;
  tmuxSocket?: string;
  debug: boolean;
  defaults: Defaults;
}

const SOCKET_RE = /^[A-Za-z0-9_.-]{1,64}$/;
export const SESSION_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Interactive jobs whose first turn has not started by then are reported as blocked. */
export const DEFAULT_STARTUP_TIMEOUT_S = 30;

/** A Claude session id from `source` (a flag or a variable), or one clear error. */
export function checkSessionId(value: string, source: string): string {
  const v = value.trim();
  if (!SESSION_ID_RE.test(v)) throw new UsageError(`${source}: invalid session id ${shown(v)} (letters, digits, . _ : -, at most 128)`);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const rawHome = env.CODEX_AGENT_HOME?.trim();
  if (rawHome !== undefined && rawHome !== '' && !isAbsolute(rawHome)) {
    throw new UsageError(`CODEX_AGENT_HOME must be an absolute path, got ${shown(rawHome, 200)}`);
  }
  const home = checkHome(rawHome ? resolve(rawHome) : join(homedir(), '.codex-agent'), Boolean(rawHome));
  const tmuxSocket = env.CODEX_AGENT_TMUX_SOCKET?.trim() || undefined;
  if (tmuxSocket !== undefined && !SOCKET_RE.test(tmuxSocket)) {
    throw new UsageError(`CODEX_AGENT_TMUX_SOCKET must be a plain socket name (letters, digits, _ . -, at most 64), got ${shown(tmuxSocket)}`);
  }
  const rawSession = env.CODEX_AGENT_PARENT_SESSION?.trim() || undefined;
  const parentSession = rawSession === undefined ? undefined : checkSessionId(rawSession, 'CODEX_AGENT_PARENT_SESSION');
  return {
    home,
    parentSession,
    tmuxSocket,
    debug: env.CODEX_AGENT_DEBUG === '1',
    defaults: readDefaults(join(home, 'config.yaml')),
  };
}

/**
 * The state root named by CODEX_AGENT_HOME, if it can be one: a folder, or nothing yet under a
 * folder. Checked here so a file in the way is a configuration error naming the variable, not an
 * errno from whichever command touched it first.
 */
function checkHome(home: string, named: boolean): string {
  const what = named ? `CODEX_AGENT_HOME=${visible(home, 200)}` : `the state root ${visible(home, 200)} (CODEX_AGENT_HOME is unset)`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(home)) throw new UsageError(`CODEX_AGENT_HOME must not contain control characters, got ${shown(home, 200)}`);
  let st;
  try {
    st = statSync(home, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a file where a folder of the path should be. Anything else is left to the commands.
    if (code === 'ENOTDIR') throw new UsageError(`${what}: part of the path is a file, not a folder; point it at a folder, or at a path to create`, { cause: err });
    return home;
  }
  if (st && !st.isDirectory()) throw new UsageError(`${what} is not a folder; point it at a folder, or at a path to create`);
  return home;
}

/** YAML is read only when a config.yaml exists: `yaml` is CommonJS, so a `require` here loads it
 * then, synchronously (esbuild bundles the call), and every other run skips its cost. */
function parseYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}

export function readDefaults(path: string): Defaults {
  const base: Defaults = { sandbox: 'workspace-write', inactivityTimeoutMinutes: 60, startupTimeoutSeconds: DEFAULT_STARTUP_TIMEOUT_S, listLimit: 20 };
  if (!existsSync(path)) return base;
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`${path}: not valid YAML (${(err as Error).message.split('\n')[0]})`, { cause: err });
  }
  if (doc === null || doc === undefined) return base;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`${path}: must be a mapping of settings (key: value lines)`);
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => shown(k)).join(', ');
      throw new UsageError(`${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${keys} (known: ${Object.keys(fileSchema.shape).join(', ')})`);
    }
    throw new UsageError(`${path}: bad value for ${shown(issue.path.join('.'))}: ${issue.message}`);
  }
  const c = parsed.data;
  if (c.provider !== undefined && !(PROVIDER_NAMES as readonly string[]).includes(c.provider)) {
    throw new UsageError(`${path}: unknown provider ${shown(c.provider)} (known: ${PROVIDER_NAMES.join(', ')})`);
  }
  return {
    model: c.model,
    reasoning: c.reasoning,
    sandbox: c.sandbox ?? base.sandbox,
    inactivityTimeoutMinutes: c.inactivity_timeout_minutes ?? base.inactivityTimeoutMinutes,
    startupTimeoutSeconds: c.startup_timeout_seconds ?? base.startupTimeoutSeconds,
    listLimit: c.list_limit ?? base.listLimit,
    ...(c.provider !== undefined ? { provider: c.provider } : {}),
  };
}
