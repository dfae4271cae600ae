// What a record that cannot be read still names: only processes with a start (never a bare pid
// that may belong to anybody by now) and a well-formed socket name.
import { describe, expect, it } from 'vitest';
import { remainsOf } from '../../src/jobs/delete-unreadable.js';

describe('remainsOf', () => {
  it('takes the runner and agent refs and the socket from JSON that fails the schema', () => {
    const text = JSON.stringify({ version: 'bogus', runner: { pid: 10, start: 'b/1' }, agent_procs: [{ pid: 11, start: 'b/2' }, { pid: 12, start: null }, { pid: -1, start: 'x' }], tmux_socket: 'my-sock' });
    expect(remainsOf(text)).toEqual({ refs: [{ pid: 10, start: 'b/1' }, { pid: 11, start: 'b/2' }], socket: 'my-sock' });
  });

  it('a null socket is the default server; a hostile one is ignored', () => {
    expect(remainsOf('{"tmux_socket":null}').socket).toBeNull();
    expect(remainsOf('{"tmux_socket":"../x"}').socket).toBeUndefined();
  });

  it('names nothing when the text is not a JSON object, or missing', () => {
    for (const t of ['{ nope', '[1,2]', '"str"', '', null]) expect(remainsOf(t)).toEqual({ refs: [], socket: undefined });
  });
});
