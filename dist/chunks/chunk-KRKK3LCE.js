import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/util/ansi.ts
var STRING_SEQ = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g;
var CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*(?:[\x40-\x7e]|$)/g;
var OTHER_ESC = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
var CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
function stripAnsi(text) {
  const noEscapes = text.replace(STRING_SEQ, "").replace(CSI, "").replace(OTHER_ESC, "");
  const lines = noEscapes.replace(/\r+\n/g, "\n").split("\n");
  return lines.map((line) => {
    if (!line.includes("\r")) return line;
    const parts = line.split("\r").filter((p) => p.length > 0);
    return parts[parts.length - 1] ?? "";
  }).join("\n").replace(CONTROL, "");
}
function cleanPaneText(text) {
  const out = [];
  let blanks = 0;
  for (const raw of stripAnsi(text).split("\n")) {
    const line = raw.replace(/[ \t]+$/, "");
    blanks = line === "" ? blanks + 1 : 0;
    if (blanks <= 2) out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

export {
  cleanPaneText
};
