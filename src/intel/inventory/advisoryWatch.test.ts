import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../core/config/schema.js';
import { openStore } from '../../store/openStore.js';
import { osvDocument, parseOsvRecord } from '../sources/osvRecord.js';
import {
  ADVISORY_DETECTOR,
  advisoryAlert,
  advisorySubjectId,
  alertedAdvisorySubjects,
  watchAdvisories,
  watchStoredAdvisories,
} from './advisoryWatch.js';
import type { InventoryFinding } from './checkProject.js';
import { copyFixture, FIXTURES } from './projectFixture.fixture.js';

const ADVISORIES = join(FIXTURES, 'advisories');
const HARDHAT = join(FIXTURES, 'hardhat');
const foundry = copyFixture('foundry');
afterAll(() => foundry.remove());

function documents(): ReturnType<typeof osvDocument>[] {
  return readdirSync(ADVISORIES).map((file) => {
    const parsed = parseOsvRecord(JSON.parse(readFileSync(join(ADVISORIES, file), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.reason);
    return osvDocument(parsed.record, ADVISORIES);
  });
}

describe('watchAdvisories', () => {
  it('raises one intel.advisory alert per advisory, package version and project', async () => {
    const result = await watchAdvisories({
      projects: [HARDHAT, foundry.dir],
      advisories: documents,
      alerted: new Set(),
    });
    expect(result.advisories.read).toBe(3);
    expect(result.projects.map((p) => [p.dir, p.findings.length, p.newFindings.length])).toEqual([
      [HARDHAT, 3, 3],
      [foundry.dir, 1, 1],
    ]);
    expect(result.alerts).toHaveLength(4);
    expect(new Set(result.alerts.map((a) => a.subject.id)).size).toBe(4);
    const lodash = result.alerts.find((a) => a.subject.attributes?.package === 'lodash');
    expect(lodash).toMatchObject({
      area: 'intel',
      detector: ADVISORY_DETECTOR,
      severity: 'high',
      subject: {
        kind: 'package',
        id: `lodash@4.17.20 GHSA-35jh-r3h4-6jhm ${HARDHAT}`,
        attributes: {
          package: 'lodash',
          version: '4.17.20',
          ecosystem: 'npm',
          advisory: 'GHSA-35jh-r3h4-6jhm',
          project: HARDHAT,
          direct: false,
          dev: true,
          fixed: '4.17.21',
        },
      },
      title: `GHSA-35jh-r3h4-6jhm affects lodash 4.17.20 in ${HARDHAT}`,
    });
    expect(lodash?.explanation).toContain(
      'GHSA-35jh-r3h4-6jhm (CVE-2021-23337): Command Injection in lodash.',
    );
    expect(lodash?.explanation).toContain(
      `lodash 4.17.20 is installed in ${HARDHAT} as pulled in via hardhat, for development only`,
    );
    expect(lodash?.explanation).toContain('Fixed in 4.17.21: upgrade lodash to 4.17.21 or later.');
    expect(lodash?.evidence).toContainEqual({
      kind: 'path',
      nodes: [HARDHAT, 'hardhat', 'lodash@4.17.20'],
      label: 'dependency path',
    });
    expect(lodash?.evidence).toContainEqual({ kind: 'fact', name: 'fixed', value: '4.17.21' });
    // The score follows the CVSS base score when the record has one (7.2 for this vector).
    expect(lodash?.score).toBeCloseTo(0.72, 2);
    const oz = result.alerts.find((a) => a.subject.id.startsWith('@openzeppelin/contracts@4.7.0 GHSA-4g63'));
    expect(oz?.subject.attributes?.direct).toBe(true);
    expect(oz?.evidence).toContainEqual({
      kind: 'path',
      nodes: [HARDHAT, '@openzeppelin/contracts@4.7.0'],
      label: 'dependency path',
    });
  });

  it('skips findings already alerted and still alerts the others', async () => {
    const first = await watchAdvisories({ projects: [HARDHAT], advisories: documents, alerted: new Set() });
    const alerted = new Set([first.alerts[0]?.subject.id as string]);
    const second = await watchAdvisories({ projects: [HARDHAT], advisories: documents, alerted });
    expect(second.alreadyAlerted).toBe(1);
    expect(second.alerts.map((a) => a.subject.id)).toEqual(first.alerts.slice(1).map((a) => a.subject.id));
    expect(second.projects[0]?.findings).toHaveLength(3);
    expect(second.projects[0]?.newFindings).toHaveLength(2);
  });

  it('reports an unreadable project and checks the rest', async () => {
    const result = await watchAdvisories({
      projects: [join(FIXTURES, 'no-such-project'), HARDHAT, HARDHAT],
      advisories: documents,
      alerted: new Set(),
    });
    expect(result.projects).toHaveLength(2);
    expect(result.projects[0]?.error).toMatch(/is not a directory/);
    expect(result.alerts).toHaveLength(3);
  });

  it('raises an unrated advisory as medium and says so; no fix is said plainly', () => {
    const finding: InventoryFinding = {
      package: 'left-pad',
      ecosystem: 'npm',
      installed: '1.0.0',
      advisory: 'GHSA-xxxx-yyyy-zzzz',
      aliases: [],
      summary: 'Something bad.',
      severity: 'unknown',
      lastAffected: '1.3.0',
      direct: true,
      paths: ['package-lock.json#node_modules/left-pad'],
      url: 'https://osv.dev/vulnerability/GHSA-xxxx-yyyy-zzzz',
    };
    const alert = advisoryAlert(finding, '/srv/app');
    expect(alert.severity).toBe('medium');
    expect(alert.score).toBe(0.5);
    expect(alert.explanation).toContain('GHSA-xxxx-yyyy-zzzz: Something bad. left-pad 1.0.0');
    expect(alert.explanation).toContain('The advisory gives no severity; raised as medium.');
    expect(alert.explanation).toContain('No fixed version is published; 1.3.0 is the last affected one');
  });

  it('keeps subject ids within 256 characters and distinct for long project paths', () => {
    const finding = { package: 'lodash', installed: '4.17.20', advisory: 'GHSA-35jh-r3h4-6jhm' };
    const long = (tail: string) => `/${'deep/'.repeat(60)}${tail}`;
    const a = advisorySubjectId(finding, long('app'));
    const b = advisorySubjectId(finding, long('api').replace('deep/deep', 'deep/keep'));
    expect(a.length).toBeLessThanOrEqual(256);
    expect(a).toMatch(/^lodash@4\.17\.20 GHSA-35jh-r3h4-6jhm app#[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });
});

describe('watchStoredAdvisories', () => {
  it('reads the OSV documents and the alerted subjects from the store', async () => {
    const store = await openStore(ConfigSchema.parse({ store: { sqlite: { path: ':memory:' } } }).store, '.');
    try {
      await store.intelDocuments.upsertMany(documents().map((d) => ({ ...d, entities: [] })));
      const first = await watchStoredAdvisories(store, [HARDHAT]);
      expect(first.alerts).toHaveLength(3);
      const now = Date.now();
      const [raised] = first.alerts;
      if (!raised) throw new Error('no alert');
      await store.pipeline.commitNew(
        {
          ...raised,
          evidence: raised.evidence ?? [],
          context: {},
          id: 'alt_1',
          dedupeKey: `intel|${ADVISORY_DETECTOR}|package||${raised.subject.id}`,
          occurredAt: now,
          firstSeenAt: now,
          lastSeenAt: now,
          count: 1,
          status: 'resolved',
        },
        [],
      );
      expect(await alertedAdvisorySubjects(store.alerts)).toEqual(new Set([raised.subject.id]));
      const second = await watchStoredAdvisories(store, [HARDHAT]);
      expect(second.alreadyAlerted).toBe(1);
      expect(second.alerts).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
