// The interactive Gemini TUI's own record, read into neutral events: its session file
// (~/.gemini/tmp/<project>/chats/session-*.jsonl under the run's private home) for messages, tokens,
// tool calls, errors and cancels, and the run's hook log (AfterAgent: the turn ended; Notification
// ToolPermission: an approval waits), which `__notify` appends from the hooks run-env.ts installs.
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LineFollower } from '../../util/line-follower.js';
import { HOOK_LOG } from '../hook-log.js';
import { parseJsonLine } from '../../util/json-line.js';
import type { AgentEvent, SessionFollower } from '../types.js';
import { classifyGeminiError, errorReason } from './events.js';


type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

const WRITE_TOOLS = new Set(['write_file', 'replace', 'edit']);
const SHELL_TOOLS = new Set(['run_shell_command']);

/** Pure: the user's text of a `user` record, or null for Gemini's own context and history rewrites (they carry a <session_context> part). */
function userText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const texts = content.filter(isRec).map((p) => (typeof p.text === 'string' ? p.text : ''));
  if (texts.some((t) => t.trimStart().startsWith('<session_context>'))) return null;
  return texts.join('\n');
}

/**
 * A parser for one session file: `user` records start turns, `gemini` records carry the answer,
 * their tokens (added up into the thread's totals) and tool calls, `error` fails the turn,
 * "Request cancelled." aborts it. Copies made when Gemini rewrites its history (content as parts,
 * tokens null) are skipped.
 */
export function geminiSessionParser(): (line: string) => AgentEvent[] {
  const total = { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0 };
  // Gemini writes a message again (same id) as its tool calls progress: its tokens count once.
  const counted = new Set<string>();
  return (line) => {
    const obj = parseJsonLine(line);
    if (!isRec(obj) || typeof obj.type !== 'string' || typeof obj.id !== 'string') return [];
    switch (obj.type) {
      case 'user': {
        const text = userText(obj.content);
        if (text === null || text.trim() === '') return [];
        return [{ kind: 'user_message' }, { kind: 'turn_started', turnId: null, contextWindow: null }];
      }
      case 'gemini': {
        if (!isRec(obj.tokens)) return [];
        const out: AgentEvent[] = [];
        const t = obj.tokens;
        if (!counted.has(obj.id)) {
          counted.add(obj.id);
          total.input += num(t.input);
          total.cachedInput += num(t.cached);
          total.output += num(t.output);
          total.reasoningOutput += num(t.thoughts);
          out.push({ kind: 'tokens', total: { ...total }, lastContext: num(t.input) || null, contextWindow: null });
        }
        if (typeof obj.content === 'string' && obj.content !== '') out.push({ kind: 'agent_message', text: obj.content });
        for (const call of Array.isArray(obj.toolCalls) ? obj.toolCalls.filter(isRec) : []) out.push(...toolEvents(call));
        return out;
      }
      case 'error': {
        const message = typeof obj.content === 'string' ? obj.content : 'Gemini reported an error';
        return [{ kind: 'turn_failed', turnId: null, error: errorReason(message), errorKind: classifyGeminiError(message) }];
      }
      case 'info':
        return obj.content === 'Request cancelled.' ? [{ kind: 'turn_aborted', turnId: null, reason: 'interrupted' }] : [];
      default:
        return [];
    }
  };
}

function toolEvents(call: Rec): AgentEvent[] {
  const name = typeof call.name === 'string' ? call.name : '';
  const args = isRec(call.args) ? call.args : {};
  const ok = call.status === 'success';
  if (WRITE_TOOLS.has(name) && typeof args.file_path === 'string' && ok) return [{ kind: 'file_change', changes: [{ path: args.file_path, kind: 'update' }] }];
  if (SHELL_TOOLS.has(name) && typeof args.command === 'string' && call.status !== 'cancelled') return [{ kind: 'command', command: args.command, exitCode: ok ? 0 : null, output: '' }];
  return [];
}

