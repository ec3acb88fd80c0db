import { describe, expect, it } from 'vitest';
import { parseTransferEvent } from '../../core/transferEvent.js';
import { seededRandom } from '../../ml/random.js';
import {
  FAST_PARSE_PROBES,
  fastParseAgreesWithSchema,
  parseTransferRecord,
  parseWellFormedForTest,
} from './fastTransferParse.js';

/** Values around each field's limits, the first two of each valid, so random records hit both sides. */
const CHOICES: Record<string, unknown[]> = {
  key: [undefined, 'k'.repeat(300), 'k', '', 'k'.repeat(301), 7],
  chain: [undefined, 'c'.repeat(64), 'ethereum', '', 'c'.repeat(65), null],
  txHash: [undefined, '0xAbC', 'h'.repeat(128), '', 'h'.repeat(129)],
  logIndex: [undefined, -1, 0, 5, -2, 1.5, '3', 2 ** 53],
  blockNumber: [undefined, 0, 17_000_000, -1, 0.5],
  time: [1_700_000_000_000, 0, 2 ** 53 - 1, -5, 1.25, '1700000000000', Number.NaN, 2 ** 53],
  from: ['a', 'f'.repeat(128), undefined, '', 'f'.repeat(129), 12],
  to: ['b', 't'.repeat(128), undefined, '', 't'.repeat(129)],
  asset: [undefined, 'A'.repeat(32), 'ETH', '', 'A'.repeat(33)],
  amount: [1.5, 0, 1e300, undefined, -0.1, Number.POSITIVE_INFINITY, '2'],
  valueUsd: [undefined, 0, 3.25, -1, Number.NaN],
  fromJurisdiction: [undefined, 'DE', 'de', 'DEU', ''],
  toJurisdiction: [undefined, 'US', 'U1'],
  fromKind: [undefined, 'customer', 'external', 'bank', 'contract'],
  toKind: [undefined, 'contract', 'hot-wallet', 'cold-wallet', 'Contract'],
  userId: [undefined, 'u'.repeat(256), 'u1', '', 'u'.repeat(257)],
  extra: [undefined, 'ignored', { nested: true }],
};

function randomRecord(pick: (n: number) => number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(CHOICES)) {
    // Mostly one of the two valid values, so that many records pass and their output is compared too.
    const value = pick(10) === 0 ? values[pick(values.length)] : values[pick(2)];
    if (value !== undefined) record[field] = value;
  }
  return record;
}

describe('parseTransferRecord (the fast twin of TransferEventSchema)', () => {
  it('is switched on: it agrees with the schema on its probes', () => {
    expect(fastParseAgreesWithSchema()).toBe(true);
  });

  it('gives the schema verdict and output on 20 000 random records around every limit', () => {
    const random = seededRandom(42);
    const pick = (n: number) => random.int(n);
    let fast = 0;
    let accepted = 0;
    const disagreements: unknown[] = [];
    for (let i = 0; i < 20_000; i++) {
      const record = randomRecord(pick);
      const expected = parseTransferEvent(record);
      const got = parseTransferRecord(record);
      if (parseWellFormedForTest(record) !== undefined) fast++;
      if (expected.ok) accepted++;
      if (
        JSON.stringify(got) !== JSON.stringify(expected) &&
        !(got.ok && expected.ok && sameFields(got.event, expected.event))
      ) {
        disagreements.push({ record, expected, got });
      }
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // Both sides were exercised: most valid records took the fast path, and many were invalid.
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(18_000);
    expect(fast).toBe(accepted);
  });

  it('leaves reasons to the schema', () => {
    const bad = { time: -1, from: 'a', to: 'b', amount: 1 };
    expect(parseTransferRecord(bad)).toEqual(parseTransferEvent(bad));
    expect(FAST_PARSE_PROBES.length).toBeGreaterThan(30);
  });
});

function sameFields(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => Object.is(x[k], y[k]));
}
