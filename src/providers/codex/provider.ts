// The OpenAI Codex CLI behind the provider seam.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { LineFollower } from '../../util/line-follower.js';
import { fileEnd } from '../file-end.js';
import type { AgentProvider } from '../types.js';
import { execTurnArgs, parseCodexVersion } from './args.js';
import { execLineEvents, rolloutLineEvents } from './events.js';
import { locateCodex } from './locate.js';
import { migrationNotices } from './migrations.js';
import { findRolloutFile } from './rollout-file.js';
import { findOpenRollout, findRolloutByContent, threadIdOfRollout } from './thread-finder.js';
import { MAX_ARGV_PROMPT_BYTES, MAX_MESSAGE_CHARS, migrationOverrides, tuiArgs } from './tui-args.js';
import { stripTuiChrome } from './tui-chrome.js';

/** The Codex versions this release is tested with (CI runs the end-to-end tests at both ends). */
export const CODEX_TESTED = { min: '0.169', max: '0.171' } as const;

/** Where the TUI's paste settles before the rollout can name a thread by its content. */
const CONTENT_SCAN_AFTER_MS = 3_000;

/** Pure: the thread a notify payload names. */
export function notifiedThread(payload: string): string | null {
  try {
    const id = (JSON.parse(payload) as { 'thread-id'?: unknown })['thread-id'];
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Pure: whether the text ends in a `$skill` or `@file` mention. The composer then shows a picker
 * on which Enter inserts instead of submitting; a space closes it (Codex trims it off on submit).
 */
export function endsInMention(text: string): boolean {
  return /(^|\s)[$@]\S*$/.test(text);
}

/** Pure: the TUI is up and its composer waits for input (the "›" prompt line). */
export function showsComposer(screen: string): boolean {
  return screen.split('\n').some((l) => l.startsWith('› '));
}

/** Pure: the screen shows the message waiting to steer the turn ("↳ <first line>"): Codex 0.169+ holds it until the next tool call. */
export function showsPendingSteer(screen: string, message: string): boolean {
  const head = (message.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 40);
  return head !== '' && screen.split('\n').some((l) => l.trimStart().startsWith('↳') && l.includes(head));
}

export const codex: AgentProvider = {
  name: 'codex',
  label: 'Codex',
  binEnv: 'CODEX_AGENT_CODEX_BIN',
  installHint: 'npm install -g @openai/codex',
  tested: CODEX_TESTED,

  locate(env) {
    return locateCodex(env.CODEX_AGENT_CODEX_BIN?.trim() || undefined, env.PATH);
  },

  async version(bin, env) {
    const res = await execa(bin, ['--version'], { env, extendEnv: false, reject: false, timeout: 15_000, stdin: 'ignore' });
    return parseCodexVersion(`${res.stdout ?? ''}`);
  },

  home(env) {
    return env.CODEX_HOME || join(env.HOME || homedir(), '.codex');
  },

  // Codex takes its run's settings as arguments (-c): nothing to add to the environment.
  runEnv: () => ({}),

  execArgs: (spec) => execTurnArgs(spec),
  parseExecLine: execLineEvents,

  async interactivePrep(bin, env) {
    return migrationOverrides(await migrationNotices(bin, env));
  },
  interactiveArgs: (spec, prep) => tuiArgs(spec, prep),
  maxArgvPromptBytes: MAX_ARGV_PROMPT_BYTES,
  maxMessageChars: MAX_MESSAGE_CHARS,

  follow(home, threadId, file, offset) {
    return new LineFollower(() => findRolloutFile(home, threadId), rolloutLineEvents, file, offset);
  },

  sessionEnd: (home, threadId) => fileEnd(findRolloutFile(home, threadId)),

  async findSession(q) {
    let path = await findOpenRollout(q.pids, q.taken);
    if (!path && !q.resume && q.prompt !== null && Date.now() - q.launchedAtMs > CONTENT_SCAN_AFTER_MS) {
      path = await findRolloutByContent(q.home, { sinceMs: q.launchedAtMs - 1_000, cwd: q.cwd, prompt: q.prompt, taken: q.taken });
    }
    if (!path && q.resume) path = findRolloutFile(q.home, q.resume);
    const threadId = path ? threadIdOfRollout(path) : null;
    return path && threadId ? { threadId, path } : null;
  },

  notifiedThread,

  screen: {
    composerReady: showsComposer,
    holdsMessage: showsPendingSteer,
    clean: stripTuiChrome,
  },
  keys: { interrupt: ['Escape'], quit: '/quit', afterPaste: (text) => (endsInMention(text) ? ['Space'] : []) },
};
