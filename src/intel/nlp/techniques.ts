/**
 * Attack techniques as patterns with their synonyms, written for Argus from the wording of Code4rena
 * findings, DeFiHackLabs root causes, SWC entries and rekt.news-style post-mortems. Each technique has
 * one canonical name (the value stored on documents, and the key bursts and trends count by).
 *
 * Patterns run on normalised text (see normalizeText) case-insensitively. They favour precision: a
 * phrase must name the technique ("price manipulation", "manipulated the oracle"), a lone "price" or
 * "oracle" is not enough. Several techniques can match one text ("flash loan price manipulation" is
 * both a flash loan and price manipulation).
 */
export interface Technique {
  /** Canonical name, kebab-case. */
  name: TechniqueName;
  description: string;
  patterns: readonly RegExp[];
}

export const TECHNIQUE_NAMES = [
  'reentrancy',
  'oracle-manipulation',
  'price-manipulation',
  'flash-loan',
  'access-control',
  'signature-replay',
  'front-running',
  'integer-overflow',
  'logic-error',
  'rug-pull',
  'private-key-compromise',
  'governance-attack',
  'denial-of-service',
  'arbitrary-call',
] as const;
export type TechniqueName = (typeof TECHNIQUE_NAMES)[number];

// "manipulate", "manipulated", "manipulates", "manipulating", "manipulation(s)", "manipulable".
const MANIPUL = String.raw`manipul\w*`;

