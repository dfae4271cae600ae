import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/util/child-env.ts
function childEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== void 0 && k !== "TMUX" && k !== "TMUX_PANE") out[k] = v;
  }
  return out;
}

export {
  childEnv
};
