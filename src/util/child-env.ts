// The environment handed to a job's processes: ours, minus tmux's markers of the caller's pane
// (Codex must not think it is nested in the caller's tmux).
export function childEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && k !== 'TMUX' && k !== 'TMUX_PANE') out[k] = v;
  }
  return out;
}
