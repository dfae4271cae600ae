// Resolves on the next change in a folder, or after `ms` at the latest: event-driven waits with a
// slow poll behind them for filesystems where fs.watch says nothing.
import { watch, type FSWatcher } from 'node:fs';

export function waitForDirChange(dir: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let watcher: FSWatcher | undefined;
    const done = (): void => {
      clearTimeout(timer);
      watcher?.close();
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    try {
      watcher = watch(dir, { persistent: true }, done);
      watcher.on('error', () => undefined);
    } catch {
      // Folder gone or watching unsupported: the timer alone paces the caller.
    }
  });
}
