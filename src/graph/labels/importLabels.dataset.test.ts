import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLabels } from './importLabels.js';
import { LabelIndex } from './labelIndex.js';

/*
 * The real lists in ../shared/data. The counts are what this importer measured on those snapshots
 * (see the README there for each one's commit); a change means the parsing or validation changed.
 */
const DATA = join(process.cwd(), '..', 'shared', 'data');
const OFAC = join(DATA, 'ofac-sanctioned');
const FORTA = join(DATA, 'forta-labelled', 'labels', '1');
const SCAMDB = join(DATA, 'cryptoscamdb');
const HACKS = join(DATA, 'defihacklabs');
const present = [OFAC, FORTA, SCAMDB, HACKS].every((p) => existsSync(p));
if (!present) {
  console.warn(
    `[argus] skipping the label import tests on real lists: ${DATA} is absent (it comes with ../shared/data)`,
  );
}

const byChainAndCategory = (labels: { chain: string; category: string }[]) => {
  const counts: Record<string, number> = {};
  for (const l of labels) counts[`${l.chain}/${l.category}`] = (counts[`${l.chain}/${l.category}`] ?? 0) + 1;
  return counts;
};

describe.skipIf(!present)('label import on real lists (../shared/data)', () => {
  it('OFAC: 613 sanctioned addresses on supported chains, 31 rejected, 10 repeats', async () => {
    const result = await importLabels('ofac', OFAC);
    expect(byChainAndCategory(result.labels)).toEqual({
      'ethereum/sanctions': 156,
      'bitcoin/sanctions': 437,
      'tron/sanctions': 17,
      'arbitrum/sanctions': 1,
      'bsc/sanctions': 1,
      'ethereum-classic/sanctions': 1,
    });
    expect(result.duplicates).toBe(10);
    // 30 rows of assets without a supported chain, and one Tron address filed under XBT
    expect(result.rejected).toHaveLength(31);
    expect(result.rejected.filter((r) => r.reason.includes('has no supported chain'))).toHaveLength(30);
    // The .json lists hold the same addresses as the .txt ones the folder import reads.
    for (const asset of ['ETH', 'XBT', 'USDT']) {
      const txt = await importLabels('ofac', join(OFAC, `sanctioned_addresses_${asset}.txt`));
      const json = await importLabels('ofac', join(OFAC, `sanctioned_addresses_${asset}.json`));
      expect(json.labels.map((l) => l.address)).toEqual(txt.labels.map((l) => l.address));
    }
  });

  it('Forta (chain 1): 8,005 labels from 15,259 rows, 4 bad checksums, 7,250 repeats', async () => {
    const result = await importLabels('forta', FORTA);
    expect(byChainAndCategory(result.labels)).toEqual({
      'ethereum/phishing': 7076,
      'ethereum/hack': 210,
      'ethereum/malicious-contract': 719,
    });
    expect(result.duplicates).toBe(7250);
    expect(result.rejected).toHaveLength(4);
    expect(result.rejected.every((r) => r.reason.includes('EIP-55'))).toBe(true);
  });

  it('CryptoScamDB: 4,104 labels from 5,841 rows, 458 rejected, 1,279 repeats', async () => {
    const result = await importLabels('cryptoscamdb', SCAMDB);
    expect(result.labels).toHaveLength(4104);
    expect(result.duplicates).toBe(1279);
    expect(result.rejected).toHaveLength(458);
    expect(result.rejected.filter((r) => r.reason.includes('has no supported chain'))).toHaveLength(430);
  });

  it('DeFiHackLabs: 769 labels on 13 chains; 224 incidents without an explorer rejected', async () => {
    const result = await importLabels('defihacklabs', HACKS);
    expect(result.labels).toHaveLength(769);
    expect(new Set(result.labels.map((l) => l.chain)).size).toBe(13);
    expect(result.duplicates).toBe(50);
    expect(result.rejected).toHaveLength(224);
    expect(result.labels.every((l) => l.listedAt !== undefined)).toBe(true);
    const csv = await importLabels('defihacklabs', join(HACKS, 'incidents.csv'));
    // The CSV holds the same incidents (its lines are one further down, below the header).
    const gist = (l: { chain: string; address: string; label: string; listedAt?: string | undefined }) =>
      `${l.chain} ${l.address} ${l.label} ${l.listedAt}`;
    expect(csv.labels.map(gist)).toEqual(result.labels.map(gist));
    expect(csv.rejected).toHaveLength(224);
  });

  it('indexes all four sources together', async () => {
    const index = new LabelIndex();
    for (const [kind, path] of [
      ['ofac', OFAC],
      ['forta', FORTA],
      ['cryptoscamdb', SCAMDB],
      ['defihacklabs', HACKS],
    ] as const) {
      index.addAll((await importLabels(kind, path)).labels);
    }
    expect(index.countsBySource()).toEqual({ ofac: 613, forta: 8005, cryptoscamdb: 4104, defihacklabs: 769 });
    expect(index.size).toBe(13491);
    // Tornado Cash's router is on the OFAC list
    expect(
      index.labelsOf('ethereum', '0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b').map((l) => l.source),
    ).toContain('ofac');
  });
});
