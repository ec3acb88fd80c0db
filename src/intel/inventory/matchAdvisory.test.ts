import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { matchAdvisory } from './matchAdvisory.js';
import type { OsvAffected, OsvRecord } from './osvTypes.js';

const ADVISORIES = join(import.meta.dirname, 'fixtures', 'advisories');
const real = (id: string) => JSON.parse(readFileSync(join(ADVISORIES, `${id}.json`), 'utf8')) as OsvRecord;

function record(affected: OsvAffected[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id: 'TEST-0001', modified: '2024-01-01T00:00:00Z', affected, ...extra };
}

function npm(ranges: OsvAffected['ranges'], versions?: string[], name = 'pkg'): OsvAffected {
  return {
    package: { ecosystem: 'npm', name },
    ...(ranges ? { ranges } : {}),
    ...(versions ? { versions } : {}),
  };
}

const check = (r: OsvRecord, version: string, name = 'pkg') =>
  matchAdvisory(r, { ecosystem: 'npm', name, version });

type Row = [version: string, affected: boolean, fixed?: string];

function table(r: OsvRecord, rows: Row[]) {
  for (const [version, affected, fixed] of rows) {
    const m = check(r, version);
    expect({ version, affected: m?.affected, fixed: m?.fixed }).toEqual({ version, affected, fixed });
  }
}

describe('matchAdvisory: SEMVER and ECOSYSTEM event lists', () => {
  it('introduced "0" sorts before every version, prereleases included; fixed is excluded', () => {
    table(record([npm([{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.2' }] }])]), [
      ['0.0.0-alpha', true, '1.0.2'],
      ['0.0.1', true, '1.0.2'],
      ['1.0.1', true, '1.0.2'],
      ['1.0.2', false],
      ['1.0.3', false],
      ['2.0.0', false],
    ]);
  });

  it('a prerelease of the fixed version precedes it and is still affected; build metadata is ignored', () => {
    const r = record([npm([{ type: 'ECOSYSTEM', events: [{ introduced: '4.5.0' }, { fixed: '4.9.6' }] }])]);
    table(r, [
      ['4.9.6-rc.0', true, '4.9.6'],
      ['4.9.6+build.7', false],
      ['4.5.0-beta.1', false],
      ['4.5.0', true, '4.9.6'],
    ]);
    // Why compare() and not a range: satisfies() hides prereleases and would call this safe.
    expect(semver.satisfies('4.9.6-rc.0', '>=4.5.0 <4.9.6')).toBe(false);
  });

  it('several introduced/fixed pairs in one range, given out of order, are sorted first', () => {
    const r = record([
      npm([
        {
          type: 'SEMVER',
          events: [{ fixed: '3.2.5' }, { introduced: '1.0.0' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }],
        },
      ]),
    ]);
    table(r, [
      ['0.9.9', false],
      ['1.0.0', true, '1.0.2'],
      ['1.0.1', true, '1.0.2'],
      ['1.0.2', false],
      ['2.5.0', false],
      ['3.0.0-beta.2', false],
      ['3.0.0', true, '3.2.5'],
      ['3.2.4', true, '3.2.5'],
      ['3.2.5', false],
      ['4.0.0', false],
    ]);
  });

  it('last_affected is inclusive and gives no fixed version', () => {
    const r = record([
      npm([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '2.1.214' }] }]),
    ]);
    expect(check(r, '2.1.214')).toEqual({ affected: true, lastAffected: '2.1.214', problems: [] });
    expect(check(r, '2.1.214+local')?.affected).toBe(true);
    expect(check(r, '2.1.215-rc.1')?.affected).toBe(false);
    expect(check(r, '2.1.215')?.affected).toBe(false);
    expect(check(r, '1.0.0')).toEqual({ affected: true, lastAffected: '2.1.214', problems: [] });
  });

  it('an open range (introduced only) affects everything after it and has no fix', () => {
    const r = record([npm([{ type: 'SEMVER', events: [{ introduced: '1.0.0' }] }])]);
    expect(check(r, '0.9.0')?.affected).toBe(false);
    expect(check(r, '99.0.0')).toEqual({ affected: true, problems: [] });
  });

  it('limit bounds the range from above; "*" means no bound', () => {
    const bounded = record([npm([{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '2.0.0' }] }])]);
    table(bounded, [
      ['1.9.9', true],
      ['2.0.0', false],
      ['3.0.0', false],
    ]);
    const open = record([npm([{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '*' }] }])]);
    expect(check(open, '3.0.0')?.affected).toBe(true);
  });

  it('several ranges in one entry: affected if inside any', () => {
    const r = record([
      npm([
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.5.0' }] },
        { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.2.0' }] },
      ]),
    ]);
    table(r, [
      ['1.0.0', true, '1.5.0'],
      ['1.7.0', false],
      ['2.1.0', true, '2.2.0'],
      ['2.2.0', false],
    ]);
  });

  it('several affected entries for one package combine (GHSA-9vx6-7xxf-x967: 4.x and 5.x lines)', () => {
    const r = real('GHSA-9vx6-7xxf-x967');
    const oz = (v: string) => check(r, v, '@openzeppelin/contracts');
    expect(oz('4.4.9')?.affected).toBe(false);
    expect(oz('4.5.0')).toMatchObject({ affected: true, fixed: '4.9.6' });
    expect(oz('4.9.5')).toMatchObject({ affected: true, fixed: '4.9.6' });
    expect(oz('4.9.6')?.affected).toBe(false);
    expect(oz('5.0.0-rc.0')).toMatchObject({ affected: true, fixed: '5.0.2' });
    expect(oz('5.0.1')).toMatchObject({ affected: true, fixed: '5.0.2' });
    expect(oz('5.0.2')?.affected).toBe(false);
    expect(check(r, '4.8.0', '@openzeppelin/contracts-upgradeable')).toMatchObject({
      affected: true,
      fixed: '4.9.6',
    });
  });

  it('the fixed version offered is the lowest one the record does not pull back in', () => {
    const r = record([
      npm([
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] },
        // The 1.0.1 fix shipped a regression, fixed again in 1.0.3.
        { type: 'SEMVER', events: [{ introduced: '1.0.1' }, { fixed: '1.0.3' }] },
      ]),
    ]);
    expect(check(r, '1.0.0')).toMatchObject({ affected: true, fixed: '1.0.3' });
    expect(check(r, '1.0.1')).toMatchObject({ affected: true, fixed: '1.0.3' });
  });
});

