// `jobs`: the army at a glance. Active jobs always, then the most recent finished ones.
import { checkSessionId } from '../config.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { reconcileAll } from '../jobs/reconcile.js';
import { formatDuration, jobView, type JobView } from '../jobs/view.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

export interface JobsPayload {
  generated_at: string;
  jobs: JobView[];
  corrupt?: { id: string; error: string }[];
}

/** `jobs`. */
export async function jobsCommand(ctx: () => Context, opts: { all?: boolean; limit?: number; json?: boolean; mine?: boolean; parentSession?: string }): Promise<void> {
  const c = ctx();
  const session = generalOf(c, opts);
  const listed = c.store.list({
    limit: opts.limit ?? c.config.defaults.listLimit,
    all: opts.all,
    filter: session === undefined ? undefined : (r) => r.parent_session === session,
  });
  const now = Date.now();
  const payload: JobsPayload = {
    generated_at: new Date(now).toISOString(),
    jobs: (await reconcileAll(c, listed.records)).map((r) => jobView(r, now)),
  };
  if (listed.corrupt.length) payload.corrupt = listed.corrupt;
  emit(opts.json, payload, renderJobs);
  for (const bad of listed.corrupt) process.stderr.write(`codex-agent: ${bad.error}\n`);
}

/** The session to filter by: --parent-session, or with --mine the one the hook exported. */
export function generalOf(c: Context, opts: { mine?: boolean; parentSession?: string }): string | undefined {
  if (opts.parentSession !== undefined) {
    return checkSessionId(opts.parentSession, '--parent-session');
  }
  if (!opts.mine) return undefined;
  if (!c.config.parentSession) {
    throw new UsageError('--mine needs CODEX_AGENT_PARENT_SESSION (the plugin\'s SessionStart hook sets it), or --parent-session <id>');
  }
  return c.config.parentSession;
}

function renderJobs(p: JobsPayload): string {
  if (p.jobs.length === 0) return 'No jobs. Start one with: codex-agent start "<task>"';
  const rows = p.jobs.map((j) => {
    const files = j.files_modified.length ? ` · ${j.files_modified.length} file(s)` : '';
    const tail = j.error ? ` · ${j.error.slice(0, 60)}` : j.summary ? ` · ${j.summary.replace(/\s+/g, ' ').slice(0, 60)}` : '';
    return `${j.id}  ${j.status.padEnd(9)} ${j.turn_state.padEnd(13)} ${formatDuration(j.elapsed_ms).padStart(7)}  ${j.prompt.replace(/\s+/g, ' ').slice(0, 50)}${files}${tail}`;
  });
  return rows.join('\n');
}
