// A prompt or message reaches the model byte-exact, or is refused with the reason before anything
// starts or is queued — never changed without a word. Checked where it lands: the text of the
// request the scripted model received. Exec (stdin to `codex exec`) takes any text; an interactive
// Codex takes text with tabs and newlines (its screen drops or changes the other controls).
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestUserText } from '../../src/mock/plan.js';
import { pending } from '../../src/store/queue.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E, type AwaitJson } from '../support/e2e.js';

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('exact');
});
afterAll(async () => {
  await e.dispose();
});

/** Every C0 control but NUL (argv cannot hold it), DEL, C1, CR and CRLF, an ANSI sequence, separators, bidi, quotes, shell syntax, a real U+FFFD. */
const ANY_TEXT =
  'A\x01B\x07C\x1b[31mD\x7fE\rF\r\nG\tH\nI\x08J\x0bK\x0cL\x1fM\u0085N\u009bO\u2028P\u200bQ\u202eR\u00a0S\uFFFDT é ✓ 中文 🙂 "q" \'s\' $HOME $(id) `date` \\ end';
/** What an interactive agent takes: tabs and newlines, and every printable character. */
const TUI_TEXT = 'a\tb\nc "q" \'s\' $HOME `x` \\ é ✓ 中文 🙂 \u2028 \u200b \u202e \u00a0 \uFFFD end';

const sent = (head: string): string[] => e.server.requests.map((r) => newestUserText(r.body)).filter((t) => t.startsWith(head));

/** The text the model got for the message starting with `head`, once it arrived (bounded). */
async function arrived(head: string): Promise<string> {
  for (let i = 0; i < 300 && sent(head).length === 0; i++) await sleep(100);
  const got = sent(head);
  expect(got, `no request carried ${head}`).toHaveLength(1);
  return got[0]!;
}

async function turnDone(id: string): Promise<void> {
  const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
  expect(a.outcome).toBe('completed');
}

