// The small set of typed errors the CLI raises, and the one table mapping them to exit codes.

export const EXIT = {
  ok: 0,
  /** Runtime failure: a dependency missing, I/O, a corrupt record. */
  failure: 1,
  /** Bad flag, value, id or configuration. */
  usage: 2,
  /** No job with that id. */
  notFound: 3,
  /** await-turn: the job ended, or its turn failed or was aborted. */
  jobEnded: 4,
  /** await-turn: the turn failed because the model's context window is full. */
  contextLimit: 5,
  /** await-turn: an interactive agent is stuck on a start-up screen (the screen is reported). */
  blocked: 6,
  /** await-turn: nothing runs or is queued and every turn was read; only a new message makes a turn. */
  idle: 7,
  /** The state root cannot be written: full (ENOSPC, EDQUOT), read-only (EROFS) or not writable (EACCES). Nothing was half-written. */
  stateRoot: 8,
  /** A bounded wait ran out (await-turn --timeout, watch --timeout). */
  timeout: 124,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class AgentError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT.failure, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

export class UsageError extends AgentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.usage, options);
  }
}

export class NotFoundError extends AgentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.notFound, options);
  }
}

/** A record on disk that does not parse: reported, never replaced. */
export class CorruptRecordError extends AgentError {
  readonly path: string;
  /** Why it does not parse, on one line. */
  readonly detail: string;
  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    // Listed by jobs and recover as it is: one line whatever the path or the parser said.
    super(`corrupt job record ${visible(path)}: ${visible(detail, 300)}`, EXIT.failure, options);
    this.path = path;
    this.detail = visible(detail, 300);
  }
}

/** Why the state root could not be written, by errno. */
export const STATE_ROOT_CODES = { ENOSPC: 'full', EDQUOT: 'full', EROFS: 'read-only', EACCES: 'not writable' } as const;
export type StateRootCode = keyof typeof STATE_ROOT_CODES;

/** The state root is full, read-only or not writable: nothing was half-written, and a retry works once it is writable. */
export class StateRootError extends AgentError {
  readonly home: string;
  readonly code: StateRootCode;
  constructor(home: string, code: StateRootCode, detail?: string, options?: { cause?: unknown }) {
    super(`the state root ${home} is ${STATE_ROOT_CODES[code]} (${code})${detail ? `: ${detail}` : ''}`, EXIT.stateRoot, options);
    this.home = home;
    this.code = code;
  }

  /** The same fault, saying what it stopped ("nothing was started"). */
  saying(detail: string): StateRootError {
    return new StateRootError(this.home, this.code, detail, { cause: this.cause ?? this });
  }
}

export class TimeoutError extends AgentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.timeout, options);
  }
}

/** Renders any thrown value as the single stderr line and the exit code. */
export function describeError(err: unknown, debug: boolean): { line: string; exitCode: number; stack?: string } {
  if (err instanceof AgentError) {
    return { line: errorLine(err.message), exitCode: err.exitCode, stack: debug ? err.stack : undefined };
  }
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  return {
    line: errorLine(`internal error: ${firstLine}`),
    exitCode: EXIT.failure,
    stack: debug && err instanceof Error ? err.stack : undefined,
  };
}

/**
 * Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: on a terminal
 * they move the cursor, recolour, ring or break the line, so an error never prints them raw.
 */
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** One character as printed: a control character as an escape a person can read (\n, \x1b, \u2028). */
function piece(ch: string, quote: boolean): string {
  if (CONTROL_RE.test(ch)) {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const c = ch.charCodeAt(0);
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return quote && (ch === '\\' || ch === '"') ? `\\${ch}` : ch;
}

/** Pure: the start of `text` as printed, at most `max` characters; `cut` when some was left out. */
function head(text: string, max: number, quote: boolean): { text: string; cut: boolean } {
  let out = '';
  for (const ch of text) {
    const p = piece(ch, quote);
    if (out.length + p.length > max) return { text: out, cut: true };
    out += p;
  }
  return { text: out, cut: false };
}

/** Pure: the end of `text` as printed, at most `max` characters. */
function tail(text: string, max: number): string {
  // A printed character is never shorter than the one it shows: twice `max` code units is enough.
  const chars = [...text.slice(-2 * max)];
  let out = '';
  for (let i = chars.length - 1; i >= 0; i--) {
    const p = piece(chars[i]!, false);
    if (out.length + p.length > max) break;
    out = p + out;
  }
  return out;
}

/** Pure: text safe on one terminal line (control characters escaped), cut to `max` characters and "…". */
export function visible(text: string, max = Number.POSITIVE_INFINITY): string {
  const h = head(text, max, false);
  return h.cut ? `${h.text}…` : h.text;
}

/** Pure: user input as an error echoes it: quoted, escaped (backslash and quote too), cut after `max` characters. */
export function shown(value: string, max = 40): string {
  const h = head(value, max, true);
  return `"${h.text}${h.cut ? '…' : ''}"`;
}

/** The longest error line printed; a longer one keeps its start and its end, where the reason often is. */
export const ERROR_LINE_MAX = 1_200;

/** Pure: the one stderr line for an error message: control characters escaped, at most ERROR_LINE_MAX characters. */
export function errorLine(message: string): string {
  const end = Math.floor(ERROR_LINE_MAX / 3);
  const h = head(message, ERROR_LINE_MAX, false);
  if (!h.cut) return h.text;
  return `${head(message, ERROR_LINE_MAX - end - 1, false).text}…${tail(message, end)}`;
}

/**
 * Flags of the original tool (kingbootoshi/codex-orchestrator) that codex-agent spells or does
 * differently, by the command they went with: what to use instead.
 */
export const ORIGINAL_FLAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  start: {
    '-w': 'use --wait',
    '--fast': 'use -m <model>',
  },
};

/**
 * The one line for an unknown option: `flag` as the user typed it, `command` the command it was
 * given to, `suggestion` commander's near miss among that command's options, `elsewhere` the
 * commands that do take it. A flag of the original tool says what replaces it.
 */
export function unknownOptionLine(flag: string, command: string | null, suggestion: string | null, elsewhere: string[]): string {
  const name = flag.replace(/=.*$/s, '');
  const head = `unknown option '${name}'`;
  const original = command === null ? undefined : ORIGINAL_FLAGS[command]?.[name];
  if (original) return `${head} (${original})`;
  if (suggestion) return `${head} (did you mean ${suggestion}?)`;
  if (command !== null && elsewhere.length) return `${head} for ${command} (an option of ${elsewhere.join(', ')})`;
  return head;
}
