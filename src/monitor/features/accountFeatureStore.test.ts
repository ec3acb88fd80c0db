import { describe, expect, it } from 'vitest';
import type { CounterpartyRisk } from '../../core/counterpartyRisk.js';
import { ArgusError, ValidationError } from '../../core/errors.js';
import { seededRandom } from '../../ml/random.js';
import { AccountFeatureStore, type FeatureEvent } from './accountFeatureStore.js';
import { FEATURE_COUNT, FEATURE_INDEX, FEATURE_NAMES, type FeatureName } from './featureNames.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2024, 0, 1, 0, 0);
const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';
const C = '0x00000000000000000000000000000000000000cc';

function ev(
  from: string,
  to: string,
  time: number,
  amount: number,
  extra: Partial<FeatureEvent> = {},
): FeatureEvent {
  return { chain: 'ethereum', from, to, time, amount, ...extra };
}

/** Observes every event and returns a copy of each feature vector. */
function observeAll(store: AccountFeatureStore, events: FeatureEvent[]): Float64Array[] {
  const out = new Float64Array(FEATURE_COUNT);
  return events.map((e) => {
    store.observe(e, out);
    return out.slice();
  });
}

function last(store: AccountFeatureStore, events: FeatureEvent[]): Float64Array {
  return observeAll(store, events).at(-1) as Float64Array;
}

const f = (v: Float64Array, name: FeatureName): number => v[FEATURE_INDEX[name]] as number;
const half = (dt: number, halfLife: number): number => 2 ** (-dt / halfLife);
/** Mean with weights decayed by the 7 d half-life to `now`, as the store's means are defined. */
function decayedMean(times: number[], values: number[], now: number): { mean: number; weight: number } {
  let weight = 0;
  let sum = 0;
  times.forEach((t, i) => {
    const w = half(now - t, 7 * D);
    weight += w;
    sum += w * (values[i] as number);
  });
  return { mean: sum / weight, weight };
}

describe('AccountFeatureStore decayed counters', () => {
  it('decays counts and sums by the 1 h, 24 h and 7 d half-lives, this transfer included', () => {
    const v = last(new AccountFeatureStore(), [
      ev(A, B, T0, 10),
      ev(A, C, T0 + H, 20),
      ev(A, B, T0 + 25 * H, 40),
    ]);
    expect(f(v, 'out_count_1h')).toBeCloseTo((1 * half(H, H) + 1) * half(24 * H, H) + 1, 12);
    expect(f(v, 'out_count_24h')).toBeCloseTo((half(H, D) + 1) * half(24 * H, D) + 1, 12);
    expect(f(v, 'out_count_7d')).toBeCloseTo((half(H, 7 * D) + 1) * half(24 * H, 7 * D) + 1, 12);
    expect(f(v, 'out_sum_1h')).toBeCloseTo(Math.log1p((10 * half(H, H) + 20) * half(24 * H, H) + 40), 12);
    expect(f(v, 'out_sum_24h')).toBeCloseTo(Math.log1p((10 * half(H, D) + 20) * half(24 * H, D) + 40), 12);
    expect(f(v, 'out_sum_7d')).toBeCloseTo(
      Math.log1p((10 * half(H, 7 * D) + 20) * half(24 * H, 7 * D) + 40),
      12,
    );
  });

  it('decays incoming counts and sums over 24 h on the recipient clock', () => {
    const store = new AccountFeatureStore();
    const v = last(store, [ev(A, B, T0, 10), ev(A, B, T0 + 25 * H, 40), ev(B, C, T0 + 26 * H, 1)]);
    expect(f(v, 'in_count_24h')).toBeCloseTo(half(26 * H, D) + half(H, D), 12);
    expect(f(v, 'in_sum_24h')).toBeCloseTo(Math.log1p(10 * half(26 * H, D) + 40 * half(H, D)), 12);
  });

  it('uses valueUsd when known, else amount', () => {
    const store = new AccountFeatureStore();
    const [withUsd, withoutUsd] = observeAll(store, [
      ev(A, B, T0, 2, { valueUsd: 6000 }),
      ev(C, B, T0, 2),
    ]) as [Float64Array, Float64Array];
    expect(f(withUsd, 'amount_log')).toBeCloseTo(Math.log1p(6000), 12);
    expect(f(withoutUsd, 'amount_log')).toBeCloseTo(Math.log1p(2), 12);
  });
});