/** One stderr line, nothing raw a terminal would act on. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  return lines[0]!;
}

const jobIds = (): string[] => (existsSync(e.store.layout.jobsDir) ? readdirSync(e.store.layout.jobsDir).filter((n) => /^[0-9a-f]{8}$/.test(n)).sort() : []);

describe('exec: any text arrives exactly', () => {
  let id: string;

  it('start through argv and through stdin (NUL included)', async () => {
    const prompt = `MOCK:SAY argv-start ${ANY_TEXT}`;
    id = await e.start(prompt);
    await turnDone(id);
    expect(await arrived('MOCK:SAY argv-start')).toBe(prompt);

    const piped = `MOCK:SAY stdin-start \x00 ${ANY_TEXT}`;
    const r = await e.cli(['start', '-', '-d', e.workDir], { input: piped });
    expect(r.code, r.stderr).toBe(0);
    await turnDone(/Job started: (\w+)/.exec(r.stdout)![1]!);
    expect(await arrived('MOCK:SAY stdin-start')).toBe(piped);
  });

  it('send through argv and through stdin', async () => {
    const message = `MOCK:SAY argv-send ${ANY_TEXT}`;
    expect((await e.cli(['send', id, message])).code).toBe(0);
    await turnDone(id);
    expect(await arrived('MOCK:SAY argv-send')).toBe(message);

    const piped = `MOCK:SAY stdin-send \x00 ${ANY_TEXT}\n`;
    expect((await e.cli(['send', id, '-'], { input: piped })).code).toBe(0);
    await turnDone(id);
    expect(await arrived('MOCK:SAY stdin-send')).toBe(piped);
  });

  it('bytes that are not UTF-8 are refused, naming the first and its offset; nothing starts and nothing is queued', async () => {
    const bad = Buffer.concat([Buffer.from('MOCK:SAY bad-bytes é'), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('!')]);
    const jobs = jobIds();
    const asked = e.server.requests.length;

    const byArgv = await e.cliBytes(['start', bad, '-d', e.workDir]);
    expect(byArgv.code).toBe(2);
    expect(oneLine(byArgv.stderr)).toMatch(/^codex-agent: argument 2 "MOCK:SAY bad-bytes é\uFFFD\uFFFD\(!" is not valid UTF-8 \(byte 0xff at offset 21\): .*nothing was started or sent/);
    const byStdin = await e.cli(['start', '-', '-d', e.workDir], { input: bad as unknown as string });
    expect(byStdin.code).toBe(2);
    expect(oneLine(byStdin.stderr)).toMatch(/^codex-agent: the prompt on stdin is not valid UTF-8 \(byte 0xff at offset 21\)/);
    const sendArgv = await e.cliBytes(['send', id, bad]);
    expect(sendArgv.code).toBe(2);
    expect(oneLine(sendArgv.stderr)).toMatch(/argument 3 .* is not valid UTF-8 \(byte 0xff at offset 21\)/);
    const sendStdin = await e.cli(['send', id, '-'], { input: bad as unknown as string });
    expect(sendStdin.code).toBe(2);
    expect(oneLine(sendStdin.stderr)).toMatch(/^codex-agent: the message on stdin is not valid UTF-8 \(byte 0xff at offset 21\)/);

    expect(jobIds()).toEqual(jobs);
    expect(pending(e.store.layout, id)).toEqual([]);
    expect(e.record(id).runner).toBeNull();
    expect(e.server.requests.length).toBe(asked);
    expect(sent('MOCK:SAY bad-bytes')).toEqual([]);
  });
});

describe('interactive: tabs, newlines and every printable character arrive exactly; what the screen would change is refused', () => {
  let id: string;

  it('start (launch argv) and send (pasted, argv and stdin) deliver the text exactly', async () => {
    const prompt = `MOCK:SAY tui-start ${TUI_TEXT}`;
    id = await e.start(prompt, ['--interactive']);
    await turnDone(id);
    expect(await arrived('MOCK:SAY tui-start')).toBe(prompt);
    const message = `MOCK:SAY tui-send ${TUI_TEXT}`;
    expect((await e.cli(['send', id, message])).code).toBe(0);
    await turnDone(id);
    expect(await arrived('MOCK:SAY tui-send')).toBe(message);
    const piped = `MOCK:SAY tui-stdin ${TUI_TEXT}\nlast line`;
    expect((await e.cli(['send', id, '-'], { input: piped })).code).toBe(0);
    await turnDone(id);
    expect(await arrived('MOCK:SAY tui-stdin')).toBe(piped);
  });

  it('pasted raw, the controls would be dropped or changed: the reason for refusing them', async () => {
    // What `send` would have done without the check, by hand: the same bracketed paste, then Enter.
    const raw = 'MOCK:SAY raw-paste A\x01B\x1b[31mC\x7fD\rE\u0085F';
    const r = e.record(id);
    const file = `${e.root}/raw-paste.txt`;
    (await import('node:fs')).writeFileSync(file, raw);
    expect((await e.tmux(['load-buffer', '-b', 'raw', file])).code).toBe(0);
    expect((await e.tmux(['paste-buffer', '-p', '-d', '-b', 'raw', '-t', `=${r.tmux_session}:`])).code).toBe(0);
    await sleep(300);
    expect((await e.tmux(['send-keys', '-t', `=${r.tmux_session}:`, 'Enter'])).code).toBe(0);
    const got = await arrived('MOCK:SAY raw-paste');
    expect(got).not.toBe(raw);
    expect(got.startsWith('MOCK:SAY raw-paste A')).toBe(true);
    await turnDone(id);
  });

  it('CR, CRLF, ESC, DEL, other controls and C1 are refused naming the character and where; nothing is typed or queued', async () => {
    const before = e.record(id);
    const asked = e.server.requests.length;
    const cases: [string, RegExp][] = [
      ['MOCK:SAY x\ry', /carriage return \(\\r\) at character 10 would become a newline/],
      ['MOCK:SAY windows\r\nline ends', /carriage return \(\\r\) at character 16 would become a newline/],
      ['MOCK:SAY \x1b[31mred', /ESC \(\\x1b\) at character 9 would be dropped/],
      ['MOCK:SAY 🙂\x7f', /DEL \(\\x7f\) at character 10 would be dropped/],
      ['MOCK:SAY \x01', /control character \\x01 at character 9 would be dropped/],
      ['MOCK:SAY \u0085', /control character \\x85 at character 9 would be dropped/],
    ];
    for (const [text, why] of cases) {
      const byArgv = await e.cli(['send', id, text]);
      expect(byArgv.code, text).toBe(2);
      expect(oneLine(byArgv.stderr)).toMatch(new RegExp(`^codex-agent: the message cannot reach an interactive Codex exactly: ${why.source}\\. Interactive jobs take text with tabs and newlines only`));
      const byStdin = await e.cli(['send', id, '-'], { input: text });
      expect(byStdin.code, text).toBe(2);
      expect(oneLine(byStdin.stderr)).toMatch(why);
    }
    const nul = await e.cli(['send', id, '-'], { input: 'MOCK:SAY \x00' });
    expect(nul.code).toBe(2);
    expect(oneLine(nul.stderr)).toMatch(/NUL \(\\x00\) at character 9 would be dropped/);
    const jobs = jobIds();
    const start = await e.cli(['start', 'MOCK:SAY a\rb', '-d', e.workDir, '--interactive']);
    expect(start.code).toBe(2);
    expect(oneLine(start.stderr)).toMatch(/^codex-agent: the prompt cannot reach an interactive Codex exactly: carriage return \(\\r\) at character 10/);
    expect(jobIds()).toEqual(jobs);

    const after = e.record(id);
    expect([after.user_messages, after.turns.length]).toEqual([before.user_messages, before.turns.length]);
    expect(pending(e.store.layout, id)).toEqual([]);
    expect(e.server.requests.length).toBe(asked);
    // The agent was not disturbed: the next message goes through as ever.
    expect((await e.cli(['send', id, 'MOCK:SAY still fine'])).code).toBe(0);
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ outcome: 'completed', message: 'still fine' });
  });
});
