import { porterStem } from './porterStemmer.js';
import { STOP_WORDS } from './stopWords.js';

export interface TokenizeOptions {
  /** Drop English function words (default true), or drop the words of a set given here. */
  stopWords?: boolean | ReadonlySet<string>;
  /** Porter-stem plain words (default true); ids, addresses, numbers and package specs are never stemmed. */
  stem?: boolean;
  /**
   * Split code identifiers into their words (default false): `registerTradeAndBorrow` -> register, trade,
   * and, borrow; `account.holdsToken` -> account, holds, token; `_spendAllowance` -> spend, allowance.
   * Audit findings name functions far more often than they repeat them, so a classifier learns more from
   * the parts than from the whole name.
   */
  identifierParts?: boolean;
  /** Words shorter than this are dropped (default 2, as scikit-learn's default token pattern); ids never are. */
  minLength?: number;
}

/**
 * Unicode compatibility normalisation (NFKC: fullwidth and mathematical letters, ligatures and
 * superscripts become plain ones) and the typographic quotes and dashes that NFKC leaves alone mapped
 * to ASCII, so "CVE‑2024‑1234" with non-breaking hyphens and "doesn’t" tokenise like their ASCII forms.
 * Case is kept: callers lower-case after splitting identifiers on their capitals.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/*
 * One alternation, tried left to right at each position, so that the forms that must stay whole win
 * over the generic word: vulnerability ids, 0x-hex (addresses and hashes), bech32 addresses, npm package
 * specs (scoped, or name@version), then words. A word may hold dots between its parts (web3.js,
 * msg.sender, 1.2.3) and apostrophes (doesn't); hyphens split words.
 */
const TOKEN = new RegExp(
  [
    String.raw`cve-\d{4}-\d{4,}`,
    'ghsa(?:-[0-9a-z]{4}){3}',
    String.raw`swc-\d{3}`,
    '0x[0-9a-f]+',
    'bc1[0-9a-z]{8,87}',
    String.raw`@[a-z0-9][\w.-]*/[a-z0-9][\w.-]*(?:@[\w.^~<>=*+-]*\w)?`,
    String.raw`[a-z0-9][\w-]*(?:\.[\w-]+)*@\d[\w.+-]*\w|[a-z0-9][\w-]*(?:\.[\w-]+)*@\d`,
    String.raw`[\p{L}\p{N}_]+(?:[.'][\p{L}\p{N}_]+)*`,
    // A hyphen between word parts, kept as its own match so bound prefixes can be re-joined below.
    '-',
  ].join('|'),
  'giu',
);

// "re-entrancy" and "reentrancy" must become one token; "front-running" should stay two words.
const BOUND_PREFIXES = new Set([
  're',
  'pre',
  'non',
  'un',
  'anti',
  'co',
  'de',
  'mis',
  'multi',
  'sub',
  'inter',
]);

const ID_LIKE = /^(?:cve-|ghsa-|swc-|0x|bc1|@)|@\d/;

/** Splits an identifier on dots, underscores, and lower-to-upper or letter-digit-letter case changes. */
function identifierWords(token: string): string[] {
  return token
    .split(/[._]+/)
    .flatMap((part) => part.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((part) => part.length > 0);
}

/**
 * Splits text into lower-case tokens. Vulnerability ids (CVE-2024-1234, GHSA-xxxx-xxxx-xxxx, SWC-107),
 * 0x-hex strings, bech32 addresses and package specs (@scope/pkg, pkg@1.2.3) come out whole; words are
 * lower-cased, optionally split into identifier parts, stop-word filtered and stemmed.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const stopWords =
    options.stopWords === false
      ? undefined
      : options.stopWords === true || options.stopWords === undefined
        ? STOP_WORDS
        : options.stopWords;
  const stem = options.stem ?? true;
  const minLength = options.minLength ?? 2;
  const out: string[] = [];
  const push = (word: string) => {
    const lower = word.toLowerCase();
    if (lower.length < minLength || stopWords?.has(lower)) return;
    out.push(stem ? porterStem(lower) : lower);
  };
  // The last plain word and how many tokens preceded it, so a bound prefix can be taken back and re-joined.
  let previous: { word: string; end: number; outBefore: number } | undefined;
  let joinNext = false;
  for (const match of normalizeText(text).matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index;
    if (raw === '-') {
      // Only a hyphen directly between a bound prefix and the next word joins them.
      joinNext = previous !== undefined && previous.end === start && BOUND_PREFIXES.has(previous.word);
      continue;
    }
    const lower = raw.toLowerCase();
    if (ID_LIKE.test(lower)) {
      out.push(lower);
      previous = undefined;
      joinNext = false;
      continue;
    }
    const joined = joinNext && previous !== undefined && previous.end + 1 === start;
    const outBefore = joined && previous ? previous.outBefore : out.length;
    const word = joined && previous ? previous.word + raw.toLowerCase() : raw;
    out.length = outBefore;
    joinNext = false;
    const parts = options.identifierParts ? identifierWords(word) : [word.replace(/^_+|_+$/g, '')];
    for (const part of parts) push(part);
    previous = { word: word.toLowerCase(), end: start + raw.length, outBefore };
  }
  return out;
}
