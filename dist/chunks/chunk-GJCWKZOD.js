import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/vocabulary.ts
var SANDBOXES = ["read-only", "workspace-write", "danger-full-access"];
var REASONING = ["low", "medium", "high", "xhigh"];
var DEFAULT_PROVIDER = "codex";

export {
  SANDBOXES,
  REASONING,
  DEFAULT_PROVIDER
};
