// The scripted agent (agent.mjs beside this file) behind the provider seam: the proof that the
// seam is real. Only tests register it, through CODEX_AGENT_EXTRA_PROVIDERS; nothing of it ships.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentEvent, AgentProvider } from '../../../src/providers/types.js';
import { LineFollower } from '../../../src/util/line-follower.js';

const AGENT = join(fileURLToPath(new URL('.', import.meta.url)), 'agent.mjs');

type Line =
  | { t: 'thread'; id: string }
  | { t: 'start'; turn: string }
  | { t: 'user' }
  | { t: 'say'; text: string }
  | { t: 'file'; path: string; kind: 'add' | 'update' | 'delete' }
  | { t: 'tokens'; in: number; out: number; ctx: number; win: number }
  | { t: 'end'; turn: string; text: string }
  | { t: 'fail'; turn: string; error: string; kind: 'server_error' }
  | { t: 'abort'; turn: string; reason: string };

/** Pure: one line of the agent's output or session record, as neutral events. */
export function scriptedEvents(line: string): AgentEvent[] {
  let ev: Line;
  try {
    ev = JSON.parse(line) as Line;
  } catch {
    return [];
  }
  switch (ev.t) {
    case 'thread':
      return [{ kind: 'thread_started', threadId: ev.id }];
    case 'start':
      return [{ kind: 'turn_started', turnId: ev.turn, contextWindow: null }];
    case 'user':
      return [{ kind: 'user_message' }];
    case 'say':
      return [{ kind: 'agent_message', text: ev.text }];
    case 'file':
      return [{ kind: 'file_change', changes: [{ path: ev.path, kind: ev.kind }] }];
    case 'tokens':
      return [{ kind: 'tokens', total: { input: ev.in, cachedInput: 0, output: ev.out, reasoningOutput: 0 }, lastContext: ev.ctx, contextWindow: ev.win }];
    case 'end':
      return [{ kind: 'turn_completed', turnId: ev.turn, message: ev.text }];
    case 'fail':
      return [{ kind: 'turn_failed', turnId: ev.turn, error: ev.error, errorKind: ev.kind }];
    case 'abort':
      return [{ kind: 'turn_aborted', turnId: ev.turn, reason: ev.reason }];
    default:
      return [];
  }
}

const sessionPath = (home: string, thread: string): string => join(home, 'sessions', `${thread}.jsonl`);

const scripted: AgentProvider = {
  name: 'scripted',
  label: 'Scripted',
  binEnv: 'SCRIPTED_AGENT_BIN',
  installHint: 'nothing to install: it lives in test/support/scripted-agent',
  tested: { min: '1.0', max: '1.0' },

  locate(env) {
    const path = env.SCRIPTED_AGENT_BIN?.trim() || AGENT;
    return existsSync(path) ? { path, source: env.SCRIPTED_AGENT_BIN ? 'SCRIPTED_AGENT_BIN' : 'package' } : null;
  },
  async version(bin, env) {
    try {
      return /\d+\.\d+\.\d+/.exec(execFileSync(bin, ['--version'], { env, encoding: 'utf8', timeout: 10_000 }))?.[0] ?? null;
    } catch {
      return null;
    }
  },
  home: (env) => env.SCRIPTED_AGENT_HOME ?? '',

  execArgs: (spec) => ['exec', ...(spec.threadId ? ['--resume', spec.threadId] : []), '--cwd', spec.cwd],
  parseExecLine: scriptedEvents,

  interactivePrep: async () => [],
  interactiveArgs: (spec) => ['tui', ...(spec.resume ? ['--resume', spec.resume] : []), '--cwd', spec.cwd, ...(spec.prompt !== undefined ? ['--', spec.prompt] : [])],
  maxArgvPromptBytes: 100 * 1024,

  follow: (home, thread, file, offset) =>
    new LineFollower(() => (existsSync(sessionPath(home, thread)) ? sessionPath(home, thread) : null), scriptedEvents, file, offset),
  sessionEnd(home, thread) {
    const path = sessionPath(home, thread);
    return existsSync(path) ? { path, size: statSync(path).size } : null;
  },
  async findSession(q) {
    for (const pid of q.pids) {
      let thread: string;
      try {
        thread = readFileSync(join(q.home, 'by-pid', String(pid)), 'utf8').trim();
      } catch {
        continue;
      }
      if (!q.taken.has(thread)) return { threadId: thread, path: sessionPath(q.home, thread) };
    }
    return null;
  },
  notifiedThread: () => null,

  screen: {
    composerReady: (screen) => screen.split('\n').some((l) => l.startsWith('scripted> ')),
    holdsMessage: () => false,
    clean: (text) => text,
  },
  keys: { interrupt: ['Escape'], quit: '/quit', afterPaste: () => [] },
};

export default scripted;
