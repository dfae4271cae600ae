import { describe, expect, it } from 'vitest';
import { bootEpochMs, jobTimes, startTokenMs } from '../../bench/timing.js';

describe('timing', () => {
  it('turns a Linux start token into epoch ms', () => {
    const boot = 1_700_000_000_000;
    expect(startTokenMs('5f1c-boot-id/12345', boot, 100)).toBe(boot + 123_450);
    expect(startTokenMs('5f1c-boot-id/12345', boot, 1000)).toBe(boot + 12_345);
    expect(startTokenMs('5f1c/Tue Nov 26', boot, 100)).toBeNull();
  });

  it('takes the boot time from /proc/uptime', () => {
    expect(bootEpochMs('11939.84 13434.77\n', 1_700_000_000_000)).toBeCloseTo(1_700_000_000_000 - 11_939_840, 3);
    expect(() => bootEpochMs('', 1)).toThrow('unreadable /proc/uptime');
  });

  it("splits a job's time into ours before Codex, Codex's own, and ours after", () => {
    const t = jobTimes({ t0: 1000, launchAt: 1300, taskCompleteAt: 4500, answerAt: 4560 });
    expect(t).toEqual({ to_launch: 300, to_answer: 60, overhead: 360, codex: 3200 });
    // The parts add up to the whole wait.
    expect(t.to_launch + t.codex + t.to_answer).toBe(4560 - 1000);
  });
});
