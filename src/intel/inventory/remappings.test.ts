import { describe, expect, it } from 'vitest';
import { normaliseTarget, parseRemapping, parseRemappingsTxt } from './remappings.js';

describe('remappings', () => {
  it('parses prefix=target and solc context:prefix=target', () => {
    expect(parseRemapping('@openzeppelin/=lib/openzeppelin-contracts/', 'remappings.txt')).toEqual({
      prefix: '@openzeppelin/',
      target: 'lib/openzeppelin-contracts/',
      source: 'remappings.txt',
    });
    expect(parseRemapping('src/legacy:@openzeppelin/=lib/oz-v3/', 'foundry.toml')).toEqual({
      context: 'src/legacy',
      prefix: '@openzeppelin/',
      target: 'lib/oz-v3/',
      source: 'foundry.toml',
    });
    expect(parseRemapping('no-equals-sign', 'x')).toBeUndefined();
    expect(parseRemapping('=lib/x/', 'x')).toBeUndefined();
    expect(parseRemapping('a/=', 'x')).toBeUndefined();
  });

  it('reads remappings.txt line by line, reporting lines that are not remappings', () => {
    const { remappings, warnings } = parseRemappingsTxt(
      'forge-std/=lib/forge-std/src/\r\n\n# a comment\nds-test=lib/ds-test/src\noops\n',
      'remappings.txt',
    );
    expect(remappings.map((r) => r.prefix)).toEqual(['forge-std/', 'ds-test']);
    expect(warnings).toEqual(['remappings.txt:5: not a remapping (expected prefix=target): oops']);
  });

  it('normalises targets for comparison', () => {
    expect(normaliseTarget('./lib/forge-std/src/')).toBe('lib/forge-std/src');
    expect(normaliseTarget('lib/x')).toBe('lib/x');
  });
});
