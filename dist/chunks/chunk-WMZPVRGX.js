import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UsageError
} from "./chunk-4XPRIXJ7.js";

// src/prompt/compose.ts
function fenceFor(text) {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}
function mapSection(map) {
  return `## Codebase map (${map.path})

${map.text.trimEnd()}`;
}
function fileSection(file) {
  const fence = fenceFor(file.text);
  const body = file.text.endsWith("\n") || file.text === "" ? file.text : `${file.text}
`;
  return `## File: ${file.path}

${fence}
${body}${fence}`;
}
function composePrompt(task, map, files) {
  const added = [...map ? [mapSection(map)] : [], ...files.map(fileSection)];
  if (added.length === 0) return task;
  const intro = files.length > 0 ? map ? "Context: the codebase map and the attached files." : "Context: the attached files." : "Context: the codebase map.";
  return [task.trimEnd(), "---", intro, ...added].join("\n\n");
}
var TOKEN_ESTIMATE_RULE = "about 4 characters a token";
function countChars(text) {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
function estimateTokens(text) {
  return Math.ceil(countChars(text) / 4);
}

// src/prompt/message-limit.ts
function assertFitsAgent(text, maxChars, what, agent) {
  if (maxChars === void 0 || text.length <= maxChars) return;
  const n = countChars(text);
  if (n > maxChars) throw new UsageError(`${what} is ${n} characters; ${agent} takes at most ${maxChars} in one message (split the work, or attach less)`);
}

// src/prompt/tui-text.ts
var UNTYPABLE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
function firstUntypable(text) {
  const at = text.search(UNTYPABLE_RE);
  if (at < 0) return null;
  return { offset: [...text.slice(0, at)].length, char: text[at] };
}
var NAMES = {
  "\0": "NUL",
  "\x07": "BEL",
  "\b": "backspace",
  "\v": "vertical tab",
  "\f": "form feed",
  "\r": "carriage return",
  "\x1B": "ESC",
  "\x7F": "DEL"
};
function nameOf(ch) {
  const c = ch.charCodeAt(0);
  const esc = ch === "\r" ? "\\r" : `\\x${c.toString(16).padStart(2, "0")}`;
  const name = NAMES[ch];
  return name ? `${name} (${esc})` : `control character ${esc}`;
}
function assertTuiText(text, what, agent) {
  const u = firstUntypable(text);
  if (!u) return;
  const effect = u.char === "\r" ? "would become a newline" : "would be dropped";
  throw new UsageError(
    `${what} cannot reach an interactive ${agent} exactly: ${nameOf(u.char)} at character ${u.offset} ${effect}. Interactive jobs take text with tabs and newlines only (use \\n line ends; exec jobs take any text); nothing was started or sent`
  );
}

export {
  composePrompt,
  TOKEN_ESTIMATE_RULE,
  estimateTokens,
  assertFitsAgent,
  assertTuiText
};
