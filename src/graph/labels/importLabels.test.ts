import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { LabelSchema } from '../../core/label.js';
import { importLabels, type LabelImportKind } from './importLabels.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const AT = { importedAt: '2026-01-01T00:00:00Z' };

const brief = (labels: { chain: string; address: string; category: string }[]) =>
  labels.map((l) => `${l.chain} ${l.address} ${l.category}`);

describe('importLabels: OFAC', () => {
  it('reads every asset list in a folder, .txt over .json, and maps assets to chains', async () => {
    const result = await importLabels('ofac', join(FIXTURES, 'ofac'), AT);
    expect(brief(result.labels)).toEqual([
      'ethereum 0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1 sanctions',
      'ethereum 0x03893a7c7463ae47d46bc7f091665f1893656003 sanctions',
      'tron TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre sanctions',
      'ethereum 0x19aa5fe80d33a56d56c78e82ea5e50e5d80b4dff sanctions',
      'bitcoin 16iWn2J1McqjToYLHSsAyS6En3QA8YQ91H sanctions',
      'bitcoin 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa sanctions',
      'bitcoin 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy sanctions',
      'bitcoin bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw sanctions',
      'bitcoin bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0 sanctions',
    ]);
    // the ETH repeat in lower case, USDT's copies of an ETH address and of the TRX address
    expect(result.duplicates).toBe(3);
    expect(result.rejected.map((r) => r.position)).toEqual([
      'sanctioned_addresses_ETH.txt:4',
      'sanctioned_addresses_ETH.txt:5',
      'sanctioned_addresses_LTC.txt:1',
      'sanctioned_addresses_XBT.json[4]',
      'sanctioned_addresses_XBT.json[5]',
      'sanctioned_addresses_XBT.json[6]',
    ]);
    expect(result.rejected[0]?.reason).toMatch(/EIP-55/);
    expect(result.rejected[2]?.reason).toMatch(/asset LTC has no supported chain/);
    expect(result.labels[0]).toEqual({
      chain: 'ethereum',
      address: '0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1',
      category: 'sanctions',
      label: 'OFAC SDN (ETH)',
      source: 'ofac',
      sourceRef: 'sanctioned_addresses_ETH.txt:1',
      importedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('reads a single .json list', async () => {
    const result = await importLabels('ofac', join(FIXTURES, 'ofac', 'sanctioned_addresses_ETH.json'), AT);
    expect(result.labels.map((l) => l.address)).toEqual([
      '0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1',
      '0x8589427373d6d84e98730d7795d8f6f8731fda16',
    ]);
    expect(result.rejected).toEqual([]);
  });
});

describe('importLabels: Forta', () => {
  it('tells the three lists apart, takes the chain from the labels/<chain id> folder', async () => {
    const result = await importLabels('forta', join(FIXTURES, 'forta', '1'), AT);
    expect(brief(result.labels)).toEqual([
      'ethereum 0x000000000532b45f47779fce440748893b257865 phishing',
      'ethereum 0x84d3656163005ecdec0339b502068fc8e520feb1 hack',
      'ethereum 0x85a8df6564517cd0a8501587db0cc74850f191d6 hack',
      'ethereum 0x04ae3226c80e8c04d35e6e56089345bdd06da6de malicious-contract',
      'ethereum 0xc5ac25cfc2b8284e84ca47dad21cf1319f732c11 malicious-contract',
      'ethereum 0x00000000072d54638c2c2a3da3f715360269eea1 phishing',
    ]);
    expect(result.labels.map((l) => l.label)).toContain('created by xToken Exploiter');
    expect(result.duplicates).toBe(1);
    expect(result.rejected).toEqual([
      { position: 'etherscan_malicious_labels.csv:5', reason: expect.stringMatching(/Quote Not Closed/) },
      { position: 'phishing_scams.csv:4', reason: expect.stringMatching(/EIP-55/) },
    ]);
  });

  it('lets the caller name the chain of a lone file', async () => {
    const file = join(FIXTURES, 'forta', '1', 'malicious_smart_contracts.csv');
    const result = await importLabels('forta', file, { ...AT, chain: 'polygon' });
    expect(result.labels.map((l) => l.chain)).toEqual(['polygon', 'polygon']);
  });
});

describe('importLabels: CryptoScamDB', () => {
  it('maps coins to chains, keeps one label per (address, category), rejects the rest with reasons', async () => {
    const result = await importLabels('cryptoscamdb', join(FIXTURES, 'cryptoscamdb'), AT);
    expect(brief(result.labels)).toEqual([
      'ethereum 0xd0cc2b24980cbcca47ef755da88b220a82291407 phishing',
      'ethereum 0x4cdc1cba0aeb5539f2e0ba158281e67e0e54a9b1 phishing',
      'bitcoin 1AfroW44dzHkjgbLEMLB3EvGDFegfkRewM phishing',
      'tron TPcDNYz4AxCaLCY2Xx4i95jGYwCjUrxg5r scam',
      'bitcoin 19z2xhdqMAbi7cF3naNtHmPfidNTAwmY5o scam',
      'ethereum 0x4cdc1cba0aeb5539f2e0ba158281e67e0e54a9b1 scam',
    ]);
    expect(result.labels[0]?.label).toBe('myelherwallel.com (MyEtherWallet)');
    expect(result.labels[0]?.sourceRef).toBe('scam_addresses.csv:2 http://myelherwallel.com');
    expect(result.duplicates).toBe(1);
    expect(result.rejected).toEqual([
      { position: 'scam_addresses.csv:8', reason: 'coin "XRP" has no supported chain' },
      { position: 'scam_addresses.csv:9', reason: expect.stringMatching(/not 0x followed by 40 hex/) },
      { position: 'scam_addresses.csv:11', reason: expect.stringMatching(/unknown category "Hacking"/) },
    ]);
  });
});

describe('importLabels: DeFiHackLabs', () => {
  it('labels attackers and attack contracts with the incident, its date and its explorer chain', async () => {
    const result = await importLabels('defihacklabs', join(FIXTURES, 'defihacklabs'), AT);
    expect(result.labels.map((l) => `${l.chain} ${l.address} ${l.label} ${l.listedAt}`)).toEqual([
      'bsc 0x47f341d896b08daacb344d9021f955247e50d089 bEarn attacker 2021-05-16',
      'bsc 0xef39f14213714001456e2e89eddbdf8c850c3be6 bEarn attack contract 2021-05-16',
      'bsc 0xc3bc29941677db01b9645f7b8b72d27e3ba75372 JulSwap attacker 2021-05-27',
      'bsc 0x7c591aab9429af81287951872595a17d5837ce03 JulSwap attack contract 2021-05-27',
      'ethereum 0xd6a09bdb29e1eafa92a30373c44b09e2e2e0651e SmartMesh attacker 2018-04-24',
    ]);
    expect(result.labels.every((l) => l.category === 'hack' && l.source === 'defihacklabs')).toBe(true);
    expect(result.duplicates).toBe(1); // the bEarn attacker again in JulSwap
    expect(result.rejected.map((r) => r.position)).toEqual([
      'incidents.jsonl:1',
      'incidents.jsonl:5:attack contract',
      'incidents.jsonl:6',
      'incidents.jsonl:7',
      'incidents.jsonl:8',
    ]);
    expect(result.rejected[0]?.reason).toMatch(/chain is unknown/);
    expect(result.rejected[4]?.reason).toMatch(/not JSON/);
  });

  it('assumes a chain for incidents without an explorer only when asked', async () => {
    const result = await importLabels('defihacklabs', join(FIXTURES, 'defihacklabs'), {
      ...AT,
      chainWhenUnknown: 'ethereum',
    });
    expect(result.labels[0]).toMatchObject({
      chain: 'ethereum',
      address: '0xb3764761e297d6f121e79c32a65829cd1ddb4d32',
      label: 'Parity Multisig attacker',
      listedAt: '2017-07-19',
    });
    expect(result.rejected).toHaveLength(4);
  });

  it('reads the CSV form the same way', async () => {
    const result = await importLabels('defihacklabs', join(FIXTURES, 'defihacklabs', 'incidents.csv'), AT);
    expect(brief(result.labels)).toEqual([
      'bsc 0x47f341d896b08daacb344d9021f955247e50d089 hack',
      'bsc 0xef39f14213714001456e2e89eddbdf8c850c3be6 hack',
      'ethereum 0xd6a09bdb29e1eafa92a30373c44b09e2e2e0651e hack',
    ]);
    expect(result.rejected.map((r) => r.position)).toEqual(['incidents.csv:4']);
  });
});

describe('importLabels: boundaries', () => {
  it('produces labels that satisfy the schema', async () => {
    for (const [kind, path] of [
      ['ofac', 'ofac'],
      ['forta', 'forta/1'],
      ['cryptoscamdb', 'cryptoscamdb'],
      ['defihacklabs', 'defihacklabs'],
    ] as const) {
      const { labels } = await importLabels(kind, join(FIXTURES, path));
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(LabelSchema.safeParse(label).success).toBe(true);
    }
  });

  it('refuses an unknown source, a missing path and bad options', async () => {
    await expect(importLabels('etherscan' as LabelImportKind, FIXTURES)).rejects.toMatchObject({
      message: expect.stringContaining('unknown label source "etherscan"'),
      hint: 'use one of: ofac, forta, cryptoscamdb, defihacklabs',
    });
    await expect(importLabels('ofac', join(FIXTURES, 'absent'))).rejects.toThrow(ArgusError);
    await expect(
      importLabels('forta', join(FIXTURES, 'forta', '1'), { chain: 'solana' as 'ethereum' }),
    ).rejects.toThrow(/label import options is invalid/);
  });
});
