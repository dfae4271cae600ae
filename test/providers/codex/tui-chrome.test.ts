// stripTuiChrome over real Codex 0.169 screens (test/fixtures/tui) and single lines of each kind.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripTuiChrome } from '../../../src/providers/codex/tui-chrome.js';

const screen = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/tui/${name}`, import.meta.url)), 'utf8');

describe('stripTuiChrome on a real screen mid-turn', () => {
  it('leaves the header and the conversation, one blank line between blocks', () => {
    expect(stripTuiChrome(screen('screen-working.txt'))).toBe(
      [
        '  >_ OpenAI Codex (v0.169.0)',
        '     /tmp/exp/wk',
        '',
        '› MOCK:RUN echo hi there',
        '',
        '• Ran echo hi there',
        '  └ hi there',
        '',
        '• Ran: echo hi there',
        '  hi there',
        '',
        '› MOCK:SLEEP 5000 MOCK:SAY slow',
        '',
      ].join('\n'),
    );
  });

  it('is idempotent', () => {
    const once = stripTuiChrome(screen('screen-working.txt'));
    expect(stripTuiChrome(once)).toBe(once);
  });
});

describe('stripTuiChrome on a real screen after two turns, cwd with spaces', () => {
  it('drops the composer, key hints, tips and turn footers; keeps prompts, answers and header', () => {
    const out = stripTuiChrome(screen('screen-space-cwd.txt'));
    for (const gone of ['Ask Codex to do anything', '? for shortcuts', 'Worked for', 'Tip: Maximize usage']) expect(out).not.toContain(gone);
    expect(out).toContain('  >_ OpenAI Codex (v0.169.0)\n     /tmp/scratch/cap/my work dir\n');
    expect(out).toContain('› MOCK:SAY first line\n');
    expect(out).toContain('• first line\n');
    expect(out).toContain('• Ran printf "enter to continue\\nesc to interrupt)\\n"\n');
    expect(out).not.toMatch(/\n\n\n/);
  });
});

describe('stripTuiChrome by position', () => {
  const bottom = (spinner: string, status: string, hints: string): string =>
    `› keep me\n• kept answer\n\n${spinner}\n\n› Ask Codex to do anything\n\n${status}\n${hints}\n`;
  const spinners = ['• Working (2s • esc to interrupt)', '• Working (1m 05s • esc to interrupt)', '⠋ Booting MCP server'];
  const statuses = ['  GPT-5.5 default · /tmp/x', '  gpt-5.5 high · ~/code/app', '  GPT-6.1 Sol xhigh · /home/u/my work dir', '  GPT-5.5 · /tmp/x'];
  const hints = ['  ← for agents · ? for shortcuts                                      ⚠ 2 warnings · f2 to view', '  ? for shortcuts'];
  const cases = spinners.flatMap((sp) => statuses.flatMap((st) => hints.map((h) => [sp, st, h] as [string, string, string])));
  it.each(cases)('drops the spinner %j, the composer, %j and %j at the bottom', (sp, st, h) => {
    expect(stripTuiChrome(bottom(sp, st, h))).toBe('› keep me\n• kept answer\n');
  });

  it('drops a composer holding typed text, and a picker with its dialog hints under it', () => {
    const screen = '› asked\n• answered\n\n› half-typed $dol\n  no matches\n  enter insert · esc close\n  GPT-5.5 default · /tmp/x\n';
    expect(stripTuiChrome(screen)).toBe('› asked\n• answered\n');
  });

  it.each([
    ['turn footer', '  Worked for 5s • 07:01'],
    ['turn footer, <1s', '  Worked for <1s • 07:01'],
    ['turn footer, minutes', '  Worked for 2m 10s • 17:45'],
  ])('drops a %s anywhere', (_name, line) => {
    expect(stripTuiChrome(`› keep me\n${line}\n• kept answer\n`)).toBe('› keep me\n• kept answer\n');
  });

  it('drops tips in the header only', () => {
    expect(stripTuiChrome('  >_ OpenAI Codex\n  Tip: try this\n› hi\n  Tip: run the tests · /tmp/out\n')).toBe(
      '  >_ OpenAI Codex\n› hi\n  Tip: run the tests · /tmp/out\n',
    );
  });

  it('keeps chrome-like lines that are not at the bottom', () => {
    const screen = '› run it\n• Working (2s • esc to interrupt)\n  GPT-5.5 default · /tmp/x\n  ? for shortcuts\n• done\n';
    expect(stripTuiChrome(screen)).toBe(screen);
  });

  const content: [string, string][] = [
    ['a user prompt', '› MOCK:SAY hi'],
    ['an answer', '• slow'],
    ['an answer about keys', '• Use Ctrl-C to stop'],
    ['a command summary', '• Ran echo hi there'],
    ['command output under └', '  └ hi there'],
    ['plain command output', '  hi there'],
    ['the header', '  >_ OpenAI Codex (v0.169.0)'],
    ['the header cwd', '     /tmp/exp/wk'],
    ['an answer with a middle dot not ending in a path', '• a · b'],
    ['an answer mentioning work done', '• Worked for hours on it'],
    ['an answer mentioning escape', '• press esc to leave vim'],
    ['an answer with a bullet and a time', '• Deployed • 07:01'],
  ];
  it.each(content)('keeps %s', (_name, line) => {
    expect(stripTuiChrome(`${line}\n`)).toBe(`${line}\n`);
  });

  it('collapses runs of blank lines to one and trailing whitespace to one newline', () => {
    expect(stripTuiChrome('a\n\n\n\n\nb\n\n\n')).toBe('a\n\nb\n');
    expect(stripTuiChrome('a\n\nb')).toBe('a\n\nb');
    expect(stripTuiChrome('a   \n  \t\n')).toBe('a\n');
  });

  it('an all-chrome screen leaves nothing but a newline', () => {
    expect(stripTuiChrome('› Ask Codex to do anything\n\n  GPT-5.5 default · /tmp/x\n  ? for shortcuts\n')).toBe('\n');
  });
});

describe('stripTuiChrome: known gaps (src bugs, see the report; flip it.fails to it once fixed)', () => {
  // Real screen: cwd "/tmp/scratch/cap/my work dir". The status line ends "· <cwd>" and the cwd has
  // spaces, so the status-line pattern (`[~/]\S*\s*$`, src/codex/tui-chrome.ts) does not match it.
  it('drops the status line when the cwd has spaces', () => {
    const out = stripTuiChrome(screen('screen-space-cwd.txt'));
    expect(out).not.toContain('GPT-5.5 default ·');
  });

  // Same real screen: the conversation itself contains lines shaped like chrome. The user prompt and the
  // answer's second line "  Tip: run the tests · /tmp/out" (matched by the Tip and status-line patterns),
  // and command output "    enter to continue" / "    esc to interrupt)" (dialog-hint and spinner patterns)
  // are dropped, though they are what the agent and the command said.
  it('keeps conversation lines that merely look like chrome', () => {
    const out = stripTuiChrome(screen('screen-space-cwd.txt'));
    expect(out).toContain('• first line\n  Tip: run the tests · /tmp/out\n');
    expect(out).toContain('    enter to continue\n    esc to interrupt)\n');
  });
});
