// What one Gemini run needs beyond the user's own setup, kept in the job's folder: a private
// Gemini home (GEMINI_CLI_HOME) whose settings.json is the user's own plus bounded retries, with
// everything else of the user's ~/.gemini linked in (credentials, sessions, extensions), so the
// user's files are never written. Gemini ignores a system settings file unless it and all its
// folders are root's and closed to others, so that layer is not usable for a per-run override.
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../../store/private-fs.js';

/**
 * Attempts per model request: Gemini's default of 10 with 5-30 s backoff makes a 500 take
 * minutes to fail; 3 still rides out one blip.
 */
export const MAX_ATTEMPTS = 3;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Pure: `over` laid on `base`, objects merged key by key. */
export function layered(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObj(v) && isObj(out[k]) ? layered(out[k], v) : v;
  return out;
}

/** Pure: argv as one POSIX shell command (Gemini runs a hook's command through the shell). */
export function shellCommand(argv: string[]): string {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}

/**
 * Pure: the hooks an interactive run adds to the user's own (kept, ours appended): the turn's end
 * (AfterAgent) and a waiting approval (Notification) both run `hook` with the payload on stdin.
 */
export function withRunHooks(settings: Json, hook: string[]): Json {
  const mine = { hooks: [{ type: 'command', command: shellCommand(hook), name: 'codex-agent' }] };
  const hooks: Json = isObj(settings.hooks) ? { ...settings.hooks } : {};
  for (const event of ['AfterAgent', 'Notification']) hooks[event] = [...(Array.isArray(hooks[event]) ? hooks[event] : []), mine];
  // errorVerbosity full: after maxAttempts a failing call asks "Keep trying / Stop" (the runner
  // answers Stop) instead of retrying without end; "low" with few attempts makes a hot loop.
  return layered({ ...settings, hooks }, { ui: { errorVerbosity: 'full' } });
}

/** Pure: the run's settings from the user's settings.json text (null: none). Null when unreadable as JSON. */
export function runSettings(userText: string | null, hook?: string[]): Json | null {
  let user: unknown = {};
  if (userText !== null && userText.trim() !== '') {
    try {
      user = JSON.parse(userText);
    } catch {
      return null;
    }
  }
  if (!isObj(user)) return null;
  const run = layered(user, { general: { maxAttempts: MAX_ATTEMPTS } });
  return hook ? withRunHooks(run, hook) : run;
}

/** The user's Gemini folder, as Gemini finds it. */
export function userGeminiDir(env: Record<string, string>): string {
  return join(env.GEMINI_CLI_HOME || env.HOME || homedir(), '.gemini');
}

/** Prepares `runDir` (idempotent: each turn calls it) and returns the environment to add. */
export function geminiRunEnv(runDir: string, env: Record<string, string>, hook?: string[]): Record<string, string> {
  const user = userGeminiDir(env);
  const home = join(runDir, 'gemini-home');
  const dir = join(home, '.gemini');
  const tmp = join(runDir, 'tmp');
  ensurePrivateDir(runDir);
  ensurePrivateDir(home);
  ensurePrivateDir(dir);
  ensurePrivateDir(tmp);
  const userSettings = join(user, 'settings.json');
  const settings = runSettings(existsSync(userSettings) ? readFileSync(userSettings, 'utf8') : null, hook);
  // Without its hooks an interactive run would never see a turn end.
  if (hook && settings === null) throw new Error(`${userSettings} is not plain JSON: an interactive Gemini run cannot add its hooks to it`);
  let entries: string[] = [];
  try {
    entries = readdirSync(user);
  } catch {
    // No ~/.gemini: the private home starts empty.
  }
  for (const name of entries) {
    // Settings Gemini cannot be given as JSON (comments) are linked as they are, without the retry bound.
    if (name === 'settings.json' && settings !== null) continue;
    const link = join(dir, name);
    if (exists(link)) continue;
    symlinkSync(join(user, name), link);
  }
  if (settings !== null) writeFileAtomic(join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return {
    GEMINI_CLI_HOME: home,
    // Error reports (gemini-client-error-*.json) go to the job's folder, not the shared temp.
    TMPDIR: tmp,
    // One process: the relauncher ignores SIGTERM and waits for its child.
    GEMINI_CLI_NO_RELAUNCH: 'true',
  };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
