import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { readInventory } from './inventory.js';
import { FIXTURES } from './projectFixture.fixture.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'argus-inventory-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: unknown): void {
  const file = join(root, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

describe('readInventory on the fixture projects', () => {
  const inv = readInventory(FIXTURES);

  it('reads every kind of manifest, with one line each', () => {
    expect(inv.problems).toEqual([]);
    const formats = inv.manifests.map((m) => `${m.path}: ${m.format}`);
    expect(formats).toEqual(
      expect.arrayContaining([
        'foundry/foundry.toml, foundry/remappings.txt, foundry/.gitmodules: solidity libraries (lib)',
        'hardhat/package-lock.json: package-lock v2',
        'npm-v1/package-lock.json: package-lock v1',
        'npm-v3-workspaces/package-lock.json: package-lock v3',
        'pnpm-v6/pnpm-lock.yaml: pnpm-lock v6.0',
        'pnpm-v9/pnpm-lock.yaml: pnpm-lock v9.0',
        'yarn-berry/yarn.lock: yarn berry (lockfile v8)',
        'yarn-v1/yarn.lock: yarn v1',
        'hardhat/package.json: package.json',
      ]),
    );
    expect(inv.manifests.find((m) => m.path === 'hardhat/package.json')?.note).toBe(
      'versions from hardhat/package-lock.json',
    );
    // The library's own package.json files are the Solidity reader's business, not manifests of the project.
    expect(inv.manifests.some((m) => m.path.includes('lib/openzeppelin-contracts'))).toBe(false);
  });

  it('merges one package version found in several places, keeping every path', () => {
    const lodash = inv.dependencies.find((d) => d.name === 'lodash' && d.version === '4.17.20');
    expect(lodash).toMatchObject({ direct: true, dev: true });
    expect(lodash?.paths).toEqual([
      'hardhat/package-lock.json#node_modules/lodash',
      'pnpm-v6/pnpm-lock.yaml#/lodash@4.17.20',
    ]);
    expect(lodash?.via).toBeUndefined();
    const oz = inv.dependencies.find((d) => d.name === '@openzeppelin/contracts' && d.version === '4.9.3');
    expect(oz?.paths).toEqual([
      'foundry/lib/openzeppelin-contracts/contracts/package.json',
      'pnpm-v6/pnpm-lock.yaml#/@openzeppelin/contracts@4.9.3',
    ]);
    expect(oz?.provides).toEqual(['@openzeppelin/contracts/', 'erc4626-tests/']);
    const keys = inv.dependencies.map((d) => `${d.ecosystem} ${d.name} ${d.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('records a Foundry library whose version cannot be known, with the reason', () => {
    // In the repository the submodule's git metadata is stored as dot-git, so it is not readable here.
    expect(inv.dependencies.find((d) => d.ecosystem === 'git')).toMatchObject({
      name: 'github.com/foundry-rs/forge-std',
      version: undefined,
    });
    expect(inv.warnings).toContain(
      'foundry/lib/forge-std: version unknown (no package.json; no git metadata (submodule not initialised?))',
    );
  });
});

describe('readInventory on a project tree', () => {
  it('reports an unreadable file with the reason and reads the rest', () => {
    write('api/package-lock.json', '{"lockfileVersion": 3, "packages": {');
    write(
      'web/pnpm-lock.yaml',
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      lodash:\n        specifier: ^4\n        version: 4.17.21\npackages:\n  lodash@4.17.21: {}\nsnapshots:\n  lodash@4.17.21: {}\n",
    );
    write('broken/package.json', '{ "name": ');
    const inv = readInventory(root);
    expect(inv.problems.map((p) => p.path).sort()).toEqual(['api/package-lock.json', 'broken/package.json']);
    expect(inv.problems[0]?.reason).toMatch(/JSON/);
    expect(inv.dependencies.map((d) => `${d.name}@${d.version}`)).toEqual(['lodash@4.17.21']);
  });

  it('does not read lockfiles inside node_modules or a Foundry lib folder', () => {
    write('package.json', { dependencies: { a: '1.0.0' } });
    write('package-lock.json', {
      lockfileVersion: 3,
      packages: { '': { dependencies: { a: '1.0.0' } }, 'node_modules/a': { version: '1.0.0' } },
    });
    write('node_modules/a/package-lock.json', 'not even json');
    write('foundry.toml', '[profile.default]\n');
    write('lib/some-lib/package-lock.json', 'not even json');
    write('lib/some-lib/package.json', { name: 'some-lib', version: '2.0.0' });
    const inv = readInventory(root);
    expect(inv.problems).toEqual([]);
    expect(inv.dependencies.map((d) => `${d.name}@${d.version}`)).toEqual(['a@1.0.0', 'some-lib@2.0.0']);
  });

  it('lists what a package.json without a lockfile declares, versioned only when pinned exactly', () => {
    write('package.json', { dependencies: { '@openzeppelin/contracts': '^4.8.0', solady: '0.0.198' } });
    const inv = readInventory(root);
    expect(inv.dependencies).toEqual([
      {
        ecosystem: 'npm',
        name: '@openzeppelin/contracts',
        version: undefined,
        declared: '^4.8.0',
        direct: true,
        path: 'package.json#@openzeppelin/contracts',
        paths: ['package.json#@openzeppelin/contracts'],
      },
      {
        ecosystem: 'npm',
        name: 'solady',
        version: '0.0.198',
        direct: true,
        path: 'package.json#solady',
        paths: ['package.json#solady'],
      },
    ]);
    expect(inv.manifests[0]?.note).toBe('no lockfile: ranges are not resolved to versions');
  });

  it("takes classic yarn workspaces' direct dependencies from their package.json files", () => {
    write('package.json', { private: true, workspaces: ['packages/*'] });
    write('packages/token/package.json', {
      name: 'token',
      dependencies: { '@openzeppelin/contracts': '^4.9.0' },
    });
    write(
      'yarn.lock',
      '# yarn lockfile v1\n\n\n"@openzeppelin/contracts@^4.9.0":\n  version "4.9.5"\n  resolved "https://registry.yarnpkg.com/@openzeppelin/contracts/-/contracts-4.9.5.tgz"\n',
    );
    const inv = readInventory(root);
    expect(inv.dependencies.map((d) => `${d.name}@${d.version} ${d.direct}`)).toEqual([
      '@openzeppelin/contracts@4.9.5 true',
    ]);
  });

  it('links remappings into node_modules to the package (or scope) the lockfile installed', () => {
    write('package.json', {
      dependencies: { '@openzeppelin/contracts': '4.7.0', '@openzeppelin/contracts-upgradeable': '4.7.0' },
    });
    write('package-lock.json', {
      lockfileVersion: 3,
      packages: {
        '': {
          dependencies: {
            '@openzeppelin/contracts': '4.7.0',
            '@openzeppelin/contracts-upgradeable': '4.7.0',
          },
        },
        'node_modules/@openzeppelin/contracts': { version: '4.7.0' },
        'node_modules/@openzeppelin/contracts-upgradeable': { version: '4.7.0' },
      },
    });
    write(
      'remappings.txt',
      '@openzeppelin/=node_modules/@openzeppelin/\noz/=node_modules/@openzeppelin/contracts/\n',
    );
    const inv = readInventory(root);
    expect(inv.remappings.map((r) => `${r.prefix} -> ${r.provider}`)).toEqual([
      '@openzeppelin/ -> @openzeppelin/contracts@4.7.0, @openzeppelin/contracts-upgradeable@4.7.0',
      'oz/ -> @openzeppelin/contracts@4.7.0',
    ]);
    expect(inv.dependencies.find((d) => d.name === '@openzeppelin/contracts')?.provides).toEqual([
      '@openzeppelin/',
      'oz/',
    ]);
  });

  it('refuses a path that is not a directory', () => {
    expect(() => readInventory(join(root, 'nope'))).toThrow(ArgusError);
    write('file.txt', 'x');
    expect(() => readInventory(join(root, 'file.txt'))).toThrow(/is not a directory/);
  });
});
