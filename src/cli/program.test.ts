import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

function leaves(command: Command, prefix = ''): { name: string; command: Command }[] {
  const name = `${prefix} ${command.name()}`.trim();
  if (command.commands.length === 0) return [{ name, command }];
  return command.commands.flatMap((c) => leaves(c, name));
}

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text;
}

describe('argus CLI help', () => {
  const all = leaves(buildProgram());

  it('has the commands the README promises', () => {
    const names = all.map((l) => l.name);
    for (const expected of [
      'argus serve',
      'argus alerts list',
      'argus alerts show',
      'argus alerts ack',
      'argus alerts resolve',
      'argus policy test',
      'argus config check',
      'argus actions retry',
      'argus apikey create',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(all.map((l) => [l.name, l.command] as const))(
    '%s explains itself with an example',
    (_name, command) => {
      const help = helpOf(command);
      expect(command.description().length).toBeGreaterThan(10);
      expect(help).toMatch(/Examples?:\n\s+\$ argus /);
    },
  );
});
