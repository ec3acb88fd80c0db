import { tokenize } from './tokenize.js';

/**
 * The sentiment lexicon, written for Argus: the words incident reports, advisories and post-mortems use
 * for harm (negative) and for its repair (positive), weighted on VADER's -4..+4 scale by hand. General
 * lexicons score security writing badly: "critical" and "exposure" are neutral or positive elsewhere;
 * "patched", "mitigated" and "reimbursed" are missing. Each entry lists its forms (the words are matched
 * as written, not stemmed, so that "secure" does not make "security" positive).
 */
const LEXICON_SOURCE: readonly [string, number][] = [
  // harm
  ['exploit exploits exploited exploiting exploiter exploiters', -2.5],
  ['hack hacks hacked hacking hacker hackers', -2.5],
  ['drain drains drained draining', -3],
  ['steal steals stole stolen stealing theft thefts', -3],
  ['attack attacks attacked attacking attacker attackers', -2],
  ['breach breaches breached', -3],
  ['compromise compromised compromises', -3],
  ['loss losses lose lost losing', -2],
  ['rug rugged rugpull', -3],
  ['scam scams scammer scammers fraud fraudulent', -3],
  ['phishing phished', -2.5],
  ['malicious malware backdoor backdoored', -2.5],
  ['critical severe', -2.5],
  ['vulnerable vulnerability vulnerabilities', -1.5],
  ['unsafe insecure exposed', -2],
  ['bug bugs flaw flaws flawed', -1.5],
  ['broken break breaks fail fails failed failure', -1.5],
  ['leak leaks leaked leaking', -2],
  ['manipulate manipulated manipulation', -2],
  ['insolvent insolvency bankrupt bankruptcy', -3],
  ['depeg depegged depegging', -2.5],
  ['frozen freeze halted halt paused suspended stuck', -1.5],
  ['victim victims damage damaged', -2],
  ['abuse abused abusing', -2],
  ['panic crash crashed collapse collapsed', -2],
  ['incident incidents emergency', -1.5],
  ['risk risks risky', -1],
  ['liquidated', -1.5],
  // repair
  ['patch patches patched patching', 2],
  ['fix fixes fixed', 2],
  ['resolve resolves resolved', 2],
  ['mitigate mitigates mitigated mitigation', 2],
  ['recover recovers recovered recovery', 2.5],
  ['return returned refund refunds refunded', 1.5],
  ['reimburse reimbursed reimbursement compensate compensated compensation', 2],
  ['rescue rescued', 2.5],
  ['restore restored resumed', 2],
  ['secure secured safe safely protected protect', 2],
  ['unaffected', 2],
  ['hardened hardening', 1.5],
  ['audited', 1.5],
  ['whitehat whitehats bounty', 1.5],
  ['contained', 1.5],
  ['successfully success', 1],
];

/** word -> weight. */
export const SENTIMENT_LEXICON: ReadonlyMap<string, number> = new Map(
  LEXICON_SOURCE.flatMap(([forms, weight]) =>
    forms.split(' ').map((form) => [form, weight] as [string, number]),
  ),
);

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'none', 'nothing', 'neither', 'nor', 'cannot']);
const BOOSTERS = new Set([
  'very',
  'extremely',
  'highly',
  'severely',
  'critically',
  'completely',
  'entirely',
  'fully',
  'massive',
  'massively',
]);

// VADER's constants (Hutto & Gilbert, ICWSM 2014): a negated word keeps 74% of its weight, flipped; a
// booster adds 0.293; the sum is squashed by x / sqrt(x^2 + 15).
const NEGATION_SCALE = -0.74;
const BOOST = 0.293;
const ALPHA = 15;
/** A negator reaches this many words ahead ("no funds were lost"). */
const NEGATION_WINDOW = 3;

export interface SentimentScore {
  /** In (-1, 1): below 0 harm, above 0 repair, 0 neither. */
  score: number;
  /** Sum of positive and of negative contributions, before squashing. */
  positive: number;
  negative: number;
  /** The words that counted and what each contributed, for explanations. */
  terms: { term: string; weight: number }[];
}

const isNegator = (word: string) => NEGATORS.has(word) || word.endsWith("n't");

/**
 * Lexicon-based sentiment of security writing, VADER-style: each lexicon word adds its weight, boosted
 * by an intensifier just before it and flipped (x -0.74) by a negator up to three words before it, and
 * the sum is squashed into (-1, 1).
 */
export function sentiment(text: string): SentimentScore {
  const words = tokenize(text, { stopWords: false, stem: false, minLength: 1 });
  let positive = 0;
  let negative = 0;
  const terms: { term: string; weight: number }[] = [];
  words.forEach((word, i) => {
    const base = SENTIMENT_LEXICON.get(word);
    if (base === undefined) return;
    let weight = base;
    const before = words[i - 1];
    if (before !== undefined && BOOSTERS.has(before)) weight += Math.sign(weight) * BOOST;
    for (let back = 1; back <= NEGATION_WINDOW && i - back >= 0; back++) {
      if (isNegator(words[i - back] as string)) {
        weight *= NEGATION_SCALE;
        break;
      }
    }
    if (weight > 0) positive += weight;
    else negative += weight;
    terms.push({ term: word, weight });
  });
  const sum = positive + negative;
  return { score: sum / Math.sqrt(sum * sum + ALPHA), positive, negative, terms };
}
