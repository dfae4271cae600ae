// The seam between codex-agent and an agent CLI (Codex first). Everything else — the store, the
// runners, src/jobs and the commands — knows only this interface and the neutral events below.
import type { Reasoning, Sandbox } from '../config.js';
import type { ErrorKind } from '../store/record.js';

export interface Usage {
  input: number;
  cachedInput: number;
  output: number;
  reasoningOutput: number;
}

export type FileChangeKind = 'add' | 'update' | 'delete';

/**
 * What an agent reports, in one vocabulary, whether it came from an exec event stream or from the
 * agent's own session record. A turn's id is null where the source does not name it.
 */
export type AgentEvent =
  | { kind: 'thread_started'; threadId: string }
  | { kind: 'turn_started'; turnId: string | null; contextWindow: number | null }
  | { kind: 'turn_completed'; turnId: string | null; message: string | null }
  | { kind: 'turn_failed'; turnId: string | null; error: string; errorKind: ErrorKind }
  | { kind: 'turn_aborted'; turnId: string | null; reason: string }
  /** A message the user (or `send`) put into the thread. */
  | { kind: 'user_message' }
  | { kind: 'agent_message'; text: string }
  | { kind: 'command_started'; command: string }
  | { kind: 'command'; command: string; exitCode: number | null; output: string }
  | { kind: 'file_change'; changes: { path: string; kind: FileChangeKind }[] }
  /**
   * Running totals of the thread, the context in use at the latest request, the window. With
   * `perRun`, `total` is the usage of this one run only (Gemini's result), added to the record's totals.
   */
  | { kind: 'tokens'; total: Usage | null; lastContext: number | null; contextWindow: number | null; perRun?: boolean }
  | { kind: 'warning'; message: string }
  /** The running turn waits for the user to allow a tool (a message typed now would answer that dialog). */
  | { kind: 'approval_pending' };

export interface LaunchSpec {
  sandbox: Sandbox;
  cwd: string;
  model: string | null;
  reasoning: Reasoning | null;
}

/** Reads an agent's session record as it grows: each call returns what was appended since. */
export interface SessionFollower {
  readonly file: string | null;
  readNew(): AgentEvent[];
}

export interface Located {
  path: string;
  /** Where it was found: the provider's environment variable, PATH, or this package. */
  source: string;
}

export interface SessionQuery {
  /** The agent's processes: the session record one of them writes is the job's own. */
  pids: number[];
  home: string;
  cwd: string;
  /** The first message, for providers that must find the session by its content. */
  prompt: string | null;
  launchedAtMs: number;
  /** Threads other jobs own. */
  taken: ReadonlySet<string>;
  /** Set when the agent was reopened on this thread. */
  resume: string | null;
}

export interface AgentProvider {
  readonly name: string;
  /** The agent's name in messages ("Codex"). */
  readonly label: string;
  /** The environment variable that names the binary explicitly. */
  readonly binEnv: string;
  /** How a user installs it ("npm install -g @openai/codex"). */
  readonly installHint: string;
  /** Versions tested with this release, inclusive. */
  readonly tested: { min: string; max: string };

  /** The binary: the one `binEnv` names, else on PATH, else one this package ships. */
  locate(env: NodeJS.ProcessEnv): Located | null;
  version(bin: string, env: Record<string, string>): Promise<string | null>;
  /** Where the agent keeps its session records, for the environment it runs with. */
  home(env: Record<string, string>): string;

  /** Absent or true: interactive jobs work; false: `start --interactive` refuses them. */
  readonly interactive?: boolean;
  /** The sandbox a job gets when the general names none (absent: the configured default). */
  readonly defaultSandbox?: Sandbox;
  /**
   * The environment one run of the agent adds (folder trust, bounded retries, temp files), and
   * any private files it needs, written under `runDir` (the job's folder). Called before every
   * run; the user's own settings are never written. `hook` (interactive runs): the argv of the
   * command the agent's hooks run (`__hook <id>`, payload on stdin), for turn ends and approvals.
   */
  runEnv?(runDir: string, env: Record<string, string>, hook?: string[]): Record<string, string>;

  /** One exec turn: a new thread, or a follow-up on `threadId`. The message goes on stdin. */
  execArgs(spec: LaunchSpec & { threadId: string | null }): string[];
  parseExecLine(line: string): AgentEvent[];
  /** A fresh parser for one turn's lines, for agents whose lines build on each other (deltas); absent: parseExecLine. */
  execParser?(): (line: string) => AgentEvent[];
  /** What the agent's exit code means for a turn its stream did not end (absent or []: the exit says it all). */
  exitEvents?(code: number | null): AgentEvent[];

  /** Arguments an interactive launch needs to learn first (Codex: its model-migration notices). */
  interactivePrep(bin: string, env: Record<string, string>): Promise<string[]>;
  /** The interactive agent; `prompt` is left out when it goes in by paste, `resume` reopens a thread. */
  interactiveArgs(spec: LaunchSpec & { notify: string[]; prompt?: string; resume?: string }, prep: string[]): string[];
  /** Longer prompts go in by paste once the composer is up. */
  readonly maxArgvPromptBytes: number;
  /** The longest message the agent takes in one turn, in characters (code points); absent: no limit. */
  readonly maxMessageChars?: number;

  follow(home: string, threadId: string, file?: string, offset?: number): SessionFollower;
  /** The thread's session record and its size now, or null. */
  sessionEnd(home: string, threadId: string): { path: string; size: number } | null;
  findSession(q: SessionQuery): Promise<{ threadId: string; path: string } | null>;
  /** The thread a turn-complete notification names (notify only wakes the runner). */
  notifiedThread(payload: string): string | null;

  screen: {
    /** The input box is up and takes text. */
    composerReady(screen: string): boolean;
    /** The agent holds this message to steer the running turn later. */
    holdsMessage(screen: string, message: string): boolean;
    /** Without the agent's chrome (status bars, hints, spinners), for --clean. */
    clean(text: string): string;
  };
  /**
   * tmux key names that interrupt a turn; the text typed to quit; the keys a pasted text needs
   * before Enter submits it.
   */
  keys: { interrupt: string[]; quit: string; afterPaste(text: string): string[] };
  /**
   * Keys that answer "stop" when the screen asks whether to keep retrying a failing model call
   * (null: no such question on it). Absent: the agent never asks.
   */
  stopRetrying?(screen: string): string[] | null;
}
