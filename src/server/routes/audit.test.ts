import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../../app.js';
import type { AuditReportView } from '../../audit/report/storedReport.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import type { AuditReportSummary } from '../../store/types.js';
import { createApiKey } from '../apiKeys.js';

const BASE = ['pragma solidity ^0.4.24;', 'contract Base { address owner; }', ''].join('\n');
const BANK = [
  'pragma solidity ^0.4.24;',
  'import "./Base.sol";',
  'contract Bank is Base {',
  '  mapping(address => uint) balances;',
  '  function withdraw() public {',
  '    uint amount = balances[msg.sender];',
  '    require(msg.sender.call.value(amount)());',
  '    balances[msg.sender] = 0;',
  '  }',
  '  function kill() public { require(tx.origin == owner); selfdestruct(msg.sender); }',
  '}',
  '',
].join('\n');
const SAFE = ['pragma solidity 0.8.24;', 'contract Safe {', '  uint256 public x;', '}', ''].join('\n');

let dir: string;
let roots: string;
let outside: string;
let app: ArgusApp;
let auth: { authorization: string };

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'argus-audit-routes-')));
  roots = join(dir, 'projects');
  outside = join(dir, 'elsewhere');
  mkdirSync(join(roots, 'bank', 'contracts'), { recursive: true });
  mkdirSync(join(roots, 'empty'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(roots, 'bank', 'contracts', 'Bank.sol'), BANK);
  writeFileSync(join(roots, 'bank', 'contracts', 'Base.sol'), BASE);
  writeFileSync(join(roots, 'bank', 'README.md'), 'not Solidity');
  writeFileSync(join(outside, 'Secret.sol'), SAFE);
  // Links inside the root that lead out: a whole folder, and one file among the project's.
  symlinkSync(outside, join(roots, 'link-out'));
  symlinkSync(join(outside, 'Secret.sol'), join(roots, 'bank', 'contracts', 'Linked.sol'));

  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
    audit: { scanRoots: ['projects'] },
  });
  const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  auth = { authorization: `Bearer ${key}` };
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => app.server.inject({ method: 'GET', url, headers: auth });
const post = (url: string, payload: object) =>
  app.server.inject({ method: 'POST', url, headers: auth, payload });
const upload = (payload: object) => post('/v1/audit/reports', payload);
const scan = (directory: string) => post('/v1/audit/reports/scan', { directory });

