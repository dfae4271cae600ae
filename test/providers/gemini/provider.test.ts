// The Gemini provider's pure parts: argv per sandbox, version parsing, the run's private home.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvalMode, execTurnArgs, parseGeminiVersion } from '../../../src/providers/gemini/args.js';
import { gemini } from '../../../src/providers/gemini/provider.js';
import { geminiRunEnv, MAX_ATTEMPTS, runSettings } from '../../../src/providers/gemini/run-env.js';
import { locateGemini } from '../../../src/providers/gemini/locate.js';

const tmp = mkdtempSync(join(tmpdir(), 'ca-gemini-provider-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('exec argv', () => {
  it('headless stream-json, prompt on stdin, trust for this run, approval mode from the sandbox', () => {
    expect(execTurnArgs({ sandbox: 'read-only' })).toEqual(['-p', '', '-o', 'stream-json', '--skip-trust', '--approval-mode', 'default']);
    expect(execTurnArgs({ sandbox: 'workspace-write', model: 'gemini-2.5-pro', threadId: 's-1' })).toEqual(['-p', '', '-o', 'stream-json', '--skip-trust', '--approval-mode', 'auto_edit', '-m', 'gemini-2.5-pro', '-r', 's-1']);
    expect(approvalMode('danger-full-access')).toBe('yolo');
  });

  it('reads the version and is read-only by default', () => {
    expect(parseGeminiVersion('0.61.0\n')).toBe('0.61.0');
    expect(parseGeminiVersion('nothing')).toBeNull();
    expect(gemini).toMatchObject({ name: 'gemini', defaultSandbox: 'read-only', tested: { min: '0.61', max: '0.61' } });
    expect(gemini.interactive).toBeUndefined();
  });

  it('locates an explicit binary, else PATH, and says which', () => {
    const bin = join(tmp, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'gemini'), '#!/bin/sh\n', { mode: 0o755 });
    expect(locateGemini(undefined, bin)).toEqual({ path: join(bin, 'gemini'), source: 'PATH' });
    expect(locateGemini(join(bin, 'gemini'), '')).toEqual({ path: join(bin, 'gemini'), source: 'CODEX_AGENT_GEMINI_BIN' });
    expect(locateGemini(join(bin, 'none'), bin)).toBeNull();
  });
});

describe('run environment', () => {
  it('layers bounded retries over the user\'s settings, keeping theirs', () => {
    expect(runSettings('{"general":{"vimMode":true},"security":{"auth":{"selectedType":"gemini-api-key"}}}')).toEqual({
      general: { vimMode: true, maxAttempts: MAX_ATTEMPTS },
      security: { auth: { selectedType: 'gemini-api-key' } },
    });
    expect(runSettings(null)).toEqual({ general: { maxAttempts: MAX_ATTEMPTS } });
    expect(runSettings('// a comment\n{}')).toBeNull();
  });

  it('builds a private home in the job folder; the user\'s files are linked, never written', () => {
    const home = join(tmp, 'home');
    mkdirSync(join(home, '.gemini', 'tmp'), { recursive: true });
    const userSettings = '{"security":{"auth":{"selectedType":"gemini-api-key"}}}';
    writeFileSync(join(home, '.gemini', 'settings.json'), userSettings);
    writeFileSync(join(home, '.gemini', 'oauth_creds.json'), '{}');
    const job = join(tmp, 'job');
    const env = geminiRunEnv(job, { HOME: home });
    expect(env).toEqual({ GEMINI_CLI_HOME: join(job, 'gemini-home'), TMPDIR: join(job, 'tmp'), GEMINI_CLI_NO_RELAUNCH: 'true' });
    const dir = join(job, 'gemini-home', '.gemini');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ general: { maxAttempts: MAX_ATTEMPTS }, security: { auth: { selectedType: 'gemini-api-key' } } });
    expect(lstatSync(join(dir, 'settings.json')).isSymbolicLink()).toBe(false);
    expect(readlinkSync(join(dir, 'oauth_creds.json'))).toBe(join(home, '.gemini', 'oauth_creds.json'));
    expect(readlinkSync(join(dir, 'tmp'))).toBe(join(home, '.gemini', 'tmp'));
    expect(statSync(join(job, 'gemini-home')).mode & 0o777).toBe(0o700);
    // A second turn: the same, nothing doubled, the user's settings untouched.
    expect(geminiRunEnv(job, { HOME: home })).toEqual(env);
    expect(readFileSync(join(home, '.gemini', 'settings.json'), 'utf8')).toBe(userSettings);
  });

  it('with no ~/.gemini, starts from the retry bound alone', () => {
    const job = join(tmp, 'job2');
    geminiRunEnv(job, { HOME: join(tmp, 'nobody') });
    expect(JSON.parse(readFileSync(join(job, 'gemini-home', '.gemini', 'settings.json'), 'utf8'))).toEqual({ general: { maxAttempts: MAX_ATTEMPTS } });
    expect(existsSync(join(tmp, 'nobody'))).toBe(false);
  });
});
