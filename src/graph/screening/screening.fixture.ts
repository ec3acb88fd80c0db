import type { Label } from '../../core/label.js';

/** Addresses of the hand-made screening scenario (fixtures/transfers.jsonl uses the same ones). */
export const ADDR = {
  sanctioned: '0x5555555555555555555555555555555555555555',
  hacker: '0x4444444444444444444444444444444444444444',
  mule: '0x1111111111111111111111111111111111111111',
  hop: '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  target: '0x7777777777777777777777777777777777777777',
  payer: '0xcccccccccccccccccccccccccccccccccccccccc',
  clean: '0xdddddddddddddddddddddddddddddddddddddddd',
} as const;

export function label(address: string, fields: Pick<Label, 'category' | 'label' | 'source'>): Label {
  return {
    chain: 'ethereum',
    address,
    ...fields,
    sourceRef: `${fields.source}.csv:1`,
    importedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The sanctioned address is also listed as a scam, the hacker as a hack; one label is off the graph. */
export const SCENARIO_LABELS: Label[] = [
  label(ADDR.sanctioned, { category: 'scam', label: 'Fake airdrop', source: 'cryptoscamdb' }),
  label(ADDR.sanctioned, { category: 'sanctions', label: 'Lazarus Group', source: 'ofac' }),
  label(ADDR.hacker, { category: 'hack', label: 'Bridge exploiter', source: 'defihacklabs' }),
  label('0x9999999999999999999999999999999999999999', {
    category: 'phishing',
    label: 'Elsewhere',
    source: 'forta',
  }),
];
