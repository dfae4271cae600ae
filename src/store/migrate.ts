// Pure: a record as an earlier version wrote it, brought to the current shape before validation.
type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Version 1 kept bare pids, knew only Codex (`codex_bin`), and said `ended` for an exec job whose
 * runner had merely closed.
 */
function fromV1(r: Json): Json {
  const { runner_pid, codex_pid, codex_bin, ...rest } = r;
  const ref = (pid: unknown) => (typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? { pid, start: null } : null);
  const runner = ref(runner_pid);
  const agent = ref(codex_pid);
  const resumable = rest.mode === 'exec' && rest.status !== 'cancelled' && typeof rest.thread_id === 'string';
  return {
    ...rest,
    version: 2,
    provider: 'codex',
    agent_bin: codex_bin,
    agent_argv: null,
    runner,
    agent_procs: agent ? [agent] : [],
    turn_state: rest.turn_state === 'ended' && resumable ? 'idle' : rest.turn_state,
  };
}

export function migrateRecord(value: unknown): unknown {
  if (!isObject(value)) return value;
  return value.version === 1 ? fromV1(value) : value;
}
