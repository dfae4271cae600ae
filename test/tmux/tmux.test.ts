import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidRunning } from '../../src/proc/identity.js';
import { parsePanes, Tmux, TmuxError, type PaneState } from '../../src/tmux/tmux.js';
import { waitFor } from '../../src/util/wait.js';

const socket = `test-tmux-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const tmux = new Tmux({ socket });
const node = process.execPath;
// Keeps the pane's program alive so the session stays around to be inspected.
const KEEP = 'setInterval(() => {}, 1000);';
// Characters a shell would expand or choke on.
const TRICKY = `$HOME \`echo pwned\` "dq" 'sq' ;|&* $(id)`;
let dir: string;

async function paneShows(name: string, needle: string, opts: { ansi?: boolean } = {}): Promise<string> {
  return waitFor(async () => {
    const text = await tmux.capturePane(name, opts);
    return text.includes(needle) ? text : undefined;
  }, { timeoutMs: 10_000, label: `"${needle}" in pane ${name}`, describe: () => tmux.capturePane(name, opts) });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmux-test-'));
});

afterAll(async () => {
  // tmux leaves its socket file behind after kill-server; ask it where that is first.
  const where = await execa('tmux', ['-L', socket, 'display-message', '-p', '#{socket_path}'], { reject: false });
  await execa('tmux', ['-L', socket, 'kill-server'], { reject: false });
  if (where.exitCode === 0 && where.stdout.endsWith(`/${socket}`)) await rm(where.stdout, { force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('parsePanes (pure)', () => {
  const rows = (...lines: string[]) => lines.join('\n');
  it.each<[string, string, [string, PaneState][]]>([
    ['nothing listed', '', []],
    ['a running pane', rows('0\t4242\t\t\tcodex-agent-abcd1234'), [['codex-agent-abcd1234', { kind: 'running', pid: 4242 }]]],
    ['a pane whose program exited with a status', rows('1\t4242\t3\t\tjob'), [['job', { kind: 'dead', pid: 4242, status: 3, signal: null }]]],
    ['a pane whose program was killed', rows('1\t4242\t\t9\tjob'), [['job', { kind: 'dead', pid: 4242, status: null, signal: 9 }]]],
    ['a dead pane tmux knows nothing more about', rows('1\t4242\t\t\tjob'), [['job', { kind: 'dead', pid: 4242, status: null, signal: null }]]],
    [
      'the first pane of a session counts',
      rows('0\t100\t\t\tjob', '1\t101\t0\t\tjob', '0\t200\t\t\tother'),
      [
        ['job', { kind: 'running', pid: 100 }],
        ['other', { kind: 'running', pid: 200 }],
      ],
    ],
    ['a session name with tabs and spaces', rows('0\t77\t\t\tmy\tsession name'), [['my\tsession name', { kind: 'running', pid: 77 }]]],
    ['a trailing newline', '0\t77\t\t\tjob\n', [['job', { kind: 'running', pid: 77 }]]],
    ['junk lines are skipped', rows('no server running on /tmp/x', '2\t77\t\t\tjob', '0\tabc\t\t\tjob', '0\t88\t\t\tok'), [['ok', { kind: 'running', pid: 88 }]]],
  ])('%s', (_name, stdout, expected) => {
    expect([...parsePanes(stdout).entries()]).toEqual(expected);
  });
});

describe('Tmux', () => {
  it('reports its version, and null when the binary is missing', async () => {
    expect(await tmux.version()).toMatch(/\d+\.\d+/);
    expect(await new Tmux({ bin: 'definitely-not-tmux-xyz' }).version()).toBeNull();
  });

  it('lists no sessions and finds nothing when no server runs on the socket', async () => {
    const empty = new Tmux({ socket: `${socket}-none` });
    expect(await empty.listSessions()).toEqual([]);
    expect(await empty.hasSession('nope')).toBe(false);
    expect(await empty.killSession('nope')).toBe(false);
    expect(await empty.panePid('nope')).toBeNull();
  });

  it('validates names before running tmux', async () => {
    // With a missing binary, a late check would surface as "not found" instead.
    const t = new Tmux({ bin: 'definitely-not-tmux-xyz' });
    for (const bad of ['', 'a b', 'a:b', 'a.b', '../x', '=x', 'x'.repeat(65)]) {
      await expect(t.hasSession(bad)).rejects.toThrow(/invalid tmux session name/);
    }
    await expect(t.newSession('ok', { cwd: dir, argv: [node] })).rejects.toThrow(TmuxError);
    expect(() => new Tmux({ socket: '../evil' })).toThrow(/invalid tmux socket name/);
    await expect(tmux.loadBuffer('b', 'relative.txt')).rejects.toThrow(/absolute/);
  });

  it('runs argv without a shell and passes env with the session, not the server', async () => {
    expect(process.env.CA_TMUX_TEST).toBeUndefined();
    const code = `console.log('ARG:' + process.argv[1]); console.log('ARGS:' + JSON.stringify(process.argv.slice(2)));
      console.log('ENV:' + process.env.CA_TMUX_TEST + ':' + process.cwd()); ${KEEP}`;
    // tmux would read a trailing ';' in any argument as a command separator.
    const semis = ['semi;', 'back\\;', ';'];
    await tmux.newSession('env-a', { cwd: dir, argv: [node, '-e', code, TRICKY, ...semis], env: { CA_TMUX_TEST: 'first $x;' } });
    // The server now exists with our environment; a second session must still get its own value.
    await tmux.newSession('env-b', { cwd: dir, argv: [node, '-e', code, TRICKY], env: { CA_TMUX_TEST: 'second' } });
    const a = await paneShows('env-a', 'ENV:');
    expect(a).toContain(`ARG:${TRICKY}`);
    expect(a).toContain(`ARGS:${JSON.stringify(semis)}`);
    expect(a).toContain(`ENV:first $x;:${dir}`);
    expect(await paneShows('env-b', 'ENV:')).toContain(`ENV:second:${dir}`);
  });

  it('passes env through env(1) on tmux older than 3.2', async () => {
    class OldTmux extends Tmux {
      override async version(): Promise<string | null> {
        return '3.1c';
      }
    }
    const old = new OldTmux({ socket });
    const code = `console.log('OLD:' + process.env.CA_TMUX_TEST + '|' + process.argv[1]); ${KEEP}`;
    await old.newSession('old-env', { cwd: dir, argv: [node, '-e', code, TRICKY], env: { CA_TMUX_TEST: 'legacy' } });
    expect(await paneShows('old-env', 'OLD:')).toContain(`OLD:legacy|${TRICKY}`);
  });

  it('does not hand a single-element argv to a shell', async () => {
    // Through `sh -c` this would run sleep and keep the session alive.
    await tmux.newSession('single', { cwd: dir, argv: ['sleep 30'] });
    await waitFor(async () => !(await tmux.hasSession('single')), {
      timeoutMs: 5000,
      label: 'session "single" to end',
      describe: async () => `hasSession=${await tmux.hasSession('single')}`,
    });
  });

  it('rejects a missing cwd instead of letting tmux fall back silently', async () => {
    await expect(tmux.newSession('nocwd', { cwd: join(dir, 'missing'), argv: [node] })).rejects.toThrow(/not a directory/);
    expect(await tmux.hasSession('nocwd')).toBe(false);
  });

  it('surfaces tmux failures as TmuxError with stderr', async () => {
    await tmux.newSession('dup', { cwd: dir, argv: [node, '-e', KEEP] });
    const err = await tmux.newSession('dup', { cwd: dir, argv: [node, '-e', KEEP] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmuxError);
    expect((err as TmuxError).stderr).toMatch(/duplicate session/);
    expect((err as TmuxError).cause).toBeDefined();
    await expect(tmux.capturePane('no-such')).rejects.toThrow(TmuxError);
  });

  it('captures with and without escapes and with scrollback', async () => {
    const code = `for (let i = 1; i <= 60; i++) console.log('LINE' + i); console.log('\\x1b[31mRED\\x1b[0m'); ${KEEP}`;
    await tmux.newSession('cap', { cwd: dir, argv: [node, '-e', code], height: 10 });
    const plain = await paneShows('cap', 'RED');
    expect(plain).not.toContain('\x1b[');
    expect(plain).not.toContain('LINE1\n');
    expect(await tmux.capturePane('cap', { ansi: true })).toMatch(/\x1b\[[0-9;]*31m/);
    expect(await tmux.capturePane('cap', { lines: 200 })).toContain('LINE1\n');
  });

  it('matches session names exactly, not by prefix', async () => {
    await tmux.newSession('prefix-long', { cwd: dir, argv: [node, '-e', KEEP] });
    expect(await tmux.hasSession('prefix-long')).toBe(true);
    expect(await tmux.hasSession('prefix')).toBe(false);
    expect(await tmux.panePid('prefix')).toBeNull();
    expect(await tmux.killSession('prefix')).toBe(false);
    expect(await tmux.hasSession('prefix-long')).toBe(true);
  });

  it('lists sessions, gives a live pane pid and kills sessions', async () => {
    const before = Date.now();
    await tmux.newSession('life', { cwd: dir, argv: [node, '-e', KEEP] });
    const info = (await tmux.listSessions()).find((s) => s.name === 'life');
    expect(info).toBeDefined();
    expect(info!.attached).toBe(false);
    expect(info!.createdAt.getTime()).toBeGreaterThan(before - 2000);
    expect(info!.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    const pid = await tmux.panePid('life');
    expect(pid).toBeGreaterThan(1);
    expect(pidRunning(pid!)).toBe(true);

    expect(await tmux.killSession('life')).toBe(true);
    expect(await tmux.hasSession('life')).toBe(false);
    expect(await tmux.killSession('life')).toBe(false);
    expect((await tmux.listSessions()).map((s) => s.name)).not.toContain('life');
    await waitFor(() => !pidRunning(pid!), { timeoutMs: 5000, label: 'pane process exit', describe: () => `pid ${pid}` });
  });

  it('sends keys and pastes buffers with bracketed paste', async () => {
    // Raw mode so Enter/Escape and the paste markers reach the program verbatim.
    const code = `process.stdout.write('\\x1b[?2004h'); process.stdin.setRawMode(true); let all = '';
      process.stdin.on('data', (d) => { all += d; console.log('GOT:' + JSON.stringify(all)); }); console.log('READY');`;
    await tmux.newSession('keys', { cwd: dir, argv: [node, '-e', code] });
    await paneShows('keys', 'READY');
    await tmux.sendKeys('keys', ['x', 'Escape', 'Enter']);
    await paneShows('keys', String.raw`GOT:"x\u001b\r"`);

    const file = join(dir, 'paste.txt');
    await writeFile(file, 'hello\nworld');
    await tmux.loadBuffer('ca-buf', file);
    await tmux.pasteBuffer('ca-buf', 'keys', { bracketed: true, deleteAfter: true });
    await paneShows('keys', String.raw`\u001b[200~hello\rworld\u001b[201~"`);
    const buffers = await execa('tmux', ['-L', socket, 'list-buffers', '-F', '#{buffer_name}'], { reject: false });
    expect(buffers.stdout.split('\n')).not.toContain('ca-buf');
  });

  it('panes: every session’s first pane in one call; null when no server runs, none when it holds no session', async () => {
    expect(await new Tmux({ socket: `${socket}-none` }).panes()).toBeNull();
    // A server that holds no session answers "no current target": it runs, with no panes.
    const empty = new Tmux({ socket: `${socket}-empty` });
    await execa('tmux', ['-L', `${socket}-empty`, '-f', '/dev/null', 'start-server', ';', 'set-option', '-g', 'exit-empty', 'off']);
    try {
      expect(await empty.panes()).toEqual(new Map());
    } finally {
      await empty.killServer();
    }
    await tmux.newSession('panes-a', { cwd: dir, argv: [node, '-e', KEEP] });
    const panes = (await tmux.panes())!;
    const pane = panes.get('panes-a');
    expect(pane).toEqual({ kind: 'running', pid: await tmux.panePid('panes-a') });
    expect(pidRunning((pane as { pid: number }).pid)).toBe(true);
    expect(panes.has('panes-missing')).toBe(false);
  });

  it('panes: still found without a UTF-8 locale (tmux would print their tabs as "_")', async () => {
    await tmux.newSession('panes-c', { cwd: dir, argv: [node, '-e', KEEP] });
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_CTYPE: process.env.LC_CTYPE };
    for (const k of Object.keys(saved)) delete process.env[k];
    try {
      expect((await tmux.panes())?.get('panes-c')).toEqual({ kind: 'running', pid: await tmux.panePid('panes-c') });
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    }
  });

  it('remainOnExit keeps a dead pane readable with its status; respawnPane runs a program in it again', async () => {
    await tmux.newSession('remain', { cwd: dir, argv: [node, '-e', "console.log('FIRST RUN'); process.exit(3)"], remainOnExit: true });
    let nudges = 0;
    const dead = await waitFor(async () => {
      const p = (await tmux.panes())?.get('remain');
      if (p?.kind === 'dead' && p.status !== null) return p;
      // tmux 3.3 was seen to hold a dead pane's exit status until another of its children exits.
      if (p?.kind === 'dead') await tmux.newSession(`nudge-${++nudges}`, { cwd: dir, argv: ['sh', '-c', 'exit 0'] });
      return undefined;
    }, { timeoutMs: 15_000, label: 'pane "remain" dead with a status', describe: async () => JSON.stringify((await tmux.panes())?.get('remain')) });
    expect(dead).toMatchObject({ kind: 'dead', status: 3, signal: null });
    expect(await tmux.hasSession('remain')).toBe(true);
    // tmux 3.3 scrolls the screen one line to say the pane is dead: what ran is in the scrollback.
    expect(await tmux.capturePane('remain', { lines: 100 })).toMatch(/FIRST RUN\n[^]*Pane is dead \(status 3\b/);

    // tmux refuses to respawn a live pane: only a dead one is reused.
    await tmux.respawnPane('remain', { cwd: dir, argv: [node, '-e', `console.log('SECOND RUN:' + process.env.CA_TMUX_TEST); ${KEEP}`], env: { CA_TMUX_TEST: 'again' } });
    await paneShows('remain', 'SECOND RUN:again');
    const again = (await tmux.panes())!.get('remain')!;
    expect(again.kind).toBe('running');
    expect((again as { pid: number }).pid).not.toBe(dead.pid);
    await expect(tmux.respawnPane('remain', { cwd: dir, argv: [node, '-e', KEEP] })).rejects.toThrow(TmuxError);
    await expect(tmux.respawnPane('remain', { cwd: join(dir, 'missing'), argv: [node] })).rejects.toThrow(/not a directory/);
    await expect(tmux.respawnPane('no-such-session', { cwd: dir, argv: [node, '-e', KEEP] })).rejects.toThrow(TmuxError);
  });

  it('without remainOnExit the session ends with its program', async () => {
    await tmux.newSession('no-remain', { cwd: dir, argv: [node, '-e', 'process.exit(0)'] });
    await waitFor(async () => !(await tmux.hasSession('no-remain')), {
      timeoutMs: 10_000,
      label: 'session "no-remain" to end',
      describe: async () => JSON.stringify((await tmux.panes())?.get('no-remain')),
    });
    expect((await tmux.panes())?.get('no-remain')).toBeUndefined();
  });

  it('builds the attach argv with the socket', () => {
    expect(tmux.attachArgv('abc')).toEqual(['tmux', '-L', socket, 'attach-session', '-t', '=abc']);
    expect(new Tmux().attachArgv('abc')).toEqual(['tmux', 'attach-session', '-t', '=abc']);
  });
});
