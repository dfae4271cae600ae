// The product's own words for what a job runs with: every provider maps them to its CLI's flags.
// A module of its own, with no imports, so the command tree can name them without loading more.

export const SANDBOXES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export type Sandbox = (typeof SANDBOXES)[number];
export const REASONING = ['low', 'medium', 'high', 'xhigh'] as const;
export type Reasoning = (typeof REASONING)[number];
/** The agent CLI a job runs when `start` names none. */
export const DEFAULT_PROVIDER = 'codex';
