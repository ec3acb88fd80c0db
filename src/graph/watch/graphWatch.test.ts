import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../core/alert.js';
import type { Label } from '../../core/label.js';
import { parseTransferEvent, type TransferEvent } from '../../core/transferEvent.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { LabelIndex } from '../labels/labelIndex.js';
import { GraphWatch } from './graphWatch.js';

const addr = (n: number): string => `0x${n.toString(16).padStart(40, '0')}`;
const HACKER = addr(0xbad);
const SANCTIONED = addr(0x5a5);
const EXCHANGE = addr(0xe8);
const ALICE = addr(1);
const BOB = addr(2);
const CAROL = addr(3);

function label(address: string, category: Label['category'], name: string): Label {
  return {
    chain: 'ethereum',
    address,
    category,
    label: name,
    source: category === 'sanctions' ? 'ofac' : 'defihacklabs',
    sourceRef: `fixture:${name}`,
    importedAt: '2026-11-27T00:00:00.000Z',
  };
}

const labels = new LabelIndex([
  label(HACKER, 'hack', 'Example exploiter'),
  label(SANCTIONED, 'sanctions', 'Example SDN'),
  label(EXCHANGE, 'exchange', 'Example exchange'),
]);

let seq = 0;
function transfer(
  from: string,
  to: string,
  valueUsd: number,
  extra: Record<string, unknown> = {},
): TransferEvent {
  seq++;
  const parsed = parseTransferEvent({
    time: 1_700_000_000_000 + seq * 60_000,
    from,
    to,
    amount: valueUsd / 2_000,
    valueUsd,
    txHash: `0x${seq}`,
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

describe('GraphWatch', () => {
  it('raises a direct-exposure alert the moment a transfer touches a labelled address, subject the other side', () => {
    const watch = new GraphWatch(labels);
    expect(watch.observe(transfer(ALICE, BOB, 100))).toHaveLength(0);
    const alerts = watch.observe(
      transfer(ALICE.toUpperCase().replace('0X', '0x'), SANCTIONED, 5_000, { userId: 'u-1' }),
    );
    expect(alerts).toHaveLength(1);
    const alert = AlertInputSchema.parse(alerts[0]);
    expect(alert).toMatchObject({
      area: 'graph',
      detector: 'graph.direct-exposure',
      severity: 'critical',
      subject: {
        kind: 'address',
        id: ALICE,
        chain: 'ethereum',
        attributes: { counterparty: SANCTIONED, relation: 'sent-to', category: 'sanctions' },
      },
      context: { userId: 'u-1' },
    });
    expect(alert.explanation).toContain('Example SDN (sanctions, ofac)');
    expect(alert.evidence[0]).toMatchObject({ kind: 'path', nodes: [ALICE, SANCTIONED] });

    const received = watch.observe(transfer(HACKER, CAROL, 1_000));
    expect(received.map((a) => [a.detector, a.severity, a.subject.id])).toEqual([
      ['graph.direct-exposure', 'high', CAROL],
    ]);
    expect(watch.stats.directAlerts).toBe(2);
  });

  it('does not treat an exchange label as a risk source', () => {
    const watch = new GraphWatch(labels);
    expect(watch.observe(transfer(ALICE, EXCHANGE, 10_000))).toHaveLength(0);
    expect(watch.riskOf('ethereum', EXCHANGE)).toBe(0);
  });

  it('alerts when an address receiving laundered funds crosses the threshold, with the traced path', () => {
    const watch = new GraphWatch(labels, { directExposure: false });
    const mule = addr(0x1000);
    const cashout = addr(0x2000);
    watch.observe(transfer(BOB, cashout, 1_000)); // clean history first: 1,000 of clean inflow
    watch.observe(transfer(HACKER, mule, 9_000));
    const alerts = watch.observe(transfer(mule, cashout, 9_000));
    expect(alerts).toHaveLength(1);
    const alert = AlertInputSchema.parse(alerts[0]);
    expect(alert).toMatchObject({ detector: 'graph.indirect-exposure', subject: { id: cashout } });
    // 9,000 of 10,000 inflow from a 0.9-weight hack, 2 hops back.
    expect(alert.score).toBeCloseTo(0.81, 6);
    expect(alert.title).toContain('hack source within 2 hops (90% of inflow)');
    const path = alert.evidence.find((e) => e.kind === 'path');
    expect(path).toMatchObject({ nodes: [HACKER, mule, cashout] });
    // Rising edge: a further dirty transfer does not alert again.
    expect(watch.observe(transfer(mule, cashout, 1))).toHaveLength(0);
    expect(watch.stats.indirectAlerts).toBe(1);
    expect(watch.riskOf('ethereum', cashout)).toBeCloseTo(0.81, 3);
    expect(watch.riskOf('ethereum', BOB)).toBe(0);

    // Paying that address now is paying a launderer: the sender is the subject, the transfer is held by context.
    const screens = watch.stats.screens;
    const paid = watch.observe(transfer(ALICE, cashout, 500, { userId: 'u-9' }));
    expect(paid).toHaveLength(1);
    expect(AlertInputSchema.parse(paid[0])).toMatchObject({
      detector: 'graph.counterparty-exposure',
      subject: { id: ALICE, attributes: { counterparty: cashout } },
      context: { userId: 'u-9' },
      severity: 'high',
    });
    expect(watch.observe(transfer(CAROL, cashout, 500))).toHaveLength(1);
    // The screen that confirmed the address's exposure serves both payments.
    expect(watch.stats.screens).toBe(screens);
    expect(watch.stats.counterpartyAlerts).toBe(2);
  });

  it('stays below the threshold for an address with a small tainted share', () => {
    const watch = new GraphWatch(labels, { directExposure: false });
    const shop = addr(0x3000);
    const mule = addr(0x4000);
    watch.observe(transfer(HACKER, mule, 100));
    watch.observe(transfer(BOB, shop, 100_000));
    expect(watch.observe(transfer(mule, shop, 100))).toHaveLength(0);
    expect(watch.stats.screens).toBe(0);
    // Two hops from a 0.9 source: the poison floor 0.9 × 0.05; the haircut share is smaller.
    expect(watch.riskOf('ethereum', shop)).toBeCloseTo(0.045, 6);
  });

  it('counts transfers of unwatched chains and invalid addresses and goes on', () => {
    const watch = new GraphWatch(labels, { chains: ['ethereum'] });
    expect(watch.observe(transfer(ALICE, BOB, 1, { chain: 'polygon' }))).toHaveLength(0);
    expect(watch.observe(transfer(ALICE, BOB, 1, { chain: 'dogecoin' }))).toHaveLength(0);
    expect(watch.observe(transfer('0x123', BOB, 1))).toHaveLength(0);
    expect(watch.observe(transfer(ALICE, BOB, 1))).toHaveLength(0);
    expect(watch.stats).toMatchObject({ skippedChain: 2, invalidAddress: 1, added: 1 });
    expect(watch.riskOf('dogecoin', ALICE)).toBe(0);
    expect(watch.riskOf('ethereum', 'not an address')).toBe(0);
  });

  it('restores saved graphs with their labelled sources and rebuilt exposure estimates', () => {
    const graph = new TransferGraph();
    graph.addTransfer(HACKER, ALICE, 100, 1_000);
    graph.addTransfer(ALICE, BOB, 100, 2_000);
    const restored = new GraphWatch(labels, {}, new Map([['ethereum', TransferGraph.load(graph.save())]]));
    expect(restored.riskOf('ethereum', BOB)).toBeCloseTo(0.9, 6);
    expect(restored.graphs().get('ethereum')?.edgeCount).toBe(2);
    const alerts = restored.observe(transfer(BOB, HACKER, 1));
    expect(alerts.map((a) => a.subject.id)).toEqual([BOB]);
  });
});
