// Small tmpfs mounts for tests of a full or read-only state root. Mounting needs root on Linux:
// `tmpfsProbe` says whether it works here, and why not, so a test can skip with the reason.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let probed: { ok: boolean; why: string } | undefined;

/** Whether this process can mount a tmpfs, and if not, why (checked once, by really mounting one). */
export function tmpfsProbe(): { ok: boolean; why: string } {
  if (probed) return probed;
  if (process.platform !== 'linux') return (probed = { ok: false, why: `tmpfs mounts need Linux (this is ${process.platform})` });
  if (process.getuid?.() !== 0) return (probed = { ok: false, why: 'tmpfs mounts need root' });
  const dir = mkdtempSync(join(tmpdir(), 'ca-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    probed = { ok: true, why: '' };
  } catch (err) {
    probed = { ok: false, why: `mount -t tmpfs failed: ${String((err as { stderr?: Buffer }).stderr ?? err).trim().split('\n')[0]}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return probed;
}

/** A tmpfs of `size` (tmpfs syntax: 64k, 4m) mounted on `dir` (created), private. */
export class Tmpfs {
  private mounted = false;
  constructor(
    readonly dir: string,
    size: string,
  ) {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    this.mounted = true;
  }

  readOnly(): void {
    execFileSync('mount', ['-o', 'remount,ro', this.dir], { stdio: 'pipe' });
  }

  writable(): void {
    execFileSync('mount', ['-o', 'remount,rw', this.dir], { stdio: 'pipe' });
  }

  /** Fills it to the last byte with one file, `filler`; `free()` removes it. */
  fill(): void {
    const fd = openSync(this.fillerPath, 'a');
    try {
      for (const size of [64 * 1024, 512, 1]) {
        const chunk = Buffer.alloc(size, 0x61);
        try {
          for (;;) writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  free(): void {
    rmSync(this.fillerPath, { force: true });
  }

  get fillerPath(): string {
    return join(this.dir, 'filler');
  }

  /** Writable, empty of the filler, unmounted. Safe to call twice. */
  dispose(): void {
    if (!this.mounted) return;
    try {
      this.writable();
    } catch {
      // Not read-only.
    }
    this.free();
    try {
      execFileSync('umount', [this.dir], { stdio: 'pipe' });
    } catch {
      // Busy a moment longer (a process still closing a file in it): detach it now, gone when free.
      execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
    }
    this.mounted = false;
  }
}
