// Where everything lives under the state root. Paths are only ever built from validated ids.
import { join } from 'node:path';
import { isJobId } from './ids.js';
import { registerStateRoot } from './state-root.js';

/** A job folder being built under this name prefix is renamed into place whole (never a job id, so never listed). */
export const CREATING_PREFIX = '.creating-';

export class Layout {
  constructor(readonly home: string) {
    registerStateRoot(home);
  }

  get jobsDir(): string {
    return join(this.home, 'jobs');
  }
  get indexDir(): string {
    return join(this.home, 'index');
  }
  get activeDir(): string {
    return join(this.indexDir, 'active');
  }
  get historyLog(): string {
    return join(this.indexDir, 'history.log');
  }
  get indexLock(): string {
    return join(this.indexDir, '.lock');
  }

  jobDir(id: string): string {
    if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join(this.jobsDir, id);
  }
  /** Where a new job's folder is built before it is renamed into place; `tag` keeps two creators apart. */
  creatingDir(id: string, tag: string): string {
    if (!isJobId(id) || !/^[0-9a-z-]{1,40}$/.test(tag)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join(this.jobsDir, `${CREATING_PREFIX}${id}-${tag}`);
  }
  /** What the runner last knew, saved when it found the record corrupt (never written over the record). */
  runnerViewPath(id: string): string {
    return join(this.jobDir(id), 'record.runner-view.json');
  }
  recordPath(id: string): string {
    return join(this.jobDir(id), 'record.json');
  }
  lockPath(id: string): string {
    return join(this.jobDir(id), '.lock');
  }
  /** Held while typing into a job's terminal, so two senders never interleave keystrokes. */
  inputLockPath(id: string): string {
    return join(this.jobDir(id), '.input-lock');
  }
  /** Held while a runner is launched, so two senders never start two runners. */
  launchLockPath(id: string): string {
    return join(this.jobDir(id), '.launch-lock');
  }
  promptPath(id: string): string {
    return join(this.jobDir(id), 'prompt.txt');
  }
  paneLog(id: string): string {
    return join(this.jobDir(id), 'pane.log');
  }
  eventsLog(id: string): string {
    return join(this.jobDir(id), 'events.jsonl');
  }
  envPath(id: string): string {
    return join(this.jobDir(id), 'env.json');
  }
  /** What the pane showed when its runner left, printed again by the next runner in that pane. */
  replayPath(id: string): string {
    return join(this.jobDir(id), 'replay.txt');
  }
  /** The user's `--notify-on-complete` command writes its output here. */
  notifyLog(id: string): string {
    return join(this.jobDir(id), 'notify-on-complete.log');
  }
  /**
   * The last finished turn, as JSON, beside the job's folder (not in it) so a script can check one
   * path without a process; never taken for a job (not an id), removed with the job.
   */
  turnSignalPath(id: string): string {
    if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join(this.jobsDir, `${id}.turn-complete`);
  }
  queueDir(id: string): string {
    return join(this.jobDir(id), 'queue');
  }
  activeMarker(id: string): string {
    if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join(this.activeDir, id);
  }
}
