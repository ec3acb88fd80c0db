import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from './projectFixture.fixture.js';
import { readSolidityProject } from './solidityDeps.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function fixture(): string {
  const f = copyFixture('foundry');
  cleanup = f.remove;
  return f.dir;
}

describe('readSolidityProject', () => {
  it('versions a library by its package.json and a bare submodule by its commit, and maps remappings', () => {
    const p = readSolidityProject(fixture());
    expect(p.files).toEqual(['foundry.toml', 'remappings.txt', '.gitmodules']);
    expect(p.libs).toEqual(['lib']);
    expect(p.dependencies).toEqual([
      {
        ecosystem: 'git',
        name: 'github.com/foundry-rs/forge-std',
        version: undefined,
        direct: true,
        path: '.gitmodules#lib/forge-std',
        commit: '3b20d60d14b343ee4f908cb8079495c07f5e8981',
        provides: ['ds-test/', 'forge-std/'],
      },
      {
        ecosystem: 'npm',
        // contracts/package.json is the published package; the root one is named openzeppelin-solidity.
        name: '@openzeppelin/contracts',
        version: '4.9.3',
        direct: true,
        path: 'lib/openzeppelin-contracts/contracts/package.json',
        provides: ['@openzeppelin/contracts/', 'erc4626-tests/'],
      },
    ]);
    expect(p.warnings).toEqual([
      'lib/forge-std: version unknown (no package.json; commit 3b20d60d14b3 has no version tag)',
    ]);
    expect(p.remappings.map((r) => `${r.prefix} -> ${r.provider} (${r.source})`)).toEqual([
      '@openzeppelin/contracts/ -> @openzeppelin/contracts@4.9.3 (foundry.toml)',
      'ds-test/ -> github.com/foundry-rs/forge-std (remappings.txt)',
      'forge-std/ -> github.com/foundry-rs/forge-std (remappings.txt)',
      'erc4626-tests/ -> @openzeppelin/contracts@4.9.3 (remappings.txt)',
    ]);
  });

  it("takes a version from a tag on the checked-out commit, and scans a library's own lib/ as transitive", () => {
    const dir = fixture();
    writeFileSync(
      join(dir, '.git', 'modules', 'lib', 'forge-std', 'packed-refs'),
      '3b20d60d14b343ee4f908cb8079495c07f5e8981 refs/tags/v1.7.6\n',
    );
    const nested = join(dir, 'lib', 'openzeppelin-contracts', 'lib', 'erc4626-tests');
    mkdirSync(nested, { recursive: true });
    writeFileSync(
      join(dir, 'lib', 'openzeppelin-contracts', '.gitmodules'),
      '[submodule "lib/erc4626-tests"]\n\tpath = lib/erc4626-tests\n\turl = https://github.com/a16z/erc4626-tests.git\n',
    );
    const p = readSolidityProject(dir, 'contracts/');
    const forge = p.dependencies.find((d) => d.name === 'github.com/foundry-rs/forge-std');
    expect(forge?.version).toBe('1.7.6');
    expect(forge?.path).toBe('contracts/.gitmodules#lib/forge-std');
    expect(p.dependencies.find((d) => d.name === 'github.com/a16z/erc4626-tests')).toEqual({
      ecosystem: 'git',
      name: 'github.com/a16z/erc4626-tests',
      version: undefined,
      direct: false,
      via: ['@openzeppelin/contracts'],
      path: 'contracts/lib/openzeppelin-contracts/.gitmodules#lib/erc4626-tests',
      provides: ['erc4626-tests/'],
    });
    expect(p.warnings).toContain(
      'contracts/lib/openzeppelin-contracts/lib/erc4626-tests: version unknown (no package.json; no git metadata (submodule not initialised?))',
    );
  });

  it('honours foundry.toml libs, skips node_modules there, and reports bad remapping entries', () => {
    const dir = fixture();
    writeFileSync(
      join(dir, 'foundry.toml'),
      '[profile.default]\nlibs = ["dependencies", "node_modules"]\nremappings = ["solady/=dependencies/solady/src/", 42]\n',
    );
    mkdirSync(join(dir, 'dependencies', 'solady'), { recursive: true });
    writeFileSync(
      join(dir, 'dependencies', 'solady', 'package.json'),
      '{"name":"solady","version":"0.0.198"}',
    );
    const p = readSolidityProject(dir);
    expect(p.libs).toEqual(['dependencies']);
    expect(p.dependencies.map((d) => `${d.name}@${d.version}`)).toEqual(['solady@0.0.198']);
    expect(p.warnings).toEqual(['foundry.toml: remapping 42 is not prefix=target']);
    expect(p.remappings.find((r) => r.prefix === 'solady/')?.provider).toBe('solady@0.0.198');
  });

  it('throws on a malformed foundry.toml (the inventory reports it and goes on)', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'foundry.toml'), '[profile.default\nsrc = "src"\n');
    expect(() => readSolidityProject(dir)).toThrow();
  });
});
