// The Google Gemini CLI behind the provider seam: exec mode (headless stream-json) and the
// interactive TUI (its session file and the run's hooks: session.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { fileEnd } from '../file-end.js';
import type { AgentProvider, SessionFollower } from '../types.js';
import { execTurnArgs, parseGeminiVersion } from './args.js';
import { exitCodeEvents, geminiExecLine, geminiExecParser } from './events.js';
import { GEMINI_BIN_ENV, locateGemini } from './locate.js';
import { geminiRunEnv } from './run-env.js';
import { findRunSession, findSessionFile, GeminiFollower, isRunHome } from './session.js';
import { MAX_ARGV_PROMPT_BYTES, showsComposer, stopRetryKeys, tuiArgs } from './tui.js';

/** The Gemini CLI versions this release is tested with. */
export const GEMINI_TESTED = { min: '0.61', max: '0.61' } as const;

/** Pure: the session a hook payload names (`session_id`). */
export function notifiedSession(payload: string): string | null {
  try {
    const id = (JSON.parse(payload) as { session_id?: unknown }).session_id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

const NOTHING: SessionFollower = { file: null, readNew: () => [] };

/** The TUI writes its session file a moment after launch; a little slack for clocks. */
const SESSION_SLACK_MS = 2_000;

export const gemini: AgentProvider = {
  name: 'gemini',
  label: 'Gemini',
  binEnv: GEMINI_BIN_ENV,
  installHint: 'npm install -g @google/gemini-cli',
  tested: GEMINI_TESTED,
  // Read-only unless the general asks for writes explicitly.
  defaultSandbox: 'read-only',

  locate(env) {
    return locateGemini(env[GEMINI_BIN_ENV]?.trim() || undefined, env.PATH);
  },

  async version(bin, env) {
    // `gemini --version` writes into ~/.gemini: it gets a throwaway home of its own.
    const home = mkdtempSync(join(tmpdir(), 'codex-agent-gemini-version-'));
    try {
      const res = await execa(bin, ['--version'], { env: { ...env, GEMINI_CLI_HOME: home }, extendEnv: false, reject: false, timeout: 15_000, stdin: 'ignore' });
      return parseGeminiVersion(`${res.stdout ?? ''}`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },

  home(env) {
    return join(env.GEMINI_CLI_HOME || env.HOME || homedir(), '.gemini');
  },

  runEnv: (runDir, env, hook) => geminiRunEnv(runDir, env, hook),

  execArgs: (spec) => execTurnArgs(spec),
  parseExecLine: geminiExecLine,
  execParser: geminiExecParser,
  exitEvents: exitCodeEvents,

  async interactivePrep() {
    return [];
  },
  interactiveArgs: (spec) => tuiArgs(spec),
  maxArgvPromptBytes: MAX_ARGV_PROMPT_BYTES,

  // Exec turns carry everything in their stream; only an interactive run (its private home) is followed.
  follow: (home, threadId, file, offset) => (isRunHome(home) ? new GeminiFollower(home, threadId, file, offset) : NOTHING),
  sessionEnd: (home, threadId) => fileEnd(findSessionFile(home, threadId)),
  async findSession(q) {
    return findRunSession(q.home, { sinceMs: q.launchedAtMs - SESSION_SLACK_MS, prompt: q.prompt, taken: q.taken, resume: q.resume });
  },
  notifiedThread: notifiedSession,

  screen: {
    composerReady: showsComposer,
    // Gemini queues a message typed during a turn and runs it after: never held to steer.
    holdsMessage: () => false,
    clean: (text) => text,
  },
  // tui-input waits 150 ms after every paste before Enter, the pause Gemini needs.
  keys: { interrupt: ['Escape'], quit: '/quit', afterPaste: () => [] },
  stopRetrying: stopRetryKeys,
};
