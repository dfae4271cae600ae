// replayText: what a new runner shows again of the dead pane it is respawned in.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayText } from '../../src/jobs/launch.js';
import { Tmux } from '../../src/tmux/tmux.js';
import { waitFor } from '../../src/util/wait.js';

describe('replayText (pure)', () => {
  it.each<[string, string, string]>([
    ['nothing on screen', '', ''],
    ['only blank lines', '\n\n   \n\n', ''],
    ['only tmux’s dead line', 'Pane is dead (status 0, Sun Nov 29 16:09:03 2026)\n', ''],
    [
      'what ran, blank lines, then tmux’s dead line',
      'codex-agent job abcd1234 · exec\n▶ turn 1: hi\n✓ turn 1 done\n\n\n\nPane is dead (status 0, Sun Nov 29 16:09:03 2026)\n',
      'codex-agent job abcd1234 · exec\n▶ turn 1: hi\n✓ turn 1 done\n',
    ],
    ['a dead line in colour', 'done\n\x1b[1m\x1b[31mPane is dead (signal 9, Sun Nov 29 16:09:03 2026)\x1b[0m\n\n', 'done\n'],
    ['colours of what ran are kept', '\x1b[31mtwo\n\x1b[39mthree\n\nPane is dead (status 3, Sun Nov 29 16:09:03 2026)\n', '\x1b[31mtwo\n\x1b[39mthree\n'],
    ['a dead line in the middle is what ran, and stays', 'Pane is dead (earlier)\nmore\n', 'Pane is dead (earlier)\nmore\n'],
    ['trailing blanks without a dead line', 'a\n  b\n\n \n', 'a\n  b\n'],
    ['no final newline', 'a\nb', 'a\nb\n'],
    ['leading blank lines stay', '\n\na\n', '\n\na\n'],
    ['two dead lines at the end (respawned twice)', 'a\nPane is dead (status 1, x)\n\nPane is dead (status 1, y)\n', 'a\n'],
    ['text that only starts like it stays', 'Pane is deadline\n', 'Pane is deadline\n'],
  ])('%s', (_name, captured, expected) => {
    expect(replayText(captured)).toBe(expected);
  });
});

describe('replayText of a real dead pane', () => {
  const socket = `ca-replay-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
  const tmux = new Tmux({ socket });
  afterAll(async () => {
    await tmux.killServer().catch(() => false);
    // tmux leaves its socket file behind after kill-server.
    rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket), { force: true });
  });

  it('drops what tmux adds and keeps what the program printed', async () => {
    await tmux.newSession('keeper', { cwd: tmpdir(), argv: ['sleep', '3600'] });
    await tmux.newSession('job', { cwd: tmpdir(), argv: ['sh', '-c', "printf 'one\\n\\033[31mtwo\\033[0m\\nthree\\n'; exit 3"], remainOnExit: true, height: 10 });
    let nudges = 0;
    const captured = await waitFor(async () => {
      const pane = (await tmux.panes())?.get('job');
      if (pane?.kind !== 'dead') return undefined;
      const text = await tmux.capturePane('job', { ansi: true });
      if (/Pane is dead/.test(text)) return text;
      // tmux 3.3 was seen to hold a dead pane's status (and its dead line) until another child exits.
      await tmux.newSession(`nudge-${++nudges}`, { cwd: tmpdir(), argv: ['sh', '-c', 'exit 0'] });
      return undefined;
    }, { timeoutMs: 15_000, label: 'the dead pane', describe: () => tmux.capturePane('job', { ansi: true }) });
    const replay = replayText(captured);
    expect(replay).not.toMatch(/Pane is dead/);
    expect(replay).toMatch(/three\n$/);
    expect(replay).toContain('\x1b[31mtwo');
    // tmux scrolls one line to write its dead line: the first line went to the scrollback, which
    // respawn-pane keeps, so replaying the visible rest shows each line once.
    expect(replay).not.toContain('one');
    expect(await tmux.capturePane('job', { lines: 20 })).toMatch(/^one\n/);
  });
});
