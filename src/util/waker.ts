// Wakes a waiting loop when a watched file or folder changes. The watchers stay open between
// waits and remember a change that came while nobody waited, so no change is ever missed between
// a read and the next wait; the bound on each wait is the slow poll behind it for filesystems
// where watching says nothing.
import { watch, type FSWatcher } from 'node:fs';

export class Waker {
  private readonly watchers: FSWatcher[] = [];
  private readonly watched = new Set<string>();
  private changed = false;
  private wake: (() => void) | null = null;

  constructor(paths: string[] = []) {
    for (const p of paths) this.watch(p);
  }

  /** Starts watching a path; a path that cannot be watched leaves the poll to pace the waits. */
  watch(path: string): void {
    if (this.watched.has(path)) return;
    this.watched.add(path);
    try {
      const w = watch(path, { persistent: false }, () => this.poke());
      w.on('error', () => undefined);
      this.watchers.push(w);
    } catch {
      // Gone or unwatchable.
    }
  }

  poke(): void {
    this.changed = true;
    this.wake?.();
  }

  /** Resolves on the next change (at once if one came since the last wait), or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        this.changed = false;
        resolve();
      };
      // The watchers are not persistent: this timer keeps the process waiting, and bounds it.
      const timer = setTimeout(done, Math.max(0, ms));
      this.wake = done;
    });
  }

  close(): void {
    for (const w of this.watchers.splice(0)) w.close();
    this.watched.clear();
    this.wake?.();
  }
}