describe('AccountFeatureStore timing features', () => {
  it('measures dormancy from the last activity of any kind, age from first sight', () => {
    const store = new AccountFeatureStore();
    const [first, , back] = observeAll(store, [
      ev(A, B, T0, 5),
      ev(C, A, T0 + 10 * D, 5),
      ev(A, B, T0 + 30 * D, 5),
    ]) as [Float64Array, Float64Array, Float64Array];
    expect(f(first, 'dormancy_days')).toBe(0);
    expect(f(first, 'account_age_days')).toBe(0);
    expect(f(first, 'since_last_out_log')).toBeCloseTo(Math.log1p(365 * 86_400), 12);
    expect(f(back, 'dormancy_days')).toBeCloseTo(20, 12);
    expect(f(back, 'account_age_days')).toBeCloseTo(30, 12);
    expect(f(back, 'since_last_out_log')).toBeCloseTo(Math.log1p(30 * 86_400), 12);
    expect(f(back, 'activity_log')).toBeCloseTo(Math.log1p(2), 12);

    const silent = last(new AccountFeatureStore(), [ev(A, B, T0, 5), ev(A, B, T0 + 30 * D, 5)]);
    expect(f(silent, 'dormancy_days')).toBeCloseTo(30, 12);
  });

  it('compares the gap to the typical gap between outgoing transfers', () => {
    const store = new AccountFeatureStore();
    const hourly = Array.from({ length: 10 }, (_, i) => ev(A, B, T0 + i * H, 5));
    const vectors = observeAll(store, [...hourly, ev(A, B, T0 + 19 * H, 5)]);
    expect(f(vectors[0] as Float64Array, 'inter_arrival_ratio_log')).toBe(0);
    expect(f(vectors[1] as Float64Array, 'inter_arrival_ratio_log')).toBe(0);
    expect(f(vectors[5] as Float64Array, 'inter_arrival_ratio_log')).toBeCloseTo(0, 12);
    const late = vectors.at(-1) as Float64Array;
    expect(f(late, 'inter_arrival_ratio_log')).toBeCloseTo(Math.log1p(36_000) - Math.log1p(3600), 12);
  });

  it('treats out-of-order events as happening at the account’s last time', () => {
    const store = new AccountFeatureStore();
    const [, late, next] = observeAll(store, [
      ev(A, B, T0 + 10 * H, 5),
      ev(A, C, T0 + 9 * H, 5),
      ev(A, B, T0 + 11 * H, 5),
    ]) as [Float64Array, Float64Array, Float64Array];
    expect(f(late, 'dormancy_days')).toBe(0);
    expect(f(late, 'since_last_out_log')).toBe(0);
    expect(f(late, 'out_count_1h')).toBe(2);
    expect(f(late, 'account_age_days')).toBe(0);
    // The clock stayed at 10:00, so the next event decays one hour, not two.
    expect(f(next, 'out_count_1h')).toBeCloseTo(2 * 0.5 + 1, 12);
    expect(f(next, 'dormancy_days')).toBeCloseTo(1 / 24, 12);

    // The recipient's clock is its own: B last saw 11:00, a late delivery to it does not rewind it.
    const [, , fromB] = observeAll(store, [
      ev(C, B, T0 + H, 5),
      ev(C, B, T0 + 2 * H, 5),
      ev(B, A, T0 + 12 * H, 1),
    ]) as [Float64Array, Float64Array, Float64Array];
    expect(f(fromB, 'dormancy_days')).toBeCloseTo(1 / 24, 12);
    expect(f(fromB, 'in_count_24h')).toBeCloseTo(
      ((half(H, D) + 1) * 1 + 1 + 1) * half(H, D), // 10:00 and 11:00 from A, two late ones at 11:00
      12,
    );
  });

  it('measures hour deviation against a regular account’s usual hour', () => {
    const store = new AccountFeatureStore();
    const daily = Array.from({ length: 30 }, (_, i) => ev(A, B, T0 + i * D + 9 * H, 5));
    const evening = last(store, [...daily, ev(A, B, T0 + 29 * D + 21 * H, 5)]);
    let weight = 0;
    for (let k = 0; k < 30; k++) weight += half(k * D + 12 * H, 7 * D);
    expect(f(evening, 'hour_deviation')).toBeCloseTo((12 * weight) / (weight + 1), 4);
    expect(store.usualHourOf(A)).toBeCloseTo(9, 4);

    // A fresh copy of the same history, then half an hour late the next morning.
    const morning = last(new AccountFeatureStore(), [
      ...daily,
      ev(A, B, T0 + 30 * D + 9 * H + 30 * 60_000, 5),
    ]);
    let morningWeight = 0;
    for (let k = 0; k < 30; k++) morningWeight += half(k * D + 24.5 * H, 7 * D);
    expect(f(morning, 'hour_deviation')).toBeCloseTo((0.5 * morningWeight) / (morningWeight + 1), 4);

    const nightOwl = new AccountFeatureStore();
    const nights = Array.from({ length: 10 }, (_, i) => ev(C, B, T0 + i * D + 23 * H, 5));
    const v = last(nightOwl, [...nights, ev(C, B, T0 + 10 * D + H, 5)]);
    expect(f(v, 'hour_deviation')).toBeGreaterThan(1.5);
    expect(f(v, 'hour_deviation')).toBeLessThanOrEqual(2);
  });
});

