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
  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(`corrupt job record ${path}: ${detail}`, EXIT.failure, options);
    this.path = path;
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
    return { line: err.message, exitCode: err.exitCode, stack: debug ? err.stack : undefined };
  }
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  return {
    line: `internal error: ${firstLine}`,
    exitCode: EXIT.failure,
    stack: debug && err instanceof Error ? err.stack : undefined,
  };
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
