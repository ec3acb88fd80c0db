import { decodeSegwit } from '../../core/bech32.js';
import { BUILT_IN_GAZETTEER, type GazetteerEntry } from './gazetteer.js';
import { findTechniques, TECHNIQUES, type Technique } from './techniques.js';
import { normalizeText } from './tokenize.js';

export type EntityKind = 'cve' | 'ghsa' | 'swc' | 'address' | 'package' | 'protocol' | 'technique';

/** One mention. Offsets index the normalised text (normalizeText(text)), which NFKC may have shortened. */
export interface EntityMention {
  kind: EntityKind;
  /** Normalised: CVE-…/SWC-… upper-case, GHSA-… as GitHub writes it, addresses lower-case, canonical names. */
  value: string;
  start: number;
  end: number;
  /** The text as written. */
  text: string;
}

export interface EntityExtractorOptions {
  /** Package and protocol names; default the built-in list (extend it with extendGazetteer). */
  gazetteer?: readonly GazetteerEntry[];
  techniques?: readonly Technique[];
  /** Also report checksum-valid bech32 `bc1…` Bitcoin addresses (default true). */
  bitcoin?: boolean;
}

export interface EntityExtractor {
  /** Every mention in order of position; overlapping mentions of ids, addresses and names are resolved first-come. */
  mentions(text: string): EntityMention[];
  /** The distinct (kind, value) pairs of a text, as IntelDocument.entities stores them. */
  entities(text: string): { kind: EntityKind; value: string }[];
}

const ID_PATTERNS: readonly { kind: EntityKind; pattern: RegExp; normalise: (m: string) => string }[] = [
  {
    kind: 'cve',
    pattern: /(?<![\w-])cve-\d{4}-\d{4,}(?![\w-])/gi,
    normalise: (m) => m.toUpperCase(),
  },
  {
    // GitHub writes these GHSA-xxxx-xxxx-xxxx, the three groups lower-case; OSV and the advisory database
    // use the same form, so keeping it makes the stored value match the advisory's own id.
    kind: 'ghsa',
    pattern: /(?<![\w-])ghsa(?:-[23456789cfghjmpqrvwx]{4}){3}(?![\w-])/gi,
    normalise: (m) => `GHSA${m.slice(4).toLowerCase()}`,
  },
  {
    kind: 'swc',
    pattern: /(?<![\w-])swc-?\d{3}(?![\w-])/gi,
    normalise: (m) => `SWC-${m.replace(/^swc-?/i, '')}`,
  },
  {
    // Exactly 40 hex digits: a 64-digit transaction hash is not an address, so longer runs are refused.
    kind: 'address',
    pattern: /(?<![\w])0x[0-9a-f]{40}(?![\w])/gi,
    normalise: (m) => m.toLowerCase(),
  },
];

const BECH32_CANDIDATE = /(?<![\w])bc1[02-9ac-hj-np-z]{11,71}(?![\w])/gi;

// npm package specs written as such: @scope/name (with or without a version) and name@1.2.3.
// A name never ends in a dot: the dot after "@openzeppelin/contracts." ends the sentence.
const SCOPED_PACKAGE =
  /(?<![\w@/.-])(@[a-z0-9][a-z0-9._-]*\/[a-z0-9](?:[a-z0-9._-]*[a-z0-9_-])?)(?:@[\^~]?v?\d[\w.+-]*)?/gi;
const VERSIONED_PACKAGE = /(?<![\w@/.-])([a-z0-9][a-z0-9._-]*)@[\^~]?v?\d+(?:\.\d+)*(?![\w@])/gi;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Lower-case with every run of spaces or hyphens as one space: the key a matched alias is looked up by. */
const aliasKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim();
const aliasPattern = (s: string) =>
  s
    .trim()
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join(String.raw`[\s-]+`);

/**
 * One alternation of every alias (longest first, so "uniswap v3" wins over "uniswap"), bounded so that a
 * name inside a longer word, path or package name does not count ("viem" is not in "review").
 */
