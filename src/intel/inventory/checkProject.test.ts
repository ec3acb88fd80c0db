import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from './checkProject.js';
import type { InventoryDependency } from './inventory.js';
import { readInventory } from './inventory.js';
import { FIXTURES } from './projectFixture.fixture.js';

const ADVISORIES = join(FIXTURES, 'advisories');
const docs = readdirSync(ADVISORIES)
  .sort()
  .map((f) => ({ id: `osv:${f.replace(/\.json$/, '')}`, raw: readFileSync(join(ADVISORIES, f), 'utf8') }));

function dep(
  name: string,
  version: string | undefined,
  extra: Partial<InventoryDependency> = {},
): InventoryDependency {
  const path = `package-lock.json#node_modules/${name}`;
  return { ecosystem: 'npm', name, version, direct: true, path, paths: [path], ...extra };
}

describe('checkProject', () => {
  it('finds what the hardhat fixture is exposed to, with the fixed version, severity and paths', async () => {
    const result = await checkProject(readInventory(join(FIXTURES, 'hardhat')), docs);
    expect(result.advisories).toEqual({ read: 3, relevant: 3, withdrawn: 0, rejected: [] });
    expect(result.unevaluated).toEqual([]);
    expect(
      result.findings.map((f) => `${f.severity} ${f.package}@${f.installed} ${f.advisory} -> ${f.fixed}`),
    ).toEqual([
      'high @openzeppelin/contracts@4.7.0 GHSA-4g63-c64m-25w9 -> 4.7.1',
      'high lodash@4.17.20 GHSA-35jh-r3h4-6jhm -> 4.17.21',
      'low @openzeppelin/contracts@4.7.0 GHSA-9vx6-7xxf-x967 -> 4.9.6',
    ]);
    expect(result.findings[1]).toEqual({
      package: 'lodash',
      ecosystem: 'npm',
      installed: '4.17.20',
      advisory: 'GHSA-35jh-r3h4-6jhm',
      aliases: ['CVE-2021-23337'],
      summary: 'Command Injection in lodash',
      severity: 'high',
      cvss: 7.2,
      fixed: '4.17.21',
      direct: false,
      dev: true,
      via: ['hardhat'],
      paths: ['package-lock.json#node_modules/lodash'],
      url: 'https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm',
    });
  });

  it('matches a Foundry library by the npm name in its package.json', async () => {
    const result = await checkProject(readInventory(join(FIXTURES, 'foundry')), docs);
    expect(result.findings.map((f) => `${f.package}@${f.installed} ${f.advisory} ${f.fixed}`)).toEqual([
      '@openzeppelin/contracts@4.9.3 GHSA-9vx6-7xxf-x967 4.9.6',
    ]);
  });

  it('ignores withdrawn records, counts rejected ones, and skips records for packages not installed', async () => {
    const lodash = JSON.parse(docs.find((d) => d.id.includes('35jh'))?.raw ?? '{}');
    const result = await checkProject({ dependencies: [dep('lodash', '4.17.20')] }, [
      {
        id: 'osv:withdrawn',
        raw: JSON.stringify({ ...lodash, id: 'GHSA-wdrn-0000-0000', withdrawn: '2023-01-01T00:00:00Z' }),
      },
      { id: 'nvd:CVE-2021-23337', raw: JSON.stringify({ cve: { id: 'CVE-2021-23337' } }) },
      { id: 'osv:broken', raw: '{"id": "GHSA-x", ' },
      ...docs,
    ]);
    expect(result.advisories.read).toBe(6);
    expect(result.advisories.withdrawn).toBe(1);
    expect(result.advisories.relevant).toBe(1);
    expect(result.advisories.rejected.map((r) => r.id)).toEqual(['nvd:CVE-2021-23337', 'osv:broken']);
    expect(result.findings.map((f) => f.advisory)).toEqual(['GHSA-35jh-r3h4-6jhm']);
  });

  it('reports what it could not evaluate instead of calling it safe', async () => {
    const result = await checkProject(
      {
        dependencies: [
          dep('@openzeppelin/contracts', undefined, { declared: '^4.8.0' }),
          dep('lodash', 'git+https://github.com/lodash/lodash.git#2da024c3b4f9947a48517639de7560457cd4ec6c'),
        ],
      },
      docs,
    );
    expect(result.findings).toEqual([]);
    expect(result.unevaluated.map((u) => `${u.package} ${u.advisory}: ${u.reason}`)).toEqual([
      '@openzeppelin/contracts GHSA-4g63-c64m-25w9: version unknown (declared ^4.8.0, no lockfile)',
      '@openzeppelin/contracts GHSA-9vx6-7xxf-x967: version unknown (declared ^4.8.0, no lockfile)',
      'lodash GHSA-35jh-r3h4-6jhm: installed version "git+https://github.com/lodash/lodash.git#2da024c3b4f9947a48517639de7560457cd4ec6c" is not a semantic version; only exact listings checked',
    ]);
  });

  it('reads advisories from an async iterable (the store pages them)', async () => {
    async function* paged() {
      for (const d of docs) yield d;
    }
    const result = await checkProject({ dependencies: [dep('lodash-es', '4.17.15')] }, paged());
    expect(result.findings.map((f) => `${f.package} ${f.fixed}`)).toEqual(['lodash-es 4.17.21']);
  });
});
