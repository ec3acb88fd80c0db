import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ArgusApp, createArgusApp } from '../src/app.js';
import { ConfigSchema } from '../src/core/config/schema.js';
import { type PreparedDemo, prepareDemo } from '../src/demo/prepareDemo.js';
import { replayScenario } from '../src/demo/replayScenario.js';
import { demoScenario } from '../src/demo/scenario.js';
import type { SinkDelivery } from '../src/demo/webhookSink.js';
import { silentLogger } from './support/testApp.js';

let app: ArgusApp | undefined;
let demo: PreparedDemo | undefined;
afterEach(async () => {
  await app?.close();
  await demo?.close();
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the demo scenario (argus serve --demo)', () => {
  it('makes every response type fire, with signed webhooks, on a fresh store', async () => {
    const baseDir = mkdtempSync(join(tmpdir(), 'argus-demo-'));
    const deliveries: SinkDelivery[] = [];
    demo = await prepareDemo(ConfigSchema.parse({ server: { port: 0 } }), baseDir, (d) => deliveries.push(d));
    app = await createArgusApp({ config: demo.config, baseDir, policy: demo.policy, logger: silentLogger });
    const store = app.store;

    const replay = replayScenario(
      demoScenario,
      { pipeline: app.responder.pipeline, store },
      (_step, error) => {
        throw error;
      },
      50,
    );
    await replay.done;
    await until(
      async () => (await store.actions.list({ status: ['pending'] })).items.length === 0,
      'actions to finish',
    );

    const alerts = (await store.alerts.list({ limit: 100 })).items;
    const velocity = alerts.find((a) => a.detector === 'velocity-limit');
    expect(velocity?.count).toBe(3);
    expect(alerts).toHaveLength(demoScenario.filter((s) => s.kind === 'alert').length - 2);

    const held = (await store.transfers.list({ status: ['held'] })).items.map((t) => t.id).sort();
    expect(held).toEqual(['wd-1042-0001', 'wd-3307-0001']);
    expect(await store.stepUps.pending('u-2210')).toHaveLength(1);
    const sweeps = await store.sweeps.list();
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]).toMatchObject({ asset: 'ETH', amount: 'all' });

    const actions = (await store.actions.list({ limit: 500 })).items;
    expect(new Set(actions.map((a) => a.type))).toEqual(
      new Set(['hold-transfer', 'webhook', 'notify', 'cold-storage', 'step-up']),
    );
    expect(actions.filter((a) => a.status !== 'succeeded')).toEqual([]);
    expect(deliveries.length).toBeGreaterThanOrEqual(3);
    expect(deliveries.every((d) => d.signatureValid)).toBe(true);
    expect(deliveries.some((d) => d.path === '/custody')).toBe(true);
  });
});
