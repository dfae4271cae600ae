import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/util/last-lines.ts
function lastLines(screen, n) {
  return screen.split("\n").filter((l) => l.trim() !== "").slice(-n).join(" | ");
}

export {
  lastLines
};
