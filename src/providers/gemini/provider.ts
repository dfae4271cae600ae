// The Google Gemini CLI behind the provider seam: exec mode (headless stream-json). Interactive
// jobs are refused for now (interactive: false).
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { AgentProvider, SessionFollower } from '../types.js';
import { execTurnArgs, parseGeminiVersion } from './args.js';
import { exitCodeEvents, geminiExecLine, geminiExecParser } from './events.js';
import { GEMINI_BIN_ENV, locateGemini } from './locate.js';
import { geminiRunEnv } from './run-env.js';

/** The Gemini CLI versions this release is tested with. */
export const GEMINI_TESTED = { min: '0.61', max: '0.61' } as const;

/** Exec turns carry everything in their stream: there is no session record to follow. */
const NOTHING: SessionFollower = { file: null, readNew: () => [] };

function unsupported(): never {
  throw new Error('interactive Gemini jobs are not supported yet');
}

export const gemini: AgentProvider = {
  name: 'gemini',
  label: 'Gemini',
  binEnv: GEMINI_BIN_ENV,
  installHint: 'npm install -g @google/gemini-cli',
  tested: GEMINI_TESTED,
  interactive: false,
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

  runEnv: (runDir, env) => geminiRunEnv(runDir, env),

  execArgs: (spec) => execTurnArgs(spec),
  parseExecLine: geminiExecLine,
  execParser: geminiExecParser,
  exitEvents: exitCodeEvents,

  async interactivePrep() {
    return unsupported();
  },
  interactiveArgs: () => unsupported(),
  maxArgvPromptBytes: 0,

  follow: () => NOTHING,
  sessionEnd: () => null,
  findSession: async () => null,
  notifiedThread: () => null,

  screen: {
    composerReady: () => false,
    holdsMessage: () => false,
    clean: (text) => text,
  },
  keys: { interrupt: ['Escape'], quit: '/quit', afterPaste: () => [] },
};
