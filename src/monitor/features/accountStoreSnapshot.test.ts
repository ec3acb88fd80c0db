import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { seededRandom } from '../../ml/random.js';
import { AccountFeatureStore, type FeatureEvent } from './accountFeatureStore.js';
import { FEATURE_COUNT } from './featureNames.js';

const T0 = Date.UTC(2024, 3, 1);

function randomEvents(n: number, seed: number, startTime: number): FeatureEvent[] {
  const random = seededRandom(seed);
  // Non-ASCII names too: addresses are stored as UTF-8.
  const accounts = Array.from({ length: 40 }, (_, i) =>
    i === 7 ? 'wallet-ä€' : `0x${i.toString(16).padStart(40, '0')}`,
  );
  let time = startTime;
  return Array.from({ length: n }, () => {
    time += Math.round(random.next() * 3_600_000);
    const amount = Math.round(Math.exp(random.next() * 10) * 100) / 100;
    return {
      chain: 'ethereum',
      from: accounts[random.int(accounts.length)] as string,
      to: accounts[random.int(accounts.length)] as string,
      time,
      amount,
      ...(random.next() < 0.5 ? { valueUsd: amount * 3 } : {}),
      ...(random.next() < 0.2 ? { toKind: 'contract' as const } : {}),
    };
  });
}

function featuresOf(store: AccountFeatureStore, events: FeatureEvent[]): Float64Array {
  const out = new Float64Array(FEATURE_COUNT);
  const all = new Float64Array(events.length * FEATURE_COUNT);
  events.forEach((e, i) => {
    store.observe(e, out);
    all.set(out, i * FEATURE_COUNT);
  });
  return all;
}

describe('AccountFeatureStore snapshots', () => {
  it('resumes exactly where it stopped', () => {
    for (const maxAccounts of [undefined, 25]) {
      const original = new AccountFeatureStore(maxAccounts ? { maxAccounts } : {});
      featuresOf(original, randomEvents(2000, 1, T0));
      const restored = AccountFeatureStore.load(original.save());
      expect(restored.size).toBe(original.size);
      expect(restored.evictions).toBe(original.evictions);
      if (maxAccounts) expect(original.evictions).toBeGreaterThan(0);

      const later = randomEvents(500, 2, T0 + 400 * 86_400_000);
      expect(featuresOf(restored, later)).toEqual(featuresOf(original, later));
      expect(restored.evictions).toBe(original.evictions);
      const a = new Float64Array(FEATURE_COUNT);
      const b = new Float64Array(FEATURE_COUNT);
      expect(restored.baselineOf('wallet-ä€', a)).toBe(original.baselineOf('wallet-ä€', b));
      expect(a).toEqual(b);
    }
  });

  it('round-trips an empty store', () => {
    const restored = AccountFeatureStore.load(new AccountFeatureStore().save());
    expect(restored.size).toBe(0);
    const out = new Float64Array(FEATURE_COUNT);
    restored.observe({ chain: 'ethereum', from: 'a', to: 'b', time: T0, amount: 1 }, out);
    expect(restored.size).toBe(2);
  });

  it('refuses damaged or foreign bytes with a typed error', () => {
    const store = new AccountFeatureStore();
    featuresOf(store, randomEvents(50, 3, T0));
    const bytes = store.save();
    const damaged = (change: (b: Uint8Array) => Uint8Array) => () =>
      AccountFeatureStore.load(change(bytes.slice()));
    expect(
      damaged((b) => {
        b[0] = 0x58;
        return b;
      }),
    ).toThrow(/ARGUSAFS/);
    expect(
      damaged((b) => {
        b[8] = 99; // feature layout version
        return b;
      }),
    ).toThrow(/layout/);
    expect(damaged((b) => b.subarray(0, b.length - 3))).toThrow(ArgusError);
    expect(damaged((b) => b.subarray(0, 20))).toThrow(ArgusError);
    expect(() => AccountFeatureStore.load(new Uint8Array(0))).toThrow(ArgusError);
  });
});