describe('AccountFeatureStore amount features', () => {
  it('scores an outlier amount by its z against the decayed mean and std', () => {
    const store = new AccountFeatureStore();
    const amounts = Array.from({ length: 60 }, (_, i) => (i % 2 ? 110 : 90));
    const times = amounts.map((_, i) => T0 + i * H);
    const history = amounts.map((a, i) => ev(A, B, times[i] as number, a));
    const now = T0 + 60 * H;
    const [normal] = observeAll(new AccountFeatureStore(), [...history, ev(A, B, now, 100)]).slice(-1);
    const outlier = last(store, [...history, ev(A, B, now, 100_000)]);

    const logs = amounts.map((a) => Math.log1p(a));
    const { mean, weight } = decayedMean(times, logs, now);
    const { mean: meanSquare } = decayedMean(
      times,
      logs.map((x) => (x - mean) ** 2),
      now,
    );
    const std = Math.sqrt(Math.max((weight * meanSquare + 1) / (weight + 1), 0.01));
    expect(f(outlier, 'amount_z')).toBeCloseTo((Math.log1p(100_000) - mean) / std, 9);
    expect(f(outlier, 'amount_z')).toBeGreaterThan(20);
    expect(Math.abs(f(normal as Float64Array, 'amount_z'))).toBeLessThan(0.5);
  });

  it('gives amount_z 0 for a first transfer', () => {
    expect(f(last(new AccountFeatureStore(), [ev(A, B, T0, 1e6)]), 'amount_z')).toBe(0);
  });

  it('flags round amounts on the typed amount, and keeps their decayed share', () => {
    const store = new AccountFeatureStore();
    const vectors = observeAll(store, [
      ev(A, B, T0, 1000, { valueUsd: 3123.45 }),
      ev(A, B, T0 + H, 1234.56),
      ev(A, B, T0 + 2 * H, 500),
      ev(A, B, T0 + 3 * H, 1234.56),
    ]);
    expect(vectors.map((v) => f(v, 'round_amount'))).toEqual([1, 0, 1, 0]);
    const share = decayedMean([T0, T0 + H, T0 + 2 * H], [1, 0, 1], T0 + 3 * H).mean;
    expect(f(vectors[3] as Float64Array, 'round_amount_share')).toBeCloseTo(share, 6);
    expect(f(vectors[0] as Float64Array, 'round_amount_share')).toBe(0);
  });

  it('relates an outgoing amount to the last inbound one (pass-through)', () => {
    const store = new AccountFeatureStore();
    const v = last(store, [
      ev(B, A, T0, 1000),
      ev(C, A, T0 + 5 * 60_000, 0), // zero-value (address-poisoning style) transfers are not "value"
      ev(A, C, T0 + 10 * 60_000, 990),
    ]);
    expect(f(v, 'out_over_last_in')).toBeCloseTo(0.99, 12);
    expect(f(v, 'since_last_in_log')).toBeCloseTo(Math.log1p(600), 12);

    const neverReceived = last(new AccountFeatureStore(), [ev(A, B, T0, 5)]);
    expect(f(neverReceived, 'out_over_last_in')).toBe(0);
    expect(f(neverReceived, 'since_last_in_log')).toBeCloseTo(Math.log1p(365 * 86_400), 12);
  });
});