export const TECHNIQUES: readonly Technique[] = [
  {
    name: 'reentrancy',
    description:
      'Re-entering a contract before its state is updated (incl. read-only and cross-function reentrancy).',
    patterns: [/\bre-?entran(?:cy|t|ce)\w*/i, /\bre-?enter(?:s|ed|ing)?\b/i, /\bre-?entrable\b/i],
  },
  {
    name: 'oracle-manipulation',
    description: 'Moving the price an oracle reports (spot-price or TWAP oracles, price feeds).',
    patterns: [
      new RegExp(
        String.raw`\b(?:price[\s-]+)?(?:oracle|price[\s-]+feed|twap)s?[\s-]+(?:\w+[\s-]+){0,2}?${MANIPUL}`,
        'i',
      ),
      new RegExp(
        String.raw`\b${MANIPUL}\s+(?:of\s+)?(?:the\s+|an?\s+)?(?:\w+\s+)?(?:price\s+)?(?:oracle|price\s+feed|twap)s?\b`,
        'i',
      ),
      /\b(?:price\s+)?feeds?\s+can\s+be\s+manipul\w*/i,
    ],
  },
  {
    name: 'price-manipulation',
    description:
      'Moving a spot price, exchange rate or share price (pool reserves, donations, inflation attacks).',
    patterns: [
      new RegExp(
        String.raw`\b(?:spot[\s-]+|share[\s-]+|token[\s-]+|asset[\s-]+|lp[\s-]+)?price[\s-]+${MANIPUL}`,
        'i',
      ),
      new RegExp(
        String.raw`\b${MANIPUL}\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:prices?|exchange\s+rates?|reserves?)\b`,
        'i',
      ),
      new RegExp(String.raw`\b(?:pair|pool|reserves?|exchange[\s-]+rate|liquidity)[\s-]+${MANIPUL}`, 'i'),
      /\b(?:donation|inflation)\s+attacks?\b/i,
      /\bshare\s+(?:price\s+)?inflation\b/i,
    ],
  },
  {
    name: 'flash-loan',
    description:
      'Borrowing and repaying within one transaction to fund an attack (flash loans, flash swaps, flash mints).',
    patterns: [/\bflash[\s-]?(?:loan|swap|mint|borrow)\w*/i],
  },
  {
    name: 'access-control',
    description: 'A privileged function callable by anyone, or a permission check missing or wrong.',
    patterns: [
      /\baccess[\s-]?control\w*/i,
      /\b(?:missing|lack(?:s|ing)?\s+of|no|without|insufficient|improper|incorrect|broken|bad)\s+(?:\w+\s+)?(?:permission|authori[sz]ation|auth|caller|owner(?:ship)?|role)\s+(?:checks?|validation|verification|control)\b/i,
      /\bunprotected\s+(?:\w+\s+)?(?:functions?|initiali[sz]\w*|methods?|calls?)/i,
      /\b(?:anyone|anybody)\s+can\s+(?:call|invoke|execute|set|change|update|mint|withdraw|drain)\b/i,
      /\bprivilege\s+escalation\b/i,
      /\bunauthori[sz]ed\s+(?:access|calls?|users?|callers?|transfer\w*|mint\w*|withdraw\w*)/i,
    ],
  },
  {
    name: 'signature-replay',
    description: 'Replaying, forging or malleating a signature, or a signature check that can be bypassed.',
    patterns: [
      /\bsignatures?\s+(?:can\s+be\s+)?replay\w*/i,
      /\breplay(?:ed|able|ing)?\s+(?:attacks?|signatures?|of\s+signatures?)\b/i,
      /\bsignature\s+malleab\w*/i,
      /\b(?:invalid|incorrect|broken|missing|weak|improper)\s+signature\s+(?:verification|validation|checks?)/i,
      /\bsignature\s+(?:verification|validation|check)\s+(?:bypass\w*|flaw\w*|issue\w*)/i,
      /\becrecover\b/i,
    ],
  },
  {
    name: 'front-running',
    description: 'Ordering transactions for profit: front-running, back-running, sandwiches, MEV.',
    patterns: [
      /\bfront[\s-]?run\w*/i,
      /\bback[\s-]?run\w*/i,
      /\bsandwich(?:ed|ing)?(?:\s+attacks?)?\b/i,
      /\bmev\b/i,
      /\btransaction[\s-]+ordering\b/i,
    ],
  },
  {
    name: 'integer-overflow',
    description: 'Arithmetic that wraps or truncates: integer overflow and underflow, unsafe casts.',
    patterns: [
      /\b(?:integer\s+)?(?:over|under)[\s-]?flow(?:s|ed|ing)?\b/i,
      /\bunsafe\s*(?:down)?cast\w*/i,
      /\binteger\s+truncation\b/i,
    ],
  },
  {
    name: 'logic-error',
    description:
      'A flaw in the business logic or accounting: wrong calculation, rounding and precision loss.',
    patterns: [
      /\b(?:business\s+)?logic(?:al)?\s+(?:error|flaw|bug|issue|mistake)s?\b/i,
      /\b(?:incorrect|wrong|erroneous|faulty|flawed)\s+(?:\w+\s+)?(?:calculation|accounting|computation|logic)s?\b/i,
      /\bmiscalculat\w*/i,
      /\b(?:precision|rounding)\s+(?:loss|error|issue)s?\b/i,
      /\bloss\s+of\s+precision\b/i,
    ],
  },
  {
    name: 'rug-pull',
    description:
      'The project’s own team or a privileged insider takes the funds (rug pull, exit scam, backdoor).',
    patterns: [/\brug[\s-]?pull\w*/i, /\brugged\b/i, /\bexit\s+scam\w*/i, /\bbackdoor\w*/i],
  },
  {
    name: 'private-key-compromise',
    description:
      'A signing key leaked, stolen or lost (hot wallet, deployer, multisig signer, bridge validator keys).',
    patterns: [
      /\b(?:private|signing|admin|deployer|validator)\s+keys?\s+(?:(?:was|were|got|been|being)\s+)?(?:compromis\w*|leak\w*|stolen|exposed|lost)/i,
      /\b(?:compromised|leaked|stolen|lost|exposed)\s+(?:\w+\s+)?(?:private\s+|signing\s+)?keys?\b/i,
      /\bkey\s+compromise\b/i,
    ],
  },
  {
    name: 'governance-attack',
    description:
      'Taking over a DAO vote or proposal (malicious proposal, borrowed votes, governance takeover).',
    patterns: [
      /\bgovernance\s+(?:attack|takeover|exploit|manipul\w*)\w*/i,
      /\bmalicious\s+proposals?\b/i,
      /\b(?:vote|voting)\s+manipul\w*/i,
      /\bflash[\s-]?(?:loan\s+)?governance\b/i,
    ],
  },
  {
    name: 'denial-of-service',
    description: 'Making a contract unusable: DoS, griefing, unbounded loops that exceed the gas limit.',
    patterns: [
      /\bdenial[\s-]+of[\s-]+service\b/i,
      /\bdos\b/i,
      /\bgrief\w*/i,
      /\b(?:out[\s-]+of[\s-]+gas|block\s+gas\s+limit)\b/i,
      /\bunbounded\s+(?:loop|array|iteration)s?\b/i,
    ],
  },
  {
    name: 'arbitrary-call',
    description: 'A contract makes an external call whose target or calldata the attacker chooses.',
    patterns: [
      /\barbitrary\s+(?:external\s+|low[\s-]level\s+)?(?:call|calldata|function\s+call)\w*/i,
      /\bunverified\s+(?:external\s+)?calls?\b/i,
      /\bunchecked\s+(?:external\s+)?calls?\b/i,
    ],
  },
];

/** A technique found in a text, with the span of the first phrase that named it. */
export interface TechniqueMatch {
  name: TechniqueName;
  start: number;
  end: number;
  text: string;
}

/** Every technique whose patterns match the (normalised) text, in the order of TECHNIQUES. */
export function findTechniques(
  text: string,
  techniques: readonly Technique[] = TECHNIQUES,
): TechniqueMatch[] {
  const out: TechniqueMatch[] = [];
  for (const technique of techniques) {
    let best: RegExpExecArray | null = null;
    for (const pattern of technique.patterns) {
      const match = pattern.exec(text);
      if (match && (best === null || match.index < best.index)) best = match;
    }
    if (best) {
      out.push({ name: technique.name, start: best.index, end: best.index + best[0].length, text: best[0] });
    }
  }
  return out;
}
