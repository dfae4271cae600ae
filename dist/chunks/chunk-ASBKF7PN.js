import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  JobStore
} from "./chunk-YNL5WG5H.js";
import {
  Tmux,
  loadConfig
} from "./chunk-4MN46AMV.js";

// src/context.ts
function createContext(env = process.env) {
  const config = loadConfig(env);
  return { config, store: new JobStore(config.home), tmux: new Tmux({ socket: config.tmuxSocket }), env };
}
function sessionName(id) {
  return `codex-agent-${id}`;
}

export {
  createContext,
  sessionName
};