describe('AccountFeatureStore counterparty features', () => {
  it('flags a new counterparty once, then remembers it', () => {
    const store = new AccountFeatureStore();
    const vectors = observeAll(store, [
      ev(A, B, T0, 5),
      ev(A, C, T0 + H, 5),
      ev(A, B, T0 + 2 * H, 5),
      ev(A, C, T0 + 3 * H, 5),
    ]);
    expect(vectors.map((v) => f(v, 'new_counterparty'))).toEqual([1, 1, 0, 0]);
    const share = decayedMean([T0, T0 + H, T0 + 2 * H], [1, 1, 0], T0 + 3 * H).mean;
    expect(f(vectors[3] as Float64Array, 'new_counterparty_share')).toBeCloseTo(share, 6);
  });

  it('estimates fan-out and fan-in of 1,000 distinct counterparties within 25 %', () => {
    const store = new AccountFeatureStore();
    const others = Array.from(
      { length: 1000 },
      (_, i) => `0x${(i * 2654435761 + 17).toString(16).padStart(40, '0')}`,
    );
    observeAll(
      store,
      others.map((to, i) => ev(A, to, T0 + i * 1000, 5)),
    );
    observeAll(
      store,
      others.map((from, i) => ev(from, B, T0 + i * 1000, 5)),
    );
    const [fromA, fromB] = observeAll(store, [ev(A, C, T0 + D, 5), ev(B, C, T0 + D, 5)]) as [
      Float64Array,
      Float64Array,
    ];
    expect(Math.abs(Math.expm1(f(fromA, 'fan_out_log')) / 1000 - 1)).toBeLessThan(0.25);
    expect(Math.abs(Math.expm1(f(fromB, 'fan_in_log')) / 1000 - 1)).toBeLessThan(0.25);
    expect(f(fromA, 'fan_in_log')).toBe(0);
  });

  it('tracks the share of transfers to contracts', () => {
    const store = new AccountFeatureStore();
    const vectors = observeAll(store, [
      ev(A, '0xc1', T0, 5, { toKind: 'contract' }),
      ev(A, '0xc2', T0 + H, 5, { toKind: 'contract' }),
      ev(A, B, T0 + 2 * H, 5, { toKind: 'external' }),
      ev(A, B, T0 + 3 * H, 5),
    ]);
    expect(vectors.map((v) => f(v, 'to_contract'))).toEqual([1, 1, 0, 0]);
    const share = decayedMean([T0, T0 + H, T0 + 2 * H], [1, 1, 0], T0 + 3 * H).mean;
    expect(f(vectors[3] as Float64Array, 'contract_share')).toBeCloseTo(share, 6);
  });

  it('asks the CounterpartyRisk for the recipient and clamps its answer to [0, 1]', () => {
    const answers: Record<string, number> = { bad: 0.8, weird: Number.NaN, huge: 7, negative: -1 };
    const asked: string[] = [];
    const counterpartyRisk: CounterpartyRisk = {
      riskOf: (chain, address) => {
        asked.push(`${chain}:${address}`);
        return answers[address] ?? 0;
      },
    };
    const store = new AccountFeatureStore({ counterpartyRisk });
    const vectors = observeAll(
      store,
      ['bad', 'weird', 'huge', 'negative', B].map((to) => ev(A, to, T0, 5)),
    );
    expect(vectors.map((v) => f(v, 'counterparty_risk'))).toEqual([0.8, 0, 1, 0, 0]);
    expect(asked[0]).toBe('ethereum:bad');
    expect(f(last(new AccountFeatureStore(), [ev(A, 'bad', T0, 5)]), 'counterparty_risk')).toBe(0);
  });
});

