import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../src/audit/runAudit.js';

const DATA = resolve(import.meta.dirname, '..', '..', 'shared', 'data');
const SETS = ['smartbugs-curated/dataset', 'swc-registry/test_cases', 'not-so-smart-contracts'].map((p) =>
  join(DATA, p),
);
const available = SETS.every((p) => existsSync(p));

if (!available) {
  console.warn(
    `skipping audit robustness over the public datasets: ${DATA} is absent (clone ../shared beside the repo)`,
  );
}

describe.skipIf(!available)('argus audit over every public Solidity dataset', () => {
  it('analyses every file without a detector failing; only real syntax errors are reported', async () => {
    const report = await runAudit(SETS);
    expect(report.files).toBeGreaterThan(280);
    expect(report.errors.filter((e) => e.kind === 'detector')).toEqual([]);
    // Files the grammar rejects are reported with a position, never thrown; a parser breakdown says so.
    for (const error of report.errors) {
      if (error.line === undefined) expect(error.message).toMatch(/^the Solidity parser failed/);
      else expect(error.line).toBeGreaterThan(0);
    }
    expect(report.errors.length).toBeLessThan(5);
    for (const f of report.findings) {
      expect(f.startLine).toBeGreaterThan(0);
      expect(f.endLine).toBeGreaterThanOrEqual(f.startLine);
    }
  }, 120_000);
});