/** Pure: one line of the hook log, for the session `threadId` (another session's hooks are not ours). */
export function hookLineEvents(line: string, threadId: string): AgentEvent[] {
  const obj = parseJsonLine(line);
  if (!isRec(obj) || obj.session_id !== threadId) return [];
  if (obj.hook_event_name === 'AfterAgent') return [{ kind: 'turn_completed', turnId: null, message: null }];
  if (obj.hook_event_name === 'Notification' && obj.notification_type === 'ToolPermission') return [{ kind: 'approval_pending' }];
  return [];
}

/** The job's folder from the run's private Gemini home (<job>/gemini-home/.gemini: run-env.ts). */
export function runDirOf(home: string): string {
  return dirname(dirname(home));
}

/** Whether `home` is a run's private Gemini home (whose hook log is in the job's folder). */
export function isRunHome(home: string): boolean {
  return basename(dirname(home)) === 'gemini-home';
}

/** Both records of one run, the session file read after the hook log, so a hook's turn end follows what the turn wrote. */
export class GeminiFollower implements SessionFollower {
  private readonly session: LineFollower<AgentEvent>;
  private readonly hooks: LineFollower<AgentEvent>;

  constructor(home: string, threadId: string, file?: string, offset = 0) {
    this.session = new LineFollower(() => findSessionFile(home, threadId), geminiSessionParser(), file, offset);
    // The runner empties the log before each launch: all of it is this run's, also hooks that
    // fired before the session was found.
    const log = join(runDirOf(home), HOOK_LOG);
    this.hooks = new LineFollower(() => log, (line) => hookLineEvents(line, threadId), log);
  }

  get file(): string | null {
    return this.session.file;
  }

  readNew(): AgentEvent[] {
    const hooks = this.hooks.readNew();
    return [...this.session.readNew(), ...hooks];
  }
}

/** The session files under `home`, newest first by name. */
function sessionFiles(home: string): string[] {
  const root = join(home, 'tmp');
  const out: string[] = [];
  let projects: string[] = [];
  try {
    projects = readdirSync(root);
  } catch {
    return [];
  }
  for (const p of projects) {
    const chats = join(root, p, 'chats');
    if (!existsSync(chats)) continue;
    try {
      for (const f of readdirSync(chats)) if (f.startsWith('session-') && f.endsWith('.jsonl')) out.push(join(chats, f));
    } catch {
      // Unreadable folder: not ours.
    }
  }
  return out.sort().reverse();
}

/** Pure: the header of a session file ({sessionId, startTime}), from its first line. */
export function sessionHeader(firstLine: string): { sessionId: string; startMs: number } | null {
  const obj = parseJsonLine(firstLine);
  if (!isRec(obj) || typeof obj.sessionId !== 'string') return null;
  const startMs = typeof obj.startTime === 'string' ? Date.parse(obj.startTime) : NaN;
  return { sessionId: obj.sessionId, startMs: Number.isFinite(startMs) ? startMs : 0 };
}

function headOf(path: string, bytes = 64 * 1024): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The session file of `threadId` (the newest, when a resume started another). */
export function findSessionFile(home: string, threadId: string): string | null {
  const short = threadId.slice(0, 8);
  for (const f of sessionFiles(home)) {
    if (!f.endsWith(`-${short}.jsonl`) && !f.includes(short)) continue;
    if (sessionHeader(headOf(f).split('\n')[0] ?? '')?.sessionId === threadId) return f;
  }
  return null;
}

/**
 * The run's own session: started since launch, not another job's, and holding the first
 * message (the run's home links the user's session folder, which other runs share).
 */
export function findRunSession(home: string, q: { sinceMs: number; prompt: string | null; taken: ReadonlySet<string>; resume: string | null }): { threadId: string; path: string } | null {
  if (q.resume) {
    const path = findSessionFile(home, q.resume);
    return path ? { threadId: q.resume, path } : null;
  }
  for (const f of sessionFiles(home)) {
    const text = headOf(f, 1024 * 1024);
    const header = sessionHeader(text.split('\n')[0] ?? '');
    if (!header || header.startMs < q.sinceMs || q.taken.has(header.sessionId)) continue;
    if (q.prompt !== null && !text.includes(JSON.stringify(q.prompt).slice(1, -1).slice(0, 2000))) continue;
    return { threadId: header.sessionId, path: f };
  }
  return null;
}
