// The log an agent's hooks append to (through `__notify <id>` with the payload on stdin), one JSON
// line per hook call, in the job's folder: the provider's follower reads it with the session record.
export const HOOK_LOG = 'agent-hooks.jsonl';
