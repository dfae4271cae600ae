import { rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Any of these mean "there is no server", which for queries means "nothing there".
const NO_SERVER_RE = /no server running|error connecting to|failed to connect to server|server exited unexpectedly|lost server/i;
const NOT_FOUND_RE = /can't find (session|window|pane)/i;
/** Only these prove the server is gone; any other failure to connect may pass (a loaded machine). */
const SERVER_GONE_RE = /no server running|error connecting to .*\(No such file or directory\)|server exited unexpectedly|lost server/i;
const DEFAULT_WIDTH = 220;
const DEFAULT_HEIGHT = 50;
const CALL_TIMEOUT_MS = 15_000;

export interface TmuxOptions {
  /** Server socket name (tmux -L); undefined uses the user's default server. */
  socket?: string;
  bin?: string;
}

export interface NewSessionOptions {
  /** Absolute path of an existing directory (tmux silently falls back to another cwd otherwise). */
  cwd: string;
  /** Program and arguments, exec'd without a shell. */
  argv: string[];
  env?: Record<string, string>;
  width?: number;
  height?: number;
  /** Keep the pane, readable and attachable, after its program exits. */
  remainOnExit?: boolean;
}

export interface CaptureOptions {
  /** How many scrollback lines above the visible pane to include. */
  lines?: number;
  /** Keep colour/attribute escape sequences (capture-pane -e). */
  ansi?: boolean;
  /** Join soft-wrapped lines (capture-pane -J). */
  join?: boolean;
}

/** What runs in a session's first pane. A dead pane stays readable (remain-on-exit). */
export type PaneState =
  | { kind: 'running'; pid: number }
  | { kind: 'dead'; pid: number; status: number | null; signal: number | null }
  | { kind: 'missing' };

export interface SessionInfo {
  name: string;
  createdAt: Date;
  attached: boolean;
}

export class TmuxError extends Error {
  override name = 'TmuxError';
  readonly args: readonly string[];
  readonly stderr: string;
  readonly exitCode: number | undefined;
  constructor(message: string, details: { args: string[]; stderr: string; exitCode?: number; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.args = details.args;
    this.stderr = details.stderr;
    this.exitCode = details.exitCode;
  }
}

interface Outcome {
  ok: boolean;
  stdout: string;
  stderr: string;
  exitCode?: number;
  error?: unknown;
}

function checkName(kind: string, name: string): void {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new TypeError(`invalid tmux ${kind} name: ${JSON.stringify(name)}`);
  }
}

/** Separates commands of one tmux command list: only this token becomes a bare ";" (any argument ending in ";" is escaped). */
const SEPARATOR: unique symbol = Symbol('tmux command separator');
type Arg = string | typeof SEPARATOR;

/** Pure: `list-panes -a` rows; the first pane of each session counts. */
export function parsePanes(stdout: string): Map<string, PaneState> {
  const out = new Map<string, PaneState>();
  const num = (v: string): number | null => (/^\d+$/.test(v) ? Number(v) : null);
  for (const line of stdout.split('\n')) {
    const m = /^([01])\t(\d+)\t(\d*)\t(\d*)\t(.*)$/.exec(line);
    if (!m || out.has(m[5]!)) continue;
    const pid = Number(m[2]);
    out.set(m[5]!, m[1] === '1' ? { kind: 'dead', pid, status: num(m[3]!), signal: num(m[4]!) } : { kind: 'running', pid });
  }
  return out;
}

/** Parse "3.3a", "next-3.4", "openbsd-7.4" into [major, minor]; null if unrecognised. */
function parseVersion(v: string): [number, number] | null {
  const m = /(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * Thin adapter over the tmux CLI. Every call passes an argument array; no
 * shell is involved anywhere. Targets use "=name" so tmux matches the
 * session name exactly instead of by prefix or fnmatch pattern.
 */
export class Tmux {
  readonly socket: string | undefined;
  readonly bin: string;
  private envFlag: Promise<boolean> | undefined;

  constructor(opts: TmuxOptions = {}) {
    // The socket name becomes a file name under tmux's socket directory.
    if (opts.socket !== undefined) checkName('socket', opts.socket);
    this.socket = opts.socket;
    this.bin = opts.bin ?? 'tmux';
  }

  /** Version string such as "3.3a", or null when tmux cannot be run. */
  async version(): Promise<string | null> {
    const r = await this.exec(['-V']);
    if (!r.ok) return null;
    return r.stdout.trim().replace(/^tmux\s+/, '') || null;
  }

  /**
   * Start a detached session running argv directly. The session ends when the
   * command exits (tmux's default; remain-on-exit is left alone), so read the
   * final output before that or keep the program alive.
   */
  async newSession(name: string, opts: NewSessionOptions): Promise<void> {
    checkName('session', name);
    const width = opts.width ?? DEFAULT_WIDTH;
    const height = opts.height ?? DEFAULT_HEIGHT;
    for (const n of [width, height]) {
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new TypeError(`invalid pane size: ${n}`);
    }
    const launch = await this.launchArgs(opts);
    const args: Arg[] = ['new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), ...launch];
    // One tmux command list, so the option is set before the program can exit.
    if (opts.remainOnExit) args.push(SEPARATOR, 'set-option', '-w', '-t', `=${name}:`, 'remain-on-exit', 'on');
    await this.must(args);
  }

  /** Runs a program again in a session's dead pane (tmux refuses a live one), keeping its scrollback. */
  async respawnPane(name: string, opts: NewSessionOptions): Promise<void> {
    checkName('session', name);
    await this.must(['respawn-pane', '-t', `=${name}:`, ...(await this.launchArgs(opts))]);
  }

  /** The "-c cwd [-e VAR=value...] -- argv" part shared by new-session and respawn-pane. */
  private async launchArgs(opts: NewSessionOptions): Promise<string[]> {
    const { argv, cwd } = opts;
    if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== 'string') || argv[0] === '') {
      throw new TypeError('argv must be a non-empty array of strings');
    }
    if (typeof cwd !== 'string' || !isAbsolute(cwd)) throw new TypeError(`cwd must be an absolute path: ${cwd}`);
    const st = await stat(cwd).catch(() => null);
    if (!st?.isDirectory()) throw new TypeError(`cwd is not a directory: ${cwd}`);
    const assignments = Object.entries(opts.env ?? {}).map(([k, v]) => {
      if (!ENV_NAME_RE.test(k)) throw new TypeError(`invalid environment variable name: ${JSON.stringify(k)}`);
      if (typeof v !== 'string' || v.includes('\0')) throw new TypeError(`invalid value for ${k}`);
      return `${k}=${v}`;
    });
    const args = ['-c', cwd];
    let command = argv;
    const envFlag = assignments.length > 0 && (await this.supportsEnvFlag());
    if (envFlag) for (const a of assignments) args.push('-e', a);
    // tmux hands a single-argument command to `sh -c`, and -e needs 3.2; in either case exec
    // through env(1) instead.
    if (argv.length === 1 || (assignments.length > 0 && !envFlag)) {
      // env would read a leading NAME=VALUE word as an assignment.
      if (argv[0]!.includes('=')) throw new TypeError(`program name must not contain "=": ${argv[0]}`);
      command = ['/usr/bin/env', '--', ...(envFlag ? [] : assignments), ...argv];
    }
    return [...args, '--', ...command];
  }

  async hasSession(name: string): Promise<boolean> {
    checkName('session', name);
    return this.queryOk(['has-session', '-t', `=${name}`]);
  }

  /** Returns false (no throw) when the session or server was not there. */
  async killSession(name: string): Promise<boolean> {
    checkName('session', name);
    return this.queryOk(['kill-session', '-t', `=${name}`]);
  }

  async capturePane(name: string, opts: CaptureOptions = {}): Promise<string> {
    checkName('session', name);
    // A pane target needs the trailing colon: "=name" alone is looked up as a pane and fails.
    const args = ['capture-pane', '-p', '-t', `=${name}:`];
    if (opts.lines !== undefined) {
      if (!Number.isInteger(opts.lines) || opts.lines < 0) throw new TypeError(`invalid lines: ${opts.lines}`);
      args.push('-S', `-${opts.lines}`);
    }
    if (opts.ansi) args.push('-e');
    if (opts.join) args.push('-J');
    return (await this.must(args)).stdout;
  }

  async listSessions(): Promise<SessionInfo[]> {
    // Name last, so a foreign session name containing a tab still parses.
    const args = ['list-sessions', '-F', '#{session_created}\t#{session_attached}\t#{session_name}'];
    const r = await this.exec(args);
    if (!r.ok) {
      if (NO_SERVER_RE.test(r.stderr)) return [];
      throw this.toError(args, r);
    }
    const out: SessionInfo[] = [];
    for (const line of r.stdout.split('\n')) {
      const m = /^(\d+)\t(\d+)\t(.*)$/.exec(line);
      if (!m) continue;
      out.push({ name: m[3]!, createdAt: new Date(Number(m[1]) * 1000), attached: Number(m[2]) > 0 });
    }
    return out;
  }

  /**
   * Every session's first pane in one call, or null when no server runs on this socket (it was
   * killed, crashed, or its last session closed).
   */
  async panes(): Promise<Map<string, PaneState> | null> {
    const args = ['list-panes', '-a', '-F', '#{pane_dead}\t#{pane_pid}\t#{pane_dead_status}\t#{pane_dead_signal}\t#{session_name}'];
    const r = await this.exec(args);
    if (!r.ok) {
      if (SERVER_GONE_RE.test(r.stderr)) return null;
      // A server that holds no session (starting, or about to exit) has no panes to list.
      if (/no current target/i.test(r.stderr)) return new Map();
      throw this.toError(args, r);
    }
    return parsePanes(r.stdout);
  }

  /** PID of the process running in the session's first pane, or null if there is no such session. */
  async panePid(name: string): Promise<number | null> {
    checkName('session', name);
    // Window targets need "=name:"; a bare "=name" falls back to a prefix match here.
    const args = ['list-panes', '-s', '-t', `=${name}:`, '-F', '#{pane_pid}'];
    const r = await this.exec(args);
    if (!r.ok) {
      if (NO_SERVER_RE.test(r.stderr) || NOT_FOUND_RE.test(r.stderr)) return null;
      throw this.toError(args, r);
    }
    const pid = Number.parseInt(r.stdout.split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }

  /** The argv a user runs to attach to the session. */
  attachArgv(name: string): string[] {
    checkName('session', name);
    return [this.bin, ...this.socketArgs(), 'attach-session', '-t', `=${name}`];
  }

  /** Send key names such as 'Enter', 'Escape', 'C-c' (not literal text). */
  async sendKeys(name: string, keys: string[]): Promise<void> {
    checkName('session', name);
    if (keys.length === 0 || keys.some((k) => typeof k !== 'string' || k === '')) {
      throw new TypeError('keys must be non-empty strings');
    }
    // "--" so a key such as "-l" is not taken as a flag.
    await this.must(['send-keys', '-t', `=${name}:`, '--', ...keys]);
  }

  async loadBuffer(bufferName: string, filePath: string): Promise<void> {
    checkName('buffer', bufferName);
    // tmux resolves relative paths against the client's cwd and "-" is stdin; avoid both.
    if (typeof filePath !== 'string' || !isAbsolute(filePath)) {
      throw new TypeError(`buffer file must be an absolute path: ${filePath}`);
    }
    await this.must(['load-buffer', '-b', bufferName, '--', filePath]);
  }

  /**
   * Paste a buffer into the session's pane. bracketed adds paste markers only
   * if the application enabled bracketed paste mode. tmux turns LF into CR.
   */
  async pasteBuffer(
    bufferName: string,
    target: string,
    opts: { bracketed?: boolean; deleteAfter?: boolean } = {},
  ): Promise<void> {
    checkName('buffer', bufferName);
    checkName('session', target);
    const args = ['paste-buffer', '-b', bufferName, '-t', `=${target}:`];
    if (opts.bracketed ?? true) args.push('-p');
    if (opts.deleteAfter ?? true) args.push('-d');
    await this.must(args);
  }

  private baseArgs(): string[] {
    // -u: without a UTF-8 locale tmux prints the tabs of -F formats as '_', and every pane would
    // look gone (and its healthy runner condemned).
    return ['-u', ...this.socketArgs()];
  }

  private socketArgs(): string[] {
    return this.socket === undefined ? [] : ['-L', this.socket];
  }

  private supportsEnvFlag(): Promise<boolean> {
    this.envFlag ??= this.version().then((v) => {
      const parsed = v === null ? null : parseVersion(v);
      // Unparseable versions (e.g. "master") are assumed to be recent.
      return parsed === null || parsed[0] > 3 || (parsed[0] === 3 && parsed[1] >= 2);
    });
    return this.envFlag;
  }

  /** Ends the whole server of this socket (private sockets only: tests and selftest), and removes its socket file. */
  async killServer(): Promise<boolean> {
    if (this.socket === undefined) throw new TypeError('refusing to kill the default tmux server');
    const killed = await this.queryOk(['kill-server']);
    // tmux leaves the file of a socket whose server it killed; a private socket is used once.
    const uid = process.getuid?.();
    if (uid !== undefined) rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${uid}`, this.socket), { force: true });
    return killed;
  }

  /** True on success; false when the target or server is missing; throws otherwise. */
  private async queryOk(args: string[]): Promise<boolean> {
    const r = await this.exec(args);
    if (r.ok) return true;
    if (NO_SERVER_RE.test(r.stderr) || NOT_FOUND_RE.test(r.stderr)) return false;
    throw this.toError(args, r);
  }

  private async must(args: Arg[]): Promise<Outcome> {
    const r = await this.exec(args);
    if (!r.ok) throw this.toError(args, r);
    return r;
  }

  private async exec(args: Arg[]): Promise<Outcome> {
    // Even in argv form tmux ends a command at any argument ending in ';'
    // (that is how `tmux cmd1 \; cmd2` works); a trailing "\;" is read as a literal ';'.
    const full = [...this.baseArgs(), ...args.map((a) => (a === SEPARATOR ? ';' : a.endsWith(';') ? `${a.slice(0, -1)}\\;` : a))];
    // Loaded on the first call: commands that never ask tmux (status of a finished job) skip its cost.
    const { execa } = await import('execa');
    const r = await execa(this.bin, full, { reject: false, stdin: 'ignore', timeout: CALL_TIMEOUT_MS });
    const stdout = typeof r.stdout === 'string' ? r.stdout : '';
    const stderr = typeof r.stderr === 'string' ? r.stderr.trim() : '';
    if (!r.failed) return { ok: true, stdout, stderr };
    return { ok: false, stdout, stderr, exitCode: r.exitCode, error: r };
  }

  private toError(args: Arg[], r: Outcome): TmuxError {
    const err = r.error as { code?: unknown; timedOut?: unknown } | undefined;
    const line = r.stderr.split('\n')[0] ?? '';
    const why =
      err?.code === 'ENOENT'
        ? `${this.bin} not found`
        : err?.timedOut === true
          ? `timed out after ${CALL_TIMEOUT_MS}ms`
          : line || `exit code ${r.exitCode ?? 'unknown'}`;
    return new TmuxError(`tmux ${String(args[0])} failed: ${why}`, {
      args: args.map((a) => (a === SEPARATOR ? ';' : a)),
      stderr: r.stderr,
      exitCode: r.exitCode,
      cause: r.error,
    });
  }
}
