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
  /** The state root cannot be written: full (ENOSPC, EDQUOT), read-only (EROFS) or not writable (EACCES). Nothing was half-written. */
  stateRoot: 8,
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
  /** Why it does not parse, on one line. */
  detail;
  constructor(path, detail, options) {
    super(`corrupt job record ${visible(path)}: ${visible(detail, 300)}`, EXIT.failure, options);
    this.path = path;
    this.detail = visible(detail, 300);
  }
};
var STATE_ROOT_CODES = { ENOSPC: "full", EDQUOT: "full", EROFS: "read-only", EACCES: "not writable" };
var StateRootError = class _StateRootError extends AgentError {
  home;
  code;
  constructor(home, code, detail, options) {
    super(`the state root ${home} is ${STATE_ROOT_CODES[code]} (${code})${detail ? `: ${detail}` : ""}`, EXIT.stateRoot, options);
    this.home = home;
    this.code = code;
  }
  /** The same fault, saying what it stopped ("nothing was started"). */
  saying(detail) {
    return new _StateRootError(this.home, this.code, detail, { cause: this.cause ?? this });
  }
};
var TimeoutError = class extends AgentError {
  constructor(message, options) {
    super(message, EXIT.timeout, options);
  }
};
function describeError(err, debug) {
  if (err instanceof AgentError) {
    return { line: errorLine(err.message), exitCode: err.exitCode, stack: debug ? err.stack : void 0 };
  }
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split("\n").find((l) => l.trim() !== "") ?? "unknown error";
  return {
    line: errorLine(`internal error: ${firstLine}`),
    exitCode: EXIT.failure,
    stack: debug && err instanceof Error ? err.stack : void 0
  };
}
var CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
function piece(ch, quote) {
  if (CONTROL_RE.test(ch)) {
    if (ch === "\n") return "\\n";
    if (ch === "\r") return "\\r";
    if (ch === "	") return "\\t";
    const c = ch.charCodeAt(0);
    return c <= 255 ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return quote && (ch === "\\" || ch === '"') ? `\\${ch}` : ch;
}
function head(text, max, quote) {
  let out = "";
  for (const ch of text) {
    const p = piece(ch, quote);
    if (out.length + p.length > max) return { text: out, cut: true };
    out += p;
  }
  return { text: out, cut: false };
}
function tail(text, max) {
  const chars = [...text.slice(-2 * max)];
  let out = "";
  for (let i = chars.length - 1; i >= 0; i--) {
    const p = piece(chars[i], false);
    if (out.length + p.length > max) break;
    out = p + out;
  }
  return out;
}
function visible(text, max = Number.POSITIVE_INFINITY) {
  const h = head(text, max, false);
  return h.cut ? `${h.text}\u2026` : h.text;
}
function shown(value, max = 40) {
  const h = head(value, max, true);
  return `"${h.text}${h.cut ? "\u2026" : ""}"`;
}
var ERROR_LINE_MAX = 1200;
function errorLine(message) {
  const end = Math.floor(ERROR_LINE_MAX / 3);
  const h = head(message, ERROR_LINE_MAX, false);
  if (!h.cut) return h.text;
  return `${head(message, ERROR_LINE_MAX - end - 1, false).text}\u2026${tail(message, end)}`;
}
var ORIGINAL_FLAGS = {
  start: {
    "-w": "use --wait",
    "--fast": "use -m <model>"
  }
};
function unknownOptionLine(flag, command, suggestion, elsewhere) {
  const name = flag.replace(/=.*$/s, "");
  const head2 = `unknown option '${name}'`;
  const original = command === null ? void 0 : ORIGINAL_FLAGS[command]?.[name];
  if (original) return `${head2} (${original})`;
  if (suggestion) return `${head2} (did you mean ${suggestion}?)`;
  if (command !== null && elsewhere.length) return `${head2} for ${command} (an option of ${elsewhere.join(", ")})`;
  return head2;
}

export {
  EXIT,
  AgentError,
  UsageError,
  NotFoundError,
  CorruptRecordError,
  STATE_ROOT_CODES,
  StateRootError,
  TimeoutError,
  describeError,
  visible,
  shown,
  errorLine,
  unknownOptionLine
};