describe('matchAdvisory: versions lists, other packages, withdrawn and invalid input', () => {
  it('an explicit versions list matches exactly (and by SemVer equality)', () => {
    const r = record([npm(undefined, ['1.2.3', 'v1.4.0'])]);
    expect(check(r, '1.2.3')?.affected).toBe(true);
    expect(check(r, '1.4.0')?.affected).toBe(true);
    expect(check(r, '1.2.4')?.affected).toBe(false);
  });

  it('GIT ranges are skipped; the versions list beside them still counts', () => {
    const r = record([
      npm(
        [{ type: 'GIT', repo: 'https://github.com/o/pkg', events: [{ introduced: 'a'.repeat(40) }] }],
        ['2.0.0'],
      ),
    ]);
    expect(check(r, '2.0.0')).toEqual({ affected: true, problems: [] });
    expect(check(r, '2.0.1')).toEqual({ affected: false, problems: [] });
  });

  it('returns undefined for a package or ecosystem the record does not name', () => {
    const r = real('GHSA-35jh-r3h4-6jhm');
    expect(check(r, '4.17.20', 'underscore')).toBeUndefined();
    expect(matchAdvisory(r, { ecosystem: 'PyPI', name: 'lodash', version: '4.17.20' })).toBeUndefined();
    expect(check(r, '4.17.20', 'lodash-es')).toMatchObject({ affected: true, fixed: '4.17.21' });
  });

  it('a withdrawn record never matches', () => {
    const r = real('GHSA-35jh-r3h4-6jhm');
    const withdrawn = { ...r, withdrawn: '2023-01-01T00:00:00Z' };
    expect(check(r, '4.17.20', 'lodash')?.affected).toBe(true);
    expect(check(withdrawn, '4.17.20', 'lodash')).toEqual({
      affected: false,
      withdrawn: '2023-01-01T00:00:00Z',
      problems: [],
    });
  });

  it('an installed version that is not SemVer is reported, not crashed on; only exact listings can match', () => {
    const r = record([npm([{ type: 'SEMVER', events: [{ introduced: '0' }] }], ['github:o/pkg#abc'])]);
    const git = check(r, 'git+https://github.com/o/pkg.git#deadbeef');
    expect(git?.affected).toBe(false);
    expect(git?.problems[0]).toMatch(/not a semantic version/);
    expect(check(r, 'github:o/pkg#abc')?.affected).toBe(true);
  });

  it('a range with an unparseable version is reported and skipped; other ranges still count', () => {
    const r = record([
      npm([
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'latest-ish' }] },
        { type: 'SEMVER', events: [{ introduced: '3.0.0' }, { fixed: '3.1.0' }] },
      ]),
    ]);
    const old = check(r, '1.0.0');
    expect(old?.affected).toBe(false);
    expect(old?.problems).toEqual([
      'TEST-0001 affected[0].ranges[0]: fixed "latest-ish" is not a semantic version; range not evaluated',
    ]);
    expect(check(r, '3.0.5')).toMatchObject({ affected: true, fixed: '3.1.0' });
  });

  it('loose versions such as v1.2.0 in events are read as npm reads them', () => {
    const r = record([npm([{ type: 'ECOSYSTEM', events: [{ introduced: 'v1.2.0' }, { fixed: 'v1.3.0' }] }])]);
    expect(check(r, '1.2.5')).toMatchObject({ affected: true, fixed: '1.3.0', problems: [] });
  });
});
