import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWebRoot } from '../src/server/staticWeb.js';
import { sampleAlert, startTestApp, type TestApp } from './support/testApp.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`dashboard e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

let app: TestApp;
let address: string;
let browser: Browser;

const rows = (page: Page) => page.locator('table.alerts tbody tr');
const row = (page: Page, title: string) => rows(page).filter({ hasText: title });

describe.skipIf(!haveChromium)('dashboard in headless Chromium', () => {
  beforeAll(async () => {
    // Running from source: the server serves dist/web, so build it once if it is not there.
    if (!findWebRoot()) {
      const { build } = await import('vite');
      await build({ root: join(import.meta.dirname, '..', 'web'), logLevel: 'warn' });
    }
    const dir = mkdtempSync(join(tmpdir(), 'argus-dashboard-'));
    app = await startTestApp({ config: { store: { sqlite: { path: join(dir, 'argus.db') } } } });
    address = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const pipeline = app.responder.pipeline;
    await pipeline.ingest(sampleAlert());
    await pipeline.ingest(
      sampleAlert({
        area: 'graph',
        detector: 'sanctions-exposure',
        subject: { kind: 'address', id: '0xabc1' },
        severity: 'critical',
        title: 'Funds two hops from a sanctioned mixer',
        explanation: '38% of inflows trace back to a sanctioned address',
        evidence: [{ kind: 'path', nodes: ['0xmixer', '0xhop', '0xabc1'], share: 0.38 }],
      }),
    );
    await pipeline.ingest(
      sampleAlert({
        area: 'auth',
        detector: 'credential-stuffing',
        subject: { kind: 'user', id: 'u-7' },
        severity: 'medium',
        score: 0.6,
        title: 'Credential stuffing against u-7',
        explanation: '140 failed logins from 37 IPs in 5 minutes',
        evidence: [
          { kind: 'feature', name: 'failed_logins_5m', value: 140, baseline: 2 },
          { kind: 'feature', name: 'distinct_ips_5m', value: 37, baseline: 1 },
        ],
      }),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows nothing but the login page without a key, and refuses a wrong key', async () => {
    const page = await browser.newPage();
    await page.goto(`${address}/`);
    await expect(page.getByLabel('API key').isVisible()).resolves.toBe(true);
    expect(await rows(page).count()).toBe(0);
    await page.getByLabel('API key').fill('argus_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('that key was refused').waitFor();
    await page.close();
  });

  it('lists alerts, receives a new one live, keeps an acknowledgement across a reload, opens a detail', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(`${address}/#key=${app.key}`);
    await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
    expect(await rows(page).count()).toBe(3);
    expect(page.url()).not.toContain('key=');

    await app.responder.pipeline.ingest(
      sampleAlert({
        detector: 'velocity-limit',
        subject: { kind: 'account', id: 'acct-9' },
        title: 'Withdrawal velocity 12x the account norm',
      }),
    );
    await row(page, 'Withdrawal velocity').waitFor();
    expect(await rows(page).count()).toBe(4);

    const target = row(page, 'Credential stuffing');
    await target.getByRole('button', { name: 'Acknowledge' }).click();
    await target.locator('td.status', { hasText: 'acknowledged' }).waitFor();
    await page.reload();
    await row(page, 'Credential stuffing').locator('td.status', { hasText: 'acknowledged' }).waitFor();
    const stored = (await app.store.alerts.list({ limit: 10 })).items.find((a) => a.subject.id === 'u-7');
    expect(stored?.status).toBe('acknowledged');

    await page.getByLabel('Status').selectOption('acknowledged');
    await page.waitForFunction(() => document.querySelectorAll('table.alerts tbody tr').length === 1);
    await page.getByLabel('Status').selectOption('');
    await page.waitForFunction(() => document.querySelectorAll('table.alerts tbody tr').length === 4);

    await row(page, 'Credential stuffing').locator('td.title').click();
    const detail = page.getByRole('complementary', { name: 'alert detail' });
    await detail.getByText('140 failed logins from 37 IPs').waitFor();
    expect(await detail.locator('svg rect').count()).toBe(4);
    expect(page.url()).toMatch(/\/alerts\/[^/]+$/);

    await row(page, 'sanctioned mixer').locator('td.title').click();
    await detail.getByText('0xmixer → 0xhop → 0xabc1').waitFor();
    await detail.getByRole('button', { name: 'Resolve' }).click();
    await detail.locator('.status', { hasText: 'resolved' }).waitFor();

    // A client route survives a reload: the server answers it with the app.
    await page.reload();
    await detail.getByText('0xmixer → 0xhop → 0xabc1').waitFor();

    await page.close();
  }, 60_000);
});
