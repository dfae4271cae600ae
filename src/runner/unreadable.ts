// A runner whose job record became unreadable under it (overwritten, truncated, deleted): it
// never writes over what is there (a corrupt record is reported, never replaced), stops the
// agent (the caller does that first), and says why where people look: the pane and pane.log.
import type { Layout } from '../store/layout.js';
import { writeFileAtomic } from '../store/private-fs.js';
import type { RecordWriter } from './record-writer.js';

export function unreadableRecord(layout: Layout, id: string, err: Error, writer: RecordWriter, say: (line: string) => void): void {
  const known = writer.known();
  let saved: string | null = null;
  if (known) {
    try {
      saved = layout.runnerViewPath(id);
      writeFileAtomic(saved, `${JSON.stringify(known, null, 2)}\n`);
    } catch {
      saved = null;
    }
  }
  say(
    `codex-agent: the runner of job ${id} stops: ${err.message}. The agent was stopped and nothing was written over the record` +
      `${saved ? `; what the runner last knew of the job is in ${saved}` : ''}. status and jobs report the job as corrupt until its record is restored or the job is deleted.`,
  );
}