function aliasRegExp(aliases: readonly string[], flags: string): RegExp | undefined {
  if (aliases.length === 0) return undefined;
  const body = [...new Set(aliases)]
    .sort((a, b) => b.length - a.length)
    .map(aliasPattern)
    .join('|');
  return new RegExp(String.raw`(?<![\p{L}\p{N}_@/.-])(?:${body})(?![\p{L}\p{N}_/@-]|\.[\p{L}\p{N}])`, flags);
}

export function createEntityExtractor(options: EntityExtractorOptions = {}): EntityExtractor {
  const gazetteer = options.gazetteer ?? BUILT_IN_GAZETTEER;
  const techniques = options.techniques ?? TECHNIQUES;
  const bitcoin = options.bitcoin ?? true;
  // Later entries win a shared alias, so a user file can take over a built-in spelling.
  const byAlias = new Map<string, GazetteerEntry>();
  const byExactAlias = new Map<string, GazetteerEntry>();
  // The name itself is looked up even when it is not matched in text, for package specs ("web3@1.10.0").
  for (const entry of gazetteer) {
    for (const alias of [entry.name, ...entry.aliases]) byAlias.set(aliasKey(alias), entry);
    for (const alias of entry.caseSensitiveAliases) byExactAlias.set(alias.replace(/[\s-]+/g, ' '), entry);
  }
  // A name that is also listed as case-sensitive ("Curve" for curve) is only matched as written there.
  const insensitive = aliasRegExp(
    gazetteer.flatMap((e) => {
      const exact = new Set(e.caseSensitiveAliases.map((a) => a.toLowerCase()));
      const names = e.matchName === false ? e.aliases : [e.name, ...e.aliases];
      return names.filter((a) => !exact.has(a.toLowerCase()));
    }),
    'giu',
  );
  const sensitive = aliasRegExp(
    gazetteer.flatMap((e) => e.caseSensitiveAliases),
    'gu',
  );

  const mentions = (input: string): EntityMention[] => {
    const text = normalizeText(input);
    const found: EntityMention[] = [];
    const taken: [number, number][] = [];
    const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
    const add = (kind: EntityKind, value: string, start: number, end: number) => {
      if (!free(start, end)) return;
      taken.push([start, end]);
      found.push({ kind, value, start, end, text: text.slice(start, end) });
    };

    for (const { kind, pattern, normalise } of ID_PATTERNS) {
      for (const m of text.matchAll(pattern)) add(kind, normalise(m[0]), m.index, m.index + m[0].length);
    }
    if (bitcoin) {
      for (const m of text.matchAll(BECH32_CANDIDATE)) {
        if (decodeSegwit(m[0], 'bc').ok) add('address', m[0].toLowerCase(), m.index, m.index + m[0].length);
      }
    }
    for (const pattern of [SCOPED_PACKAGE, VERSIONED_PACKAGE]) {
      for (const m of text.matchAll(pattern)) {
        const name = (m[1] as string).toLowerCase();
        const entry = byAlias.get(aliasKey(name));
        // A name the gazetteer knows gets its canonical value and kind; any other spec is an npm package.
        add(entry?.kind ?? 'package', entry?.name ?? name, m.index, m.index + m[0].length);
      }
    }
    for (const [pattern, lookup] of [
      [sensitive, (s: string) => byExactAlias.get(s.replace(/[\s-]+/g, ' '))],
      [insensitive, (s: string) => byAlias.get(aliasKey(s))],
    ] as const) {
      if (pattern === undefined) continue;
      for (const m of text.matchAll(pattern)) {
        const entry = lookup(m[0]);
        if (entry) add(entry.kind, entry.name, m.index, m.index + m[0].length);
      }
    }
    // Techniques may overlap names ("Curve pool manipulation"), so they do not compete for spans.
    for (const t of findTechniques(text, techniques)) {
      found.push({ kind: 'technique', value: t.name, start: t.start, end: t.end, text: t.text });
    }
    return found.sort((a, b) => a.start - b.start || a.end - b.end);
  };

  return {
    mentions,
    entities(text) {
      const seen = new Set<string>();
      const out: { kind: EntityKind; value: string }[] = [];
      for (const m of mentions(text)) {
        const key = `${m.kind}\u0000${m.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ kind: m.kind, value: m.value });
      }
      return out;
    },
  };
}
