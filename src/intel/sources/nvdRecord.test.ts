import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNvdTime, nvdDocument, parseNvdTime, parseNvdVulnerability } from './nvdRecord.js';

const page = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/nvd/cves-page-0.json'), 'utf8'));

describe('NVD records', () => {
  it('reads NVD times without a zone as UTC and writes the form the API expects', () => {
    expect(parseNvdTime('2021-12-10T10:15:09.143')).toBe(Date.UTC(2021, 11, 10, 10, 15, 9, 143));
    expect(parseNvdTime('2021-12-10T10:15:09.143+01:00')).toBe(Date.UTC(2021, 11, 10, 9, 15, 9, 143));
    expect(parseNvdTime('10 Dec 2021')).toBeNaN();
    expect(formatNvdTime(Date.UTC(2024, 0, 2, 3, 4, 5, 6))).toBe('2024-01-02T03:04:05.006+00:00');
  });

  it('turns a CVE with CVSS v3.1 metrics into an advisory document', () => {
    const parsed = parseNvdVulnerability(page.vulnerabilities[0]);
    if (!parsed.ok) throw new Error(parsed.reason);
    const doc = nvdDocument(parsed.cve, 'https://services.nvd.nist.gov/rest/json/cves/2.0');
    expect(doc).toMatchObject({
      id: 'nvd:CVE-2021-44228',
      source: 'nvd',
      kind: 'advisory',
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
      publishedAt: Date.UTC(2021, 11, 10, 10, 15, 9, 143),
      modifiedAt: Date.UTC(2024, 3, 3, 17, 15, 8, 310),
    });
    // The English description, not the Spanish one; the title is its first sentence, cut at a word.
    expect(doc.body).toMatch(/^Apache Log4j2 2\.0-beta9 through 2\.15\.0/);
    expect(doc.body).not.toContain('Las funciones');
    expect(doc.title.startsWith('CVE-2021-44228: Apache Log4j2 2.0-beta9 through 2.15.0')).toBe(true);
    expect(doc.title.endsWith('…')).toBe(true);
    expect(doc.title.length).toBeLessThanOrEqual('CVE-2021-44228: '.length + 120);
    const raw = JSON.parse(doc.raw);
    expect(raw.metrics.cvssMetricV31[0].cvssData).toMatchObject({ baseScore: 10, baseSeverity: 'CRITICAL' });
    expect(raw.configurations[0].nodes[0].cpeMatch).toHaveLength(2);
  });

  it('rejects a CVE whose CVSS v3.1 data is not what the schema says, naming the key', () => {
    const bad = structuredClone(page.vulnerabilities[1]);
    bad.cve.metrics.cvssMetricV31[0].cvssData.baseScore = 11;
    bad.cve.metrics.cvssMetricV31[0].cvssData.vectorString = 'AV:N/AC:L';
    const parsed = parseNvdVulnerability(bad);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toMatch(
      /^CVE-2022-25883: cve\.metrics\.cvssMetricV31\[0\]\.cvssData\.vectorString/,
    );
    expect(parsed.reason).toContain('baseScore');
  });
});
