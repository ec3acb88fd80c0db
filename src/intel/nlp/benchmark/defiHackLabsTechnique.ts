/**
 * A documented, rule-based mapping from DeFiHackLabs' free-text root causes ("Business Logic Flaw",
 * "FlashLoan price manipulation", "Lack of access control", ...) to a small set of attack techniques, so
 * that the incidents can serve as labelled data for the technique classifier.
 *
 * The rules are tried in the order below and the first that matches names the technique. The order
 * settles combined causes: reentrancy and signature flaws are the most specific; a rug pull or a
 * compromised key is the cause whatever else happened; price manipulation outranks the flash loan
 * that funded it ("FlashLoan price manipulation" is price manipulation); a missing permission check
 * outranks the arbitrary call or logic it enabled; arithmetic and accounting flaws come last before
 * "other", which holds what none of the rules name (bridges, misconfiguration, weak randomness, ...).
 *
 * Caveat, stated in the benchmark report too: a classifier trained on these labels, from the same root-cause
 * text, is partly re-learning these rules. Its score says how well it recovers a keyword taxonomy from
 * short, misspelt, inconsistent phrases, not how well it recognises techniques in fresh prose.
 */
export const DEFIHACKLABS_TECHNIQUES = [
  'reentrancy',
  'signature-replay',
  'rug-or-key-compromise',
  'price-manipulation',
  'flash-loan',
  'access-control',
  'arbitrary-call',
  'input-validation',
  'logic-or-arithmetic',
  'other',
] as const;
export type DefiHackLabsTechnique = (typeof DEFIHACKLABS_TECHNIQUES)[number];

export const DEFIHACKLABS_RULES: readonly { technique: DefiHackLabsTechnique; pattern: RegExp }[] = [
  { technique: 'reentrancy', pattern: /re-?entr/i },
  { technique: 'signature-replay', pattern: /signature|replay|ecrecover|permit\s+validation/i },
  {
    technique: 'rug-or-key-compromise',
    pattern: /\brug|private\s+key|lost\s+keys|auth\s+key|phishing|backdoor|owner-privileged/i,
  },
  {
    technique: 'price-manipulation',
    pattern:
      /pric|oracle|twap|\bspot\b|sandwich|slippage|skim|reserve|donat|inflation|\bk\s+value|`k`|(?:pair|pool|amm|index|balance\w*|rate)\s+manipul|manipulat\w*\s+(?:of\s+)?(?:price|fund|the\s+price)/i,
  },
  { technique: 'flash-loan', pattern: /flash/i },
  {
    technique: 'access-control',
    pattern:
      /access|permission|unprotected|unauthori[sz]ed|caller\s+check|privilege|visibility|public\s+internal|unrestricted|ownership|msg\.sender|modifier|protection\b|permissionless/i,
  },
  {
    technique: 'arbitrary-call',
    pattern:
      /arbit?r?ary[\s-]+(?:external\s+|yul\s+)?call|arbitrary\s+yul|(?:unverified|unchecked)\s+external\s+call|functioncall|call\s+injection|forwarder/i,
  },
  {
    technique: 'input-validation',
    pattern: /validat|input|\bcheck|verif|sanitiz|unchecked|parameter/i,
  },
  {
    technique: 'logic-or-arithmetic',
    pattern:
      /logic|calculat|accounting|precis|rounding|overflow|underflow|truncat|math|reward|dividend|burn|\bfee|reflection|rebas|deflationary|balance|mint|incorrect|wrong|flaw|error|\bbug|mismatch|double|duplicate|cast|implement|unit|recalc|repeated|self[\s-]transfer|token\s+incompatib|incompatible/i,
  },
];

/** The technique the rules give a root cause; 'other' when none matches (or the text is empty). */
export function defiHackLabsTechnique(rootCause: string): DefiHackLabsTechnique {
  for (const { technique, pattern } of DEFIHACKLABS_RULES) if (pattern.test(rootCause)) return technique;
  return 'other';
}
