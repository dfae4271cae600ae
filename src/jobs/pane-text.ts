// Reading a job's screen output: live from tmux while the session lives, else from pane.log.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Context } from '../context.js';
import type { JobRecord } from '../store/record.js';
import { getProvider } from '../providers/index.js';
import { cleanPaneText } from '../util/ansi.js';

export function readPaneLog(c: Context, id: string, fromByte = 0): { text: string; size: number } {
  let fd: number;
  try {
    fd = openSync(c.store.layout.paneLog(id), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', size: 0 };
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    const len = Math.max(0, size - fromByte);
    const buf = Buffer.alloc(len);
    if (len) readSync(fd, buf, 0, len, fromByte);
    return { text: buf.toString('utf8'), size };
  } finally {
    closeSync(fd);
  }
}

/** --clean: no ANSI, and for interactive jobs none of the agent's screen chrome either. */
export async function cleanText(r: JobRecord, text: string): Promise<string> {
  const plain = cleanPaneText(text);
  return r.mode === 'interactive' ? (await getProvider(r.provider)).screen.clean(plain) : plain;
}

export async function captureLines(c: Context, r: JobRecord, lines: number, clean: boolean): Promise<{ source: 'tmux' | 'log'; text: string }> {
  let source: 'tmux' | 'log' = 'log';
  let text: string;
  if (await c.tmux.hasSession(r.tmux_session)) {
    source = 'tmux';
    text = await c.tmux.capturePane(r.tmux_session, { lines, ansi: !clean });
  } else {
    text = readPaneLog(c, r.id).text;
  }
  if (clean) text = await cleanText(r, text);
  const all = text.replace(/\n+$/, '').split('\n');
  return { source, text: all.slice(-lines).join('\n') };
}