describe('AccountFeatureStore baselines', () => {
  it('is false for unknown accounts and NaN where no baseline is meaningful', () => {
    const store = new AccountFeatureStore();
    const baseline = new Float64Array(FEATURE_COUNT);
    expect(store.baselineOf(A, baseline)).toBe(false);
    observeAll(store, [ev(A, B, T0, 10), ev(A, B, T0 + H, 100), ev(A, C, T0 + 2 * H, 1000)]);

    expect(store.baselineOf(A, baseline)).toBe(true);
    const { mean } = decayedMean([T0, T0 + H, T0 + 2 * H], [10, 100, 1000].map(Math.log1p), T0 + 2 * H);
    expect(f(baseline, 'amount_log')).toBeCloseTo(mean, 12);
    expect(f(baseline, 'amount_z')).toBe(0);
    expect(f(baseline, 'since_last_out_log')).toBeCloseTo(Math.log1p(3600), 12);
    for (const name of ['account_age_days', 'activity_log', 'fan_out_log', 'fan_in_log'] as const) {
      expect(f(baseline, name)).toBeNaN();
    }
    for (const name of FEATURE_NAMES) {
      if (!['account_age_days', 'activity_log', 'fan_out_log', 'fan_in_log'].includes(name)) {
        expect(Number.isFinite(f(baseline, name)), name).toBe(true);
      }
    }

    // B has only received: known, but nothing it does is typical yet.
    expect(store.baselineOf(B, baseline)).toBe(true);
    expect(baseline.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('hands observe callers the baseline from before the transfer being explained', () => {
    const store = new AccountFeatureStore();
    observeAll(
      store,
      Array.from({ length: 20 }, (_, i) => ev(A, B, T0 + i * H, 50)),
    );
    const expected = new Float64Array(FEATURE_COUNT);
    store.baselineOf(A, expected);
    const out = new Float64Array(FEATURE_COUNT);
    const baseline = new Float64Array(FEATURE_COUNT);
    store.observe(ev(A, C, T0 + 20 * H, 1e7), out, baseline);
    expect(baseline).toEqual(expected);
    expect(f(baseline, 'amount_log')).toBeCloseTo(Math.log1p(50), 6);
    // Same hourly rhythm as usual: the count is near its typical value, unlike the amount.
    expect(f(baseline, 'out_count_1h')).toBeGreaterThan(1.5);
    expect(f(baseline, 'out_count_1h')).toBeLessThan(f(out, 'out_count_1h'));
    const after = new Float64Array(FEATURE_COUNT);
    store.baselineOf(A, after);
    expect(f(after, 'amount_log')).toBeGreaterThan(f(baseline, 'amount_log'));
  });
});

describe('AccountFeatureStore bounds and robustness', () => {
  it('stays within maxAccounts, evicting inactive accounts and keeping the busy one', () => {
    const store = new AccountFeatureStore({ maxAccounts: 50 });
    const hot = '0xhot';
    const fresh = (i: number) => `0xfresh${i}`;
    observeAll(
      store,
      Array.from({ length: 1000 }, (_, i) => ev(hot, fresh(i), T0 + i * 1000, 5)),
    );
    expect(store.size).toBe(50);
    expect(store.capacity).toBe(50);
    expect(store.evictions).toBe(1001 - 50);
    expect(store.has(hot)).toBe(true);
    expect(store.has(fresh(0))).toBe(false);
    expect(store.has(fresh(999))).toBe(true);

    // An evicted account comes back as new.
    const back = last(store, [ev(fresh(0), hot, T0 + 2000 * 1000, 5)]);
    expect(f(back, 'activity_log')).toBe(0);
    expect(f(back, 'account_age_days')).toBe(0);
  });

  it('works with the smallest bound, never evicting the sender for its own recipient', () => {
    const store = new AccountFeatureStore({ maxAccounts: 2 });
    const vectors = observeAll(store, [ev(A, B, T0, 5), ev(C, '0xd', T0 + 1, 5), ev(C, A, T0 + 2, 5)]);
    expect(store.size).toBe(2);
    expect(store.has(C)).toBe(true);
    expect(store.has(A)).toBe(true);
    expect(f(vectors[2] as Float64Array, 'activity_log')).toBeCloseTo(Math.log1p(1), 12);
  });

  it('rejects bad options and short vectors', () => {
    expect(() => new AccountFeatureStore({ maxAccounts: 1 })).toThrow(ValidationError);
    expect(() => new AccountFeatureStore({ initialCapacity: 0.5 })).toThrow(ValidationError);
    expect(() => new AccountFeatureStore().observe(ev(A, B, T0, 1), new Float64Array(3))).toThrow(ArgusError);
  });

  it('never writes NaN or Infinity, whatever the input', () => {
    const random = seededRandom(42);
    const pick = <T>(xs: readonly T[]): T => xs[random.int(xs.length)] as T;
    const weirdNumbers = [0, 5e-324, 1e-300, 1e-9, 1, 1234.5, 1e15, 1e300, Number.MAX_VALUE, Number.NaN, -5];
    const risks = [0, 0.3, 1, Number.NaN, Number.POSITIVE_INFINITY, -2];
    const counterpartyRisk: CounterpartyRisk = { riskOf: () => pick(risks) };
    const accounts = Array.from({ length: 30 }, (_, i) => `acct${i}`);
    const bad: string[] = [];
    for (const maxAccounts of [undefined, 8]) {
      const store = new AccountFeatureStore({ counterpartyRisk, ...(maxAccounts ? { maxAccounts } : {}) });
      const out = new Float64Array(FEATURE_COUNT);
      const baseline = new Float64Array(FEATURE_COUNT);
      let time = T0;
      for (let i = 0; i < 3000; i++) {
        const r = random.next();
        if (r < 0.6) time += random.next() * 10 * D;
        else if (r < 0.8) time -= random.next() * 10 * D;
        const eventTime = random.next() < 0.02 ? pick([0, 8.64e15, 1e300, Number.NaN, -1]) : Math.round(time);
        const amount = random.next() < 0.3 ? pick(weirdNumbers) : Math.exp(random.next() * 30 - 5);
        const e = ev(pick(accounts), pick(accounts), eventTime, amount, {
          ...(random.next() < 0.5
            ? { valueUsd: random.next() < 0.3 ? pick(weirdNumbers) : amount * 3000 }
            : {}),
          ...(random.next() < 0.3 ? { toKind: pick(['contract', 'external', 'customer'] as const) } : {}),
        });
        store.observe(e, out, baseline);
        for (let k = 0; k < FEATURE_COUNT; k++) {
          const b = baseline[k] as number;
          if (!Number.isFinite(out[k])) bad.push(`${FEATURE_NAMES[k]} = ${out[k]} at event ${i}`);
          if (!(Number.isNaN(b) || Number.isFinite(b))) bad.push(`baseline ${FEATURE_NAMES[k]} = ${b}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
