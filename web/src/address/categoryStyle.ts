/** One colour per label category, shared by the graph, the legend and the label chips. */
export const CATEGORY_COLOURS: Readonly<Record<string, string>> = {
  sanctions: '#c62828',
  hack: '#7b1fa2',
  phishing: '#ef6c00',
  scam: '#ef6c00',
  'malicious-contract': '#6d4c41',
  mixer: '#ad1457',
  exchange: '#1565c0',
  other: '#00897b',
};

/** What the legend lists, in order of severity. */
export const LEGEND: readonly { category: string; name: string }[] = [
  { category: 'sanctions', name: 'sanctioned' },
  { category: 'hack', name: 'hack / exploit' },
  { category: 'phishing', name: 'scam / phishing' },
  { category: 'mixer', name: 'mixer' },
  { category: 'exchange', name: 'exchange' },
  { category: 'other', name: 'other label' },
];

export const UNLABELLED_COLOUR = '#9aa5b8';

export function categoryColour(category: string | undefined): string {
  return category === undefined
    ? UNLABELLED_COLOUR
    : (CATEGORY_COLOURS[category] ?? CATEGORY_COLOURS.other ?? '');
}

/** The page's CSS colours for canvas drawing, which cannot read CSS variables itself. */
export function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** 0x28c6c062…bf21d60 → 0x28c6…1d60: enough to tell nodes apart on a drawing. */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** 1234567 → 1.23M, for values on axes, edges and tiles. */
export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}
