import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWebRoot } from '../src/server/staticWeb.js';
import { TSX_LOADER } from './support/tsxLoader.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`dashboard demo e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
}
const MAIN = resolve(import.meta.dirname, '../src/cli/main.ts');
const SCREENSHOTS = process.env.ARGUS_SCREENSHOTS ? join(import.meta.dirname, '..', 'docs') : undefined;

let server: ChildProcess | undefined;
let output = '';
let address: string;
let key: string;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'argus-demo-e2e-'));

/** `argus serve --demo` as a user starts it, from source, on a free port; resolves with the printed login link. */
function startDemo(): Promise<{ address: string; key: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN, 'serve', '--demo', '--port', '0'], {
      cwd: dir,
      env: { ...process.env, ARGUS_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const open = /open (http:\/\/[^\s/]+)\/#key=(\S+)/.exec(output);
      if (open?.[1] && open[2]) resolvePromise({ address: open[1], key: open[2] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`argus serve --demo exited with ${code}:\n${output}`)));
  });
}

const rows = (page: Page) => page.locator('table.alerts tbody tr');
const row = (page: Page, title: string) => rows(page).filter({ hasText: title });

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${address}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

describe.skipIf(!haveChromium)('dashboard against `argus serve --demo` in headless Chromium', () => {
  beforeAll(async () => {
    if (!findWebRoot()) {
      const { build } = await import('vite');
      await build({ root: join(import.meta.dirname, '..', 'web'), logLevel: 'warn' });
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    ({ address, key } = await startDemo());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the demo alerts arriving live, keeps an acknowledgement across a reload and opens a detail', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${address}/#key=${key}`);
    await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();

    // The scripted replay keeps adding alerts; one more arrives over the API while the page is open.
    await row(page, 'Withdrawal to an OFAC-sanctioned address').waitFor({ timeout: 20_000 });
    const before = await rows(page).count();
    await api('/v1/alerts', {
      method: 'POST',
      body: JSON.stringify({
        area: 'monitor',
        detector: 'e2e-live-check',
        subject: { kind: 'account', id: 'acct-e2e' },
        severity: 'medium',
        score: 0.7,
        title: 'Live check from the e2e test',
        explanation: 'posted while the page was open',
      }),
    });
    await row(page, 'Live check from the e2e test').waitFor();
    expect(await rows(page).count()).toBeGreaterThan(before);

    const target = row(page, 'Dormant account withdraws 250 ETH');
    await target.getByRole('button', { name: 'Acknowledge' }).click();
    await target.locator('td.status', { hasText: 'acknowledged' }).waitFor();
    await page.reload();
    await row(page, 'Dormant account withdraws 250 ETH')
      .locator('td.status', { hasText: 'acknowledged' })
      .waitFor();

    // One subject's alerts: the filter goes to the server and holds for alerts that arrive live.
    await row(page, 'Dormant account withdraws 250 ETH').getByRole('button', { name: 'acct-1042' }).click();
    await page.getByTestId('subject-filter').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table.alerts tbody tr').length === 1);
    await page.getByRole('button', { name: 'all subjects' }).click();
    await row(page, 'Live check from the e2e test').waitFor();

    await row(page, 'Dormant account withdraws 250 ETH').locator('td.title').click();
    const detail = page.getByRole('complementary', { name: 'alert detail' });
    await detail.getByText('inactive for 212 days').waitFor();
    expect(await detail.locator('svg rect').count()).toBeGreaterThan(0);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-alerts.png') });
    await page.close();
  }, 90_000);

  it('opens the graph view of a graph alert: the neighbourhood is drawn from the stored graph', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${address}/#key=${key}`);
    await row(page, 'Withdrawal to an OFAC-sanctioned address').locator('td.title').click();
    await page.getByTestId('open-graph-view').click();
    expect(page.url()).toContain('/addresses/ethereum/');
    const graph = page.locator('[data-testid="neighbourhood-graph"][data-ready="true"]');
    await graph.waitFor({ timeout: 20_000 });
    expect(Number(await graph.getAttribute('data-node-count'))).toBeGreaterThan(1);
    expect(Number(await graph.getAttribute('data-edge-count'))).toBeGreaterThan(0);
    await page
      .getByTestId('address-labels')
      .getByText(/sanction/i)
      .first()
      .waitFor();
    await page.getByTestId('address-activity').waitFor();
    // The drawn neighbours are links to their own pages; following one draws that address's graph.
    const first = await page.getByTestId('address-title').textContent();
    await page.getByTestId('neighbourhood-table').locator('a').nth(1).click();
    await page.waitForFunction((before) => {
      const title = document.querySelector('[data-testid="address-title"]')?.textContent;
      return title !== null && title !== undefined && title !== before;
    }, first);
    await page.locator('[data-testid="neighbourhood-graph"][data-ready="true"]').waitFor();
    await page.goBack();
    await graph.waitFor();
    if (SCREENSHOTS) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-address.png') });
    }
    await page.close();
  }, 60_000);

  it('shows the seeded audit reports with findings by severity and code excerpts', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${address}/audit#key=${key}`);
    const reports = page.getByTestId('audit-report-row');
    await reports.first().waitFor();
    expect(await reports.count()).toBeGreaterThanOrEqual(2);
    await reports.last().click();
    await page.getByTestId('audit-report').waitFor();
    expect(await page.getByTestId('audit-finding').count()).toBeGreaterThan(0);
    await page
      .locator('[data-testid="audit-finding"][data-detector^="reentrancy"]')
      .first()
      .locator('.excerpt-line.flagged')
      .first()
      .waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-audit.png') });
    await page.close();
  }, 60_000);

  it('shows intel mention trends with the surging technique marked as a burst, and a forecast', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1150 } });
    await page.goto(`${address}/intel#key=${key}`);
    await page.getByTestId('intel-trends-chart').locator('canvas').first().waitFor();
    await page.locator('[data-testid="intel-burst-row"][data-entity="flash-loan"]').first().waitFor();
    await page.getByTestId('intel-forecast-chart').locator('canvas').first().waitFor();
    await page.getByTestId('intel-forecast-mase').waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-intel.png') });
    await page.close();
  }, 60_000);

  it('shows login decisions made by the risk engine: score distribution and reasons', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(`${address}/auth#key=${key}`);
    await page.getByTestId('auth-score-histogram').locator('canvas').first().waitFor();
    await page.getByTestId('auth-reason-row').first().waitFor();
    for (const decision of ['allow', 'challenge', 'deny']) {
      await page.locator(`[data-testid="auth-decision-row"][data-decision="${decision}"]`).first().waitFor();
    }
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-logins.png') });
    await page.close();
  }, 60_000);

  it('shows model health: score distribution against the baseline and PSI over time', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${address}/models#key=${key}`);
    await page.getByTestId('model-score-distribution').locator('canvas').first().waitFor();
    await page.getByTestId('model-psi-chart').locator('canvas').first().waitFor();
    await page.getByTestId('model-status').waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-models.png') });
    await page.close();
  }, 60_000);
});
