import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/errors.ts
var EXIT = {
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
  timeout: 124
};
var AgentError = class extends Error {
  exitCode;
  constructor(message, exitCode = EXIT.failure, options) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
};
var UsageError = class extends AgentError {
  constructor(message, options) {
    super(message, EXIT.usage, options);
  }
};
var NotFoundError = class extends AgentError {
  constructor(message, options) {
    super(message, EXIT.notFound, options);
  }
};
var CorruptRecordError = class extends AgentError {
  path;
  constructor(path, detail, options) {
    super(`corrupt job record ${path}: ${detail}`, EXIT.failure, options);
    this.path = path;
  }
};
var TimeoutError = class extends AgentError {
  constructor(message, options) {
    super(message, EXIT.timeout, options);
  }
};
function describeError(err, debug) {
  if (err instanceof AgentError) {
    return { line: err.message, exitCode: err.exitCode, stack: debug ? err.stack : void 0 };
  }
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split("\n").find((l) => l.trim() !== "") ?? "unknown error";
  return {
    line: `internal error: ${firstLine}`,
    exitCode: EXIT.failure,
    stack: debug && err instanceof Error ? err.stack : void 0
  };
}
var ORIGINAL_FLAGS = {
  start: {
    "-w": "use --wait",
    "--fast": "use -m <model>"
  }
};
function unknownOptionLine(flag, command, suggestion, elsewhere) {
  const name = flag.replace(/=.*$/s, "");
  const head = `unknown option '${name}'`;
  const original = command === null ? void 0 : ORIGINAL_FLAGS[command]?.[name];
  if (original) return `${head} (${original})`;
  if (suggestion) return `${head} (did you mean ${suggestion}?)`;
  if (command !== null && elsewhere.length) return `${head} for ${command} (an option of ${elsewhere.join(", ")})`;
  return head;
}

export {
  EXIT,
  AgentError,
  UsageError,
  NotFoundError,
  CorruptRecordError,
  TimeoutError,
  describeError,
  unknownOptionLine
};
