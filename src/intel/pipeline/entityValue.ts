/**
 * The stored spelling of an entity a user typed ("cve-2024-1234", "Flash Loan", "0xAbC…"), so that a
 * filter or a trend lookup finds what the extractor stored. The rules follow the extractor's own
 * normalisation (src/intel/nlp/entities.ts); package names are kept as given, since registries such as
 * PyPI keep capitals that a user gazetteer may repeat.
 */
export function normaliseEntityValue(kind: string, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'cve':
      return v.toUpperCase();
    case 'swc':
      return `SWC-${v.replace(/^swc-?/i, '')}`;
    case 'ghsa':
      return /^ghsa/i.test(v) ? `GHSA${v.slice(4).toLowerCase()}` : v;
    case 'address':
      return v.toLowerCase();
    case 'technique':
      return v.toLowerCase().replace(/[\s_]+/g, '-');
    case 'protocol':
      return v.toLowerCase().replace(/\s+/g, ' ');
    default:
      return v;
  }
}
