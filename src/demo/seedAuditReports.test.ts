import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArgusApp, createArgusApp } from '../app.js';
import type { AuditReportView } from '../audit/report/storedReport.js';
import { ConfigSchema } from '../core/config/schema.js';
import { parsePolicy } from '../respond/policy/parsePolicy.js';
import { createApiKey } from '../server/apiKeys.js';
import type { AuditReportSummary } from '../store/types.js';
import { DEMO_AUDIT_TARGET, seedAuditReports } from './seedAuditReports.js';

let dir: string;
let app: ArgusApp;
let auth: { authorization: string };
let line: string;
let seconds: number;
const now = Date.UTC(2026, 4, 4, 9, 30);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-seed-audit-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy({ rules: [] }, 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  auth = { authorization: `Bearer ${(await createApiKey(app.store.apiKeys, 'test')).key}` };
  const started = performance.now();
  line = await seedAuditReports({ app, config, baseDir: dir, now });
  seconds = (performance.now() - started) / 1000;
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async <T>(url: string): Promise<T> => {
  const res = await app.server.inject({ method: 'GET', url, headers: auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

describe('seedAuditReports', () => {
  it('stores two real audits of the demo contracts, newest first, quickly', async () => {
    expect(seconds).toBeLessThan(2);
    const { items } = await get<{ items: AuditReportSummary[] }>('/v1/audit/reports');
    expect(items.map((r) => [r.origin, r.target, r.files, r.createdAt])).toEqual([
      ['demo', DEMO_AUDIT_TARGET, 3, now - 3_600_000],
      ['demo', DEMO_AUDIT_TARGET, 3, now - 72 * 3_600_000],
    ]);
    const [fixed, first] = items as [AuditReportSummary, AuditReportSummary];
    expect(first.counts.high).toBeGreaterThan(fixed.counts.high);
    expect(line).toMatch(
      /^2 audit reports of the treasury contracts \(3 files\): \d+ findings, then \d+ after/,
    );
  });

  it('finds the scripted alert’s reentrancy in the first vault, with its code, and not after the fix', async () => {
    const { items } = await get<{ items: AuditReportSummary[] }>('/v1/audit/reports');
    const [fixed, first] = (await Promise.all(
      items.map((r) => get<AuditReportView>(`/v1/audit/reports/${r.id}`)),
    )) as [AuditReportView, AuditReportView];
    const reentrancy = first.findings.find((f) => f.detector === 'reentrancy-eth');
    expect(reentrancy).toMatchObject({
      file: 'contracts/Vault.sol',
      contract: 'Vault',
      function: 'withdraw',
    });
    expect(reentrancy?.excerpt).toContainEqual({
      line: reentrancy?.startLine,
      text: '        (bool ok, ) = msg.sender.call{value: amount}("");',
      flagged: true,
    });
    expect(first.errors).toEqual([]);
    expect(fixed.findings.filter((f) => f.file === 'contracts/Vault.sol' && f.severity === 'high')).toEqual(
      [],
    );
    expect(fixed.findings.filter((f) => f.file === 'legacy/Rewards.sol')).toHaveLength(
      first.findings.filter((f) => f.file === 'legacy/Rewards.sol').length,
    );
  });
});