describe('POST /v1/audit/reports (upload)', () => {
  it('audits the uploaded sources with the real engine, stores the report and returns it with excerpts', async () => {
    const res = await upload({
      name: 'treasury vault',
      files: [
        { path: 'contracts/Bank.sol', content: BANK },
        { path: 'contracts/Base.sol', content: BASE },
      ],
    });
    expect(res.statusCode).toBe(201);
    const report = res.json<AuditReportView>();
    expect(report).toMatchObject({ origin: 'upload', target: 'treasury vault', files: 2, errors: [] });
    expect(report.id).toMatch(/^aud_/);
    expect(report.counts.critical).toBe(0);
    expect(report.counts.high).toBe(report.findings.filter((f) => f.severity === 'high').length);
    expect(report.counts.high).toBeGreaterThan(0);
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(report.findings.length);

    const reentrancy = report.findings.find((f) => f.detector === 'reentrancy-eth');
    expect(reentrancy).toMatchObject({
      file: 'contracts/Bank.sol',
      startLine: 7,
      severity: 'high',
      confidence: expect.any(String),
      description: expect.any(String),
      recommendation: expect.any(String),
    });
    expect(reentrancy?.excerpt.filter((row) => 'line' in row && row.flagged)).toEqual([
      { line: 7, text: '    require(msg.sender.call.value(amount)());', flagged: true },
    ]);
    // tx-origin reads `owner` from the other uploaded file: the import between them resolved.
    expect(report.findings.some((f) => f.detector === 'tx-origin')).toBe(true);

    const again = await get(`/v1/audit/reports/${report.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toStrictEqual(report);
  });

  it('names a one-file upload after its path and reports a file that does not parse', async () => {
    const res = await upload({
      files: [{ path: 'Broken.sol', content: 'pragma solidity 0.8.24;\ncontract B { function f( }\n' }],
    });
    expect(res.statusCode).toBe(201);
    const report = res.json<AuditReportView>();
    expect(report.target).toBe('Broken.sol');
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([expect.objectContaining({ kind: 'parse', file: 'Broken.sol', line: 2 })]);
  });

  it.each([
    [{ files: [] }, 'files: upload at least one .sol file'],
    [{ files: [{ path: '/etc/Vault.sol', content: SAFE }] }, 'not an absolute one'],
    [{ files: [{ path: '../Vault.sol', content: SAFE }] }, 'without ".."'],
    [{ files: [{ path: 'contracts//Vault.sol', content: SAFE }] }, 'empty parts'],
    [{ files: [{ path: 'contracts\\Vault.sol', content: SAFE }] }, 'use forward slashes'],
    [{ files: [{ path: 'notes.txt', content: SAFE }] }, 'only Solidity sources (.sol)'],
    [{ files: [{ path: 'Vault.sol' }] }, 'files[0].content'],
    [{ files: [{ path: 'Vault.sol', content: 'x'.repeat(512 * 1024 + 1) }] }, 'at most 512 KiB of source'],
    [
      {
        files: [
          { path: 'A.sol', content: SAFE },
          { path: 'A.sol', content: SAFE },
        ],
      },
      'files[1].path: A.sol is uploaded twice',
    ],
    [
      {
        files: [
          { path: 'a.sol', content: SAFE },
          { path: 'a.sol/b.sol', content: SAFE },
        ],
      },
      'a.sol is both a file and the folder of another file',
    ],
    [
      {
        files: Array.from({ length: 5 }, (_, i) => ({ path: `F${i}.sol`, content: 'x'.repeat(500 * 1024) })),
      },
      'at most 2048 KiB per upload',
    ],
    [{ files: [{ path: 'A.sol', content: SAFE }], extra: 1 }, 'extra'],
  ])('refuses bad input with 400 and says what is wrong (%#)', async (payload, message) => {
    const res = await upload(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INPUT_INVALID' });
    expect(res.json().message).toContain(message);
  });

  it('needs an API key', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/v1/audit/reports',
      payload: { files: [{ path: 'A.sol', content: SAFE }] },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /v1/audit/reports/scan', () => {
  it('audits a folder under the scan roots, names files relative to it and skips links that lead out', async () => {
    const res = await scan(join(roots, 'bank'));
    expect(res.statusCode).toBe(201);
    const report = res.json<AuditReportView>();
    expect(report).toMatchObject({ origin: 'scan', target: join(roots, 'bank'), files: 2, errors: [] });
    const files = new Set(report.findings.map((f) => f.file));
    expect([...files].sort()).toEqual(['contracts/Bank.sol', 'contracts/Base.sol']);
    expect(report.findings.some((f) => f.detector === 'reentrancy-eth')).toBe(true);
  });

  it.each([
    ['a folder outside the roots', () => outside],
    ['a path that climbs out with ..', () => join(roots, '..', 'elsewhere')],
    ['a link inside the roots that leads out', () => join(roots, 'link-out')],
    ['a missing folder outside the roots (no hint that it is missing)', () => join(dir, 'nothing-here')],
    ['the filesystem root', () => '/'],
  ])('refuses %s with 403', async (_what, directory) => {
    const res = await scan(directory());
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('outside the folders it may scan'),
      hint: expect.stringContaining(roots),
    });
  });

  it('answers 404 for a missing folder, 400 for a file or a folder without Solidity, 400 for no directory', async () => {
    expect((await scan(join(roots, 'missing'))).statusCode).toBe(404);
    const file = await scan(join(roots, 'bank', 'contracts', 'Bank.sol'));
    expect(file.statusCode).toBe(400);
    expect(file.json().message).toContain('is a file, not a folder');
    const empty = await scan(join(roots, 'empty'));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('no .sol files');
    const none = await post('/v1/audit/reports/scan', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('directory');
  });
});

describe('GET /v1/audit/reports', () => {
  it('lists reports newest first with counts and no findings, in cursor pages, by origin and target', async () => {
    const target = `paging-${Date.now()}`;
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upload({ name: target, files: [{ path: `P${i}.sol`, content: SAFE }] });
      made.push(res.json<AuditReportView>().id);
    }
    const first = await get(`/v1/audit/reports?target=${target}&limit=2`);
    expect(first.statusCode).toBe(200);
    const page = first.json<{ items: AuditReportSummary[]; nextCursor?: string }>();
    expect(page.items.map((r) => r.id)).toEqual([made[2], made[1]]);
    expect(page.items[0]).toStrictEqual({
      id: made[2],
      createdAt: expect.any(Number),
      origin: 'upload',
      target,
      files: 1,
      counts: expect.objectContaining({ critical: 0, high: 0 }),
    });
    const second = await get(`/v1/audit/reports?target=${target}&limit=2&cursor=${page.nextCursor}`);
    expect(second.json()).toStrictEqual({ items: [expect.objectContaining({ id: made[0] })] });

    const scans = (await get('/v1/audit/reports?origin=scan&limit=500')).json<{
      items: AuditReportSummary[];
    }>();
    expect(scans.items.length).toBeGreaterThan(0);
    expect(scans.items.every((r) => r.origin === 'scan')).toBe(true);
    expect((await get('/v1/audit/reports?origin=nightly')).statusCode).toBe(400);
  });

  it('answers 404 for an unknown report, and deletes a report', async () => {
    expect((await get('/v1/audit/reports/aud_nope')).statusCode).toBe(404);
    const { id } = (await upload({ files: [{ path: 'Gone.sol', content: SAFE }] })).json<AuditReportView>();
    const del = () => app.server.inject({ method: 'DELETE', url: `/v1/audit/reports/${id}`, headers: auth });
    expect((await del()).statusCode).toBe(204);
    expect((await del()).statusCode).toBe(404);
    expect((await get(`/v1/audit/reports/${id}`)).statusCode).toBe(404);
  });
});
