import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/jobs/quit.ts
function isQuitMessage(text) {
  return /^\/(quit|exit)$/.test(text.trim());
}

export {
  isQuitMessage
};
