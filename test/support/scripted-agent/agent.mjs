#!/usr/bin/env node
// A small scripted agent CLI, the second provider that only the tests use. It behaves like an
// agent CLI in the ways codex-agent relies on, and nothing more:
//   agent.mjs --version
//   agent.mjs exec [--resume THREAD] --cwd DIR          one turn, the message on stdin, events on stdout
//   agent.mjs tui [--resume THREAD] --cwd DIR [-- MSG]   a terminal app: "scripted> " composer, Enter
//                                                      submits, Escape interrupts, /quit quits
// Every event also goes to its session record, $SCRIPTED_AGENT_HOME/sessions/<thread>.jsonl, one
// JSON object a line; by-pid/<pid> names the thread a TUI process works on.
// Directives in a message: SLEEP <ms> (then the rest), SAY <text>, WRITE <relpath> <content>, FAIL <text>.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const home = process.env.SCRIPTED_AGENT_HOME;
if (!home) {
  process.stderr.write('error: SCRIPTED_AGENT_HOME is not set\n');
  process.exit(2);
}
const args = process.argv.slice(2);
if (args[0] === '--version') {
  process.stdout.write('scripted-agent 1.0.3\n');
  process.exit(0);
}
const mode = args[0];
const dash = args.indexOf('--');
/** A flag's value; flags come before "--", the message after it. */
const flag = (name) => {
  const i = args.indexOf(name);
  return i > 0 && (dash < 0 || i < dash) ? args[i + 1] : undefined;
};
const cwd = resolve(flag('--cwd') ?? process.cwd());
const thread = flag('--resume') ?? randomUUID();
mkdirSync(join(home, 'sessions'), { recursive: true });
const sessionFile = join(home, 'sessions', `${thread}.jsonl`);

function record(ev, out) {
  const line = `${JSON.stringify(ev)}\n`;
  appendFileSync(sessionFile, line);
  if (out) process.stdout.write(line);
}

/** Runs one turn; `cancel` resolves when the turn is interrupted. Returns the event that ended it. */
async function turn(message, emit, cancel) {
  const id = randomUUID();
  emit({ t: 'start', turn: id });
  emit({ t: 'user' });
  let text = message.trim();
  const sleep = /^SLEEP (\d+)\s*([\s\S]*)$/.exec(text);
  if (sleep) {
    const stopped = await Promise.race([new Promise((r) => setTimeout(() => r(false), Number(sleep[1]))), cancel.then(() => true)]);
    if (stopped) {
      const ev = { t: 'abort', turn: id, reason: 'interrupted' };
      emit(ev);
      return ev;
    }
    text = sleep[2].trim();
  }
  let answer = `ok: ${text.replace(/\s+/g, ' ').slice(0, 80)}`;
  const fail = /^FAIL (.*)$/s.exec(text);
  if (fail) {
    const ev = { t: 'fail', turn: id, error: fail[1], kind: 'server_error' };
    emit(ev);
    return ev;
  }
  const write = /^WRITE (\S+) ([\s\S]*)$/.exec(text);
  if (write) {
    const path = join(cwd, write[1]);
    writeFileSync(path, `${write[2]}\n`);
    emit({ t: 'file', path, kind: 'add' });
    answer = `Wrote ${write[1]}.`;
  }
  const say = /^SAY ([\s\S]*)$/.exec(text);
  if (say) answer = say[1];
  emit({ t: 'say', text: answer });
  emit({ t: 'tokens', in: 100 + message.length, out: answer.length, ctx: 100 + message.length, win: 10000 });
  const ev = { t: 'end', turn: id, text: answer };
  emit(ev);
  return ev;
}

if (mode === 'exec') {
  const message = readFileSync(0, 'utf8');
  const emit = (ev) => record(ev, true);
  emit({ t: 'thread', id: thread });
  const end = await turn(message, emit, new Promise(() => undefined));
  process.exit(end.t === 'end' ? 0 : 1);
} else if (mode === 'tui') {
  mkdirSync(join(home, 'by-pid'), { recursive: true });
  writeFileSync(join(home, 'by-pid', String(process.pid)), thread);
  const emit = (ev) => record(ev, false);
  if (!flag('--resume')) emit({ t: 'thread', id: thread });
  const first = dash >= 0 ? args[dash + 1] : undefined;
  const show = (s) => process.stdout.write(`${s}\r\n`);
  let busy = false;
  let interrupt = () => undefined;
  let buffer = '';
  const composer = () => process.stdout.write('scripted> ');
  const run = async (message) => {
    busy = true;
    const cancel = new Promise((r) => (interrupt = r));
    const end = await turn(message, emit, cancel);
    busy = false;
    show(end.t === 'end' ? `• ${end.text}` : end.t === 'abort' ? '• interrupted' : `• failed: ${end.error}`);
    composer();
  };
  show(`scripted agent · thread ${thread}`);
  composer();
  if (first !== undefined) void run(first);
  process.stdin.setRawMode?.(true);
  process.stdin.setEncoding('utf8');
  let pasting = false;
  let escTimer;
  process.stdin.on('data', (chunk) => {
    let s = chunk;
    while (s.length > 0) {
      if (pasting) {
        const end = s.indexOf('\x1b[201~');
        buffer += (end < 0 ? s : s.slice(0, end)).replace(/\r/g, '\n');
        if (end < 0) return;
        pasting = false;
        s = s.slice(end + 6);
        continue;
      }
      if (s.startsWith('\x1b[200~')) {
        pasting = true;
        s = s.slice(6);
        continue;
      }
      if (s === '\x1b') {
        // A lone Escape (no sequence follows): interrupt the running turn.
        escTimer = setTimeout(() => (busy ? interrupt() : undefined), 30);
        return;
      }
      clearTimeout(escTimer);
      const c = s[0];
      s = s.slice(1);
      if (c === '\r' || c === '\n') {
        const message = buffer;
        buffer = '';
        process.stdout.write('\r\n');
        if (message.trim() === '/quit') {
          show('bye');
          process.exit(0);
        }
        if (message.trim() === '' || busy) continue;
        void run(message);
      } else if (c === '\x03') {
        if (busy) interrupt();
        else process.exit(0);
      } else if (c === '\x7f') {
        buffer = buffer.slice(0, -1);
      } else if (c !== '\x1b') {
        buffer += c;
        process.stdout.write(c);
      }
    }
  });
} else {
  process.stderr.write(`error: unknown mode ${mode}\n`);
  process.exit(2);
}
