// `jobs`: the army at a glance. Active jobs always, then the most recent finished ones.
import { checkSessionId } from '../config.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { reconcileAll } from '../jobs/reconcile.js';
import { formatDuration, jobListEntry, type JobListEntry } from '../jobs/view.js';
import { oneLine } from '../util/one-line.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

export interface JobsPayload {
  generated_at: string;
  jobs: JobListEntry[];
  corrupt?: { id: string; error: string }[];
}

/** `jobs`. */
export async function jobsCommand(
  ctx: () => Context,
  opts: { all?: boolean; limit?: number; json?: boolean; mine?: boolean; parentSession?: string; parent?: string },
): Promise<void> {
  const c = ctx();
  const session = generalOf(c, opts);
  const listed = c.store.list({
    limit: opts.limit ?? c.config.defaults.listLimit,
    all: opts.all,
    filter: session === undefined ? undefined : (r) => r.parent_session === session,
  });
  const now = Date.now();
  const records = await reconcileAll(c, listed.records);
  const payload: JobsPayload = {
    generated_at: new Date(now).toISOString(),
    jobs: records.map((r) => jobListEntry(r, now)),
  };
  if (listed.corrupt.length) payload.corrupt = listed.corrupt;
  // The table names each job's task too, for people; the JSON leaves it out (the general wrote it).
  const tasks = new Map(records.map((r) => [r.id, r.prompt_head]));
  emit(opts.json, payload, (p) => renderJobs(p, tasks));
  for (const bad of listed.corrupt) process.stderr.write(`codex-agent: ${bad.error}\n`);
}

/** The session to filter by: --parent-session (or --parent), or with --mine the one the hook exported. */
export function generalOf(c: Context, opts: { mine?: boolean; parentSession?: string; parent?: string }): string | undefined {
  if (opts.parentSession !== undefined && opts.parent !== undefined && opts.parentSession !== opts.parent) {
    throw new UsageError('--parent and --parent-session name different sessions; give one');
  }
  const given = opts.parentSession ?? opts.parent;
  if (given !== undefined) {
    return checkSessionId(given, opts.parentSession !== undefined ? '--parent-session' : '--parent');
  }
  if (!opts.mine) return undefined;
  if (!c.config.parentSession) {
    throw new UsageError('--mine needs CODEX_AGENT_PARENT_SESSION (the plugin\'s SessionStart hook sets it), or --parent-session <id>');
  }
  return c.config.parentSession;
}

/** Shown for a job no Claude session started, in the GENERAL column. */
const NO_GENERAL = '-';

export function renderJobs(p: JobsPayload, tasks: ReadonlyMap<string, string> = new Map()): string {
  if (p.jobs.length === 0) return 'No jobs. Start one with: codex-agent start "<task>"';
  // Whose job is whose matters only when more than one general (or none and some) is listed.
  const generals = new Set(p.jobs.map((j) => j.parent_session));
  const width = generals.size > 1 ? Math.max('GENERAL'.length, ...p.jobs.map((j) => (j.parent_session ?? NO_GENERAL).length)) : 0;
  const rows = p.jobs.map((j) => {
    const general = width ? `${(j.parent_session ?? NO_GENERAL).padEnd(width)}  ` : '';
    const files = j.files_modified.length ? ` · ${j.files_modified.length} file(s)` : '';
    const tail = j.error ? ` · ${oneLine(j.error, 60)}` : j.summary ? ` · ${oneLine(j.summary, 60)}` : '';
    const task = oneLine(tasks.get(j.id) ?? '', 50);
    return `${j.id}  ${general}${j.status.padEnd(9)} ${j.turn_state.padEnd(13)} ${formatDuration(j.elapsed_ms).padStart(7)}  ${task}${files}${tail}`;
  });
  const header = `${'ID'.padEnd(8)}  ${width ? `${'GENERAL'.padEnd(width)}  ` : ''}${'STATUS'.padEnd(9)} ${'TURN'.padEnd(13)} ${'ELAPSED'.padStart(7)}  TASK`;
  return [header, ...rows].join('\n');
}
