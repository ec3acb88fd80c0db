/** The injected typologies, by the name ground truth and reports use. */
export const TYPOLOGY_NAMES = [
  'dormant-drain',
  'coordinated-withdrawal',
  'structuring',
  'peel-chain',
  'pass-through',
  'takeover-burst',
] as const;

export type TypologyName = (typeof TYPOLOGY_NAMES)[number];

/** Short names accepted on the command line (`--typologies dormant=5,peel=2`). */
export const TYPOLOGY_ALIASES: Readonly<Record<string, TypologyName>> = {
  dormant: 'dormant-drain',
  drain: 'dormant-drain',
  coordinated: 'coordinated-withdrawal',
  structuring: 'structuring',
  peel: 'peel-chain',
  passthrough: 'pass-through',
  'pass-through': 'pass-through',
  takeover: 'takeover-burst',
  ato: 'takeover-burst',
};

export function typologyByName(name: string): TypologyName | undefined {
  const n = name.trim().toLowerCase();
  if ((TYPOLOGY_NAMES as readonly string[]).includes(n)) return n as TypologyName;
  return TYPOLOGY_ALIASES[n];
}
