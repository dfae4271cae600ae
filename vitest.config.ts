import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // e2e tests drive real tmux and Codex processes; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
