// `jobs`: the army at a glance. Active jobs always, then the most recent finished ones.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { reconcile } from '../jobs/reconcile.js';
import { formatDuration, jobView, type JobView } from '../jobs/view.js';
import { emit, intArg } from './shared.js';

export interface JobsPayload {
  generated_at: string;
  jobs: JobView[];
  corrupt?: { id: string; error: string }[];
}

export function registerJobs(program: Command, ctx: () => Context): void {
  program
    .command('jobs')
    .description('list jobs: every active one, then recent finished ones up to --limit in all')
    .option('--all', 'list every job on record')
    .option('--limit <n>', 'jobs to list at most, active ones always included (default 20, config list_limit)', intArg(1, 10_000))
    .option('--json', 'print JSON')
    .action((opts: { all?: boolean; limit?: number; json?: boolean }) => {
      const c = ctx();
      const listed = c.store.list({ limit: opts.limit ?? c.config.defaults.listLimit, all: opts.all });
      const now = Date.now();
      const payload: JobsPayload = {
        generated_at: new Date(now).toISOString(),
        jobs: listed.records.map((r) => jobView(reconcile(c.store, r), now)),
      };
      if (listed.corrupt.length) payload.corrupt = listed.corrupt;
      emit(opts.json, payload, renderJobs);
      for (const bad of listed.corrupt) process.stderr.write(`codex-agent: ${bad.error}\n`);
    });
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
