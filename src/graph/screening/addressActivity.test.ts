import { describe, expect, it } from 'vitest';
import { TransferGraph } from '../graph/transferGraph.js';
import { addressActivity, DAY_MS, HOUR_MS } from './addressActivity.js';

const T0 = Date.UTC(2026, 0, 5);

describe('addressActivity', () => {
  it('counts single transfers in and out per hour when the activity spans under three days', () => {
    const graph = new TransferGraph();
    graph.addTransfer('alice', 'me', 10, T0 + 5 * 60_000);
    graph.addTransfer('bob', 'me', 4, T0 + 50 * 60_000);
    graph.addTransfer('me', 'carol', 3, T0 + 2 * HOUR_MS + 1);
    graph.addTransfer('dave', 'eve', 99, T0);
    const activity = addressActivity(graph, graph.nodeOf('me'));
    expect(activity.bucket).toBe('hour');
    expect(activity.buckets).toEqual([
      { start: T0, inCount: 2, outCount: 0, inValue: 14, outValue: 0 },
      { start: T0 + HOUR_MS, inCount: 0, outCount: 0, inValue: 0, outValue: 0 },
      { start: T0 + 2 * HOUR_MS, inCount: 0, outCount: 1, inValue: 0, outValue: 3 },
    ]);
    expect(activity.totals).toEqual({
      inCount: 2,
      outCount: 1,
      inValue: 14,
      outValue: 3,
      senders: 2,
      receivers: 1,
      firstSeen: T0 + 5 * 60_000,
      lastSeen: T0 + 2 * HOUR_MS + 1,
    });
    expect(activity.estimated).toBe(false);
    expect(activity.truncated).toBe(false);
  });

  it('uses days beyond three days, or the bucket asked for', () => {
    const graph = new TransferGraph();
    graph.addTransfer('a', 'me', 1, T0);
    graph.addTransfer('me', 'b', 1, T0 + 4 * DAY_MS);
    const auto = addressActivity(graph, graph.nodeOf('me'));
    expect(auto.bucket).toBe('day');
    expect(auto.buckets.map((b) => b.start)).toEqual([0, 1, 2, 3, 4].map((d) => T0 + d * DAY_MS));
    expect(auto.buckets[0]?.inCount).toBe(1);
    expect(auto.buckets[4]?.outCount).toBe(1);
    expect(addressActivity(graph, graph.nodeOf('me'), { bucket: 'hour' }).buckets).toHaveLength(4 * 24 + 1);
  });

  it('spreads one counterparty’s repeated transfers evenly between its first and last, and says so', () => {
    const graph = new TransferGraph();
    // Five payments a day apart land on one edge: count 5, value 50, first T0, last T0 + 4 days.
    for (let d = 0; d < 5; d++) graph.addTransfer('payer', 'me', 10, T0 + d * DAY_MS + HOUR_MS);
    // Three in one day stay exact.
    for (let h = 0; h < 3; h++) graph.addTransfer('me', 'shop', 1, T0 + 2 * DAY_MS + h * HOUR_MS);
    const activity = addressActivity(graph, graph.nodeOf('me'), { bucket: 'day' });
    expect(activity.estimated).toBe(true);
    expect(activity.buckets.map((b) => b.inCount)).toEqual([1, 1, 1, 1, 1]);
    expect(activity.buckets.map((b) => b.inValue)).toEqual([10, 10, 10, 10, 10]);
    expect(activity.buckets.map((b) => b.outCount)).toEqual([0, 0, 3, 0, 0]);

    // Uneven: 4 transfers over 2 days at 0, 2/3, 4/3 and 2 days → day buckets get 2, 1, 1.
    const uneven = new TransferGraph();
    for (const t of [0, 0.5, 1.5, 2]) uneven.addTransfer('payer', 'me', 2, T0 + t * DAY_MS);
    const spread = addressActivity(uneven, uneven.nodeOf('me'), { bucket: 'day' });
    expect(spread.buckets.map((b) => b.inCount)).toEqual([2, 1, 1]);
    expect(spread.buckets.reduce((s, b) => s + b.inValue, 0)).toBeCloseTo(8);
  });

  it('keeps the most recent maxBuckets and the totals of everything', () => {
    const graph = new TransferGraph();
    for (let d = 0; d < 10; d++) graph.addTransfer(`p${d}`, 'me', 1, T0 + d * DAY_MS);
    const activity = addressActivity(graph, graph.nodeOf('me'), { bucket: 'day', maxBuckets: 4 });
    expect(activity.truncated).toBe(true);
    expect(activity.buckets.map((b) => b.start)).toEqual([6, 7, 8, 9].map((d) => T0 + d * DAY_MS));
    expect(activity.totals.inCount).toBe(10);
    expect(activity.buckets.reduce((s, b) => s + b.inCount, 0)).toBe(4);
  });

  it('is empty for a node without edges', () => {
    const graph = new TransferGraph();
    const lonely = graph.nodeFor('me');
    const activity = addressActivity(graph, lonely);
    expect(activity.buckets).toEqual([]);
    expect(activity.totals.inCount).toBe(0);
  });
});
