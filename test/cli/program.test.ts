// The command tree of src/program.ts declares what the CLI's help states without loading the
// modules behind it: the choices and defaults it names must be the ones those modules use.
import { describe, expect, it } from 'vitest';
import { REASONING as CONFIG_REASONING, SANDBOXES as CONFIG_SANDBOXES, readDefaults } from '../../src/config.js';
import { DEFAULT_PROVIDER as PROVIDERS_DEFAULT } from '../../src/providers/index.js';
import { buildProgram } from '../../src/program.js';

const option = (command: string, flag: string) => {
  const cmd = buildProgram().commands.find((c) => c.name() === command)!;
  return cmd.options.find((o) => o.long === flag)!;
};

describe('src/program.ts', () => {
  it('offers the reasoning levels and sandboxes that src/config.ts accepts', () => {
    expect(option('start', '--reasoning').argChoices).toEqual([...CONFIG_REASONING]);
    expect(option('start', '--sandbox').argChoices).toEqual([...CONFIG_SANDBOXES]);
  });

  it('names the defaults the CLI really uses: provider, sandbox, list limit', () => {
    expect(option('start', '--provider').description).toContain(`(default ${PROVIDERS_DEFAULT}, or config.yaml`);
    const defaults = readDefaults('/nonexistent/config.yaml');
    expect(option('start', '--sandbox').description).toContain(`(default ${defaults.sandbox})`);
    expect(option('jobs', '--limit').description).toContain(`(default ${defaults.listLimit}, config list_limit)`);
  });
});
