import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { type AlertInput, AlertInputSchema } from '../../core/alert.js';
import { ValidationError } from '../../core/errors.js';
import { parseTransferEvent, type TransferEvent } from '../../core/transferEvent.js';
import { LabelIndex } from '../labels/labelIndex.js';
import { GraphWatch } from './graphWatch.js';
import { PrivacyWatch } from './privacyWatch.js';

const addr = (n: number): string => `0x${n.toString(16).padStart(40, '0')}`;
const FUNDER = addr(0xf0);
const WATCHED = addr(0xabc1);
const SIBLING = addr(0xabc2);
const SHOP = addr(0x5);
const HOT = addr(0xe8);
const DEPOSIT = addr(0xd1);
const A = addr(0xa);
const B = addr(0xb);

const T0 = 1_700_000_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;

function transfer(from: string, to: string, value: number, time: number): TransferEvent {
  const parsed = parseTransferEvent({ time, from, to, amount: value, asset: 'ETH' });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

/** The live graph fed by GraphWatch, and the privacy watch after it, as the monitor would call them. */
function setup(options: { threshold?: number; watch?: string[]; checkEveryMs?: number } = {}) {
  const graph = new GraphWatch(new LabelIndex([]));
  const privacy = new PrivacyWatch(() => graph.graphs(), {
    watch: (options.watch ?? [getAddress(WATCHED)]).map((address) => ({ chain: 'ethereum', address })),
    threshold: options.threshold ?? 0.3,
    checkEveryMs: options.checkEveryMs ?? HOUR,
  });
  const feed = (from: string, to: string, value: number, time: number): AlertInput[] => {
    const event = transfer(from, to, value, time);
    return [...graph.observe(event), ...privacy.observe(event)];
  };
  return { privacy, feed };
}

/** The funder sets up WATCHED and SIBLING a minute apart; WATCHED spends half at a shop. */
function commonFunding(feed: ReturnType<typeof setup>['feed']): AlertInput[] {
  return [
    ...feed(FUNDER, WATCHED, 1, T0),
    ...feed(FUNDER, SIBLING, 1, T0 + MIN),
    ...feed(WATCHED, SHOP, 0.5, T0 + 10 * MIN),
  ];
}

describe('PrivacyWatch', () => {
  it('alerts when a watched address shares its funder with another, naming the other and why', () => {
    const { privacy, feed } = setup();
    expect(commonFunding(feed)).toEqual([]);
    expect(privacy.stats.checks).toBe(0);
    // The first check comes once an hour of event time has passed since the first transfer.
    const alerts = feed(A, B, 1, T0 + HOUR);
    expect(alerts).toHaveLength(1);
    const alert = AlertInputSchema.parse(alerts[0]);
    expect(alert).toMatchObject({
      area: 'graph',
      detector: 'graph.linkability',
      subject: { kind: 'address', id: WATCHED, chain: 'ethereum' },
      severity: 'low',
      occurredAt: T0 + HOUR,
    });
    // In from the funder (1, linked) and out to the shop (0.5, not): 1 / 1.5.
    expect(alert.score).toBeCloseTo(2 / 3, 9);
    expect(alert.subject.attributes).toMatchObject({ linkedActivity: 1, totalActivity: 1.5, newLinks: 1 });
    expect(alert.title).toBe(`67% of 0x000000…abc1's activity is linkable to 1 other address`);
    expect(alert.explanation).toContain(
      `- common funding: ${SIBLING} both first funded by ${FUNDER}, 60 s apart`,
    );
    expect(alert.evidence).toEqual([
      {
        kind: 'fact',
        name: 'link.commonFunding',
        value: `${SIBLING}: both first funded by ${FUNDER}, 60 s apart`,
      },
    ]);
    expect(privacy.stats).toMatchObject({ checks: 1, alerts: 1, linksReported: 1 });
  });

  it('stays quiet below the threshold', () => {
    const above = setup({ threshold: 0.6 });
    commonFunding(above.feed);
    expect(above.privacy.check(T0 + HOUR)).toHaveLength(1);

    const below = setup({ threshold: 0.7 });
    commonFunding(below.feed);
    expect(below.privacy.check(T0 + HOUR)).toEqual([]);
    expect(below.privacy.stats).toMatchObject({ checks: 1, alerts: 0, linksReported: 0 });
  });

  it('does not repeat a link already reported, and names only the new one when another appears', () => {
    const { privacy, feed } = setup();
    commonFunding(feed);
    expect(feed(A, B, 1, T0 + HOUR)).toHaveLength(1);
    // An hour later nothing has changed: no alert.
    expect(feed(A, B, 1, T0 + 2 * HOUR)).toEqual([]);
    expect(privacy.stats.checks).toBe(2);

    // WATCHED now pays into an exchange deposit address that sweeps into the hot wallet, like four others.
    feed(WATCHED, DEPOSIT, 0.4, T0 + 2 * HOUR + MIN);
    feed(DEPOSIT, HOT, 0.4, T0 + 2 * HOUR + 2 * MIN);
    for (let i = 1; i <= 4; i++) {
      feed(addr(0x100 + i), addr(0x200 + i), 1, T0 + 2 * HOUR + 3 * MIN);
      feed(addr(0x200 + i), HOT, 1, T0 + 2 * HOUR + 4 * MIN);
    }
    const alerts = feed(A, B, 1, T0 + 3 * HOUR + 5 * MIN);
    expect(alerts).toHaveLength(1);
    const alert = AlertInputSchema.parse(alerts[0]);
    expect(alert.evidence).toEqual([
      {
        kind: 'fact',
        name: 'link.depositReuse',
        value: `${DEPOSIT}: is the deposit address it pays into (forwards 100% to a hot wallet)`,
      },
    ]);
    expect(alert.explanation).not.toContain(SIBLING);
    expect(alert.explanation).toContain('1 link reported earlier not repeated');
    expect(alert.title).toContain('linkable to 2 other addresses');
    // Linked: the funder (1) and the deposit address (0.4), of 1 + 0.5 + 0.4.
    expect(alert.score).toBeCloseTo(1.4 / 1.9, 9);
    expect(privacy.stats).toMatchObject({ checks: 3, alerts: 2, linksReported: 2 });
  });

  it('rates a fully linkable address medium and alerts for each watched address', () => {
    const { privacy, feed } = setup({ watch: [WATCHED, SIBLING] });
    commonFunding(feed);
    const alerts = privacy.check(T0 + HOUR).map((a) => AlertInputSchema.parse(a));
    expect(alerts.map((a) => [a.subject.id, a.severity])).toEqual([
      [WATCHED, 'low'],
      [SIBLING, 'medium'],
    ]);
    expect(alerts[1]?.score).toBe(1);
    expect(alerts[1]?.evidence[0]).toMatchObject({ value: expect.stringContaining(WATCHED) });
  });

  it('checks once per interval of event time and keeps the cost in stats', () => {
    const { privacy, feed } = setup({ checkEveryMs: 10 * MIN });
    feed(A, B, 1, T0);
    feed(A, B, 1, T0 + 9 * MIN);
    expect(privacy.stats.checks).toBe(0);
    feed(A, B, 1, T0 + 10 * MIN);
    feed(A, B, 1, T0 + 19 * MIN);
    expect(privacy.stats.checks).toBe(1);
    feed(A, B, 1, T0 + 20 * MIN);
    expect(privacy.stats.checks).toBe(2);
    expect(privacy.stats.checkMs).toBeGreaterThanOrEqual(privacy.stats.lastCheckMs);
    expect(privacy.stats.lastCheckMs).toBeGreaterThanOrEqual(0);
  });

  it('does nothing without watched addresses, and skips chains without a graph', () => {
    const none = new PrivacyWatch(() => new Map(), { watch: [], threshold: 0.3, checkEveryMs: HOUR });
    none.observe(transfer(A, B, 1, T0));
    expect(none.observe(transfer(A, B, 1, T0 + 2 * HOUR))).toEqual([]);
    expect(none.stats.checks).toBe(0);
    const noGraph = new PrivacyWatch(() => new Map(), {
      watch: [{ chain: 'bitcoin', address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2' }],
      threshold: 0.3,
      checkEveryMs: HOUR,
    });
    expect(noGraph.check(T0)).toEqual([]);
    expect(noGraph.watchedAddresses.get('bitcoin')).toEqual(['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2']);
  });

  it('refuses a malformed watched address or an unknown chain, naming the config entry', () => {
    const make = (watch: { chain: string; address: string }[]) => () =>
      new PrivacyWatch(() => new Map(), { watch, threshold: 0.3, checkEveryMs: HOUR });
    expect(make([{ chain: 'ethereum', address: '0x12345' }])).toThrow(ValidationError);
    expect(
      make([
        { chain: 'ethereum', address: WATCHED },
        { chain: 'ethereum', address: '0x12345' },
      ]),
    ).toThrow(/graph\.privacy\.watch\.1\.address: "0x12345" is not 0x followed by 40 hex digits/);
    expect(make([{ chain: 'dogecoin', address: WATCHED }])).toThrow(
      /graph\.privacy\.watch\.0\.chain: unknown chain "dogecoin"/,
    );
    // A wrong EIP-55 checksum is a typo, not another spelling.
    const badChecksum = `0x${getAddress(WATCHED)
      .slice(2)
      .replace(/[a-f]/, (c) => c.toUpperCase())}`;
    expect(make([{ chain: 'ethereum', address: badChecksum }])).toThrow(/EIP-55/);
  });
});
