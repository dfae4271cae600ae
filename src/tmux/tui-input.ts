// Typing into a TUI running in tmux. Text goes in as one bracketed paste (byte-exact at any length:
// quotes, $, backticks, newlines, unicode), then Enter as a key of its own.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/private-fs.js';
import { sleep } from '../util/sleep.js';
import type { Tmux } from './tmux.js';

/** Lets the TUI finish taking the paste before Enter arrives, so Enter submits instead of adding a line. */
const SETTLE_MS = 150;

/**
 * Pure: extra time a TUI may need to take in a paste of this size before it shows or records it
 * (about 2 s for 1 MB measured; 5 s per 256 KiB leaves room for a loaded machine).
 */
export function pasteAllowanceMs(text: string): number {
  return Math.ceil(Buffer.byteLength(text) / (256 * 1024)) * 5_000;
}

export async function pasteText(tmux: Tmux, session: string, text: string, scratchDir: string): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const file = join(scratchDir, `.paste-${tag}.txt`);
  writeFileAtomic(file, text);
  try {
    const buffer = `codex-agent-${tag}`;
    await tmux.loadBuffer(buffer, file);
    await tmux.pasteBuffer(buffer, session, { bracketed: true, deleteAfter: true });
  } finally {
    rmSync(file, { force: true });
  }
  await sleep(SETTLE_MS);
}

/**
 * Pastes the text so that the next Enter submits it: `keysAfter` are what the agent's composer
 * needs first (the provider says; Codex: a space that closes a mention picker).
 */
export async function pasteForSubmit(tmux: Tmux, session: string, text: string, scratchDir: string, keysAfter: string[] = []): Promise<void> {
  await pasteText(tmux, session, text, scratchDir);
  if (keysAfter.length > 0) {
    await tmux.sendKeys(session, keysAfter);
    await sleep(SETTLE_MS);
  }
}

export async function submitText(tmux: Tmux, session: string, text: string, scratchDir: string, keysAfter: string[] = []): Promise<void> {
  await pasteForSubmit(tmux, session, text, scratchDir, keysAfter);
  await tmux.sendKeys(session, ['Enter']);
}
