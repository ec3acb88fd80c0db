import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advisorySeverity } from './advisorySeverity.js';
import type { OsvRecord } from './osvTypes.js';

const real = (id: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, 'fixtures', 'advisories', `${id}.json`), 'utf8'),
  ) as OsvRecord;

describe('advisorySeverity', () => {
  it("prefers the database's reviewed label and still reports the CVSS score", () => {
    expect(advisorySeverity(real('GHSA-4g63-c64m-25w9'))).toEqual({
      severity: 'high',
      cvss: 7.5,
      source: 'database_specific',
    });
    // GitHub says LOW and gives no vector.
    expect(advisorySeverity(real('GHSA-9vx6-7xxf-x967'))).toEqual({
      severity: 'low',
      source: 'database_specific',
    });
  });

  it('maps MODERATE to medium, falls back to the CVSS vector, then to unknown', () => {
    const base: OsvRecord = { id: 'T-1', modified: '2024-01-01T00:00:00Z' };
    expect(advisorySeverity({ ...base, database_specific: { severity: 'MODERATE' } }).severity).toBe(
      'medium',
    );
    expect(
      advisorySeverity({
        ...base,
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      }),
    ).toEqual({ severity: 'critical', cvss: 9.8, source: 'cvss_v3' });
    expect(advisorySeverity({ ...base, severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N' }] })).toEqual({
      severity: 'unknown',
      source: 'none',
    });
  });

  it('reads ratings on the affected entries when the record has none', () => {
    const r: OsvRecord = {
      id: 'T-2',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'p' },
          severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }],
        },
      ],
    };
    expect(advisorySeverity(r, r.affected)).toEqual({ severity: 'medium', cvss: 6.1, source: 'cvss_v3' });
  });
});
