import type { TransferEvent } from '../../core/transferEvent.js';
import type { RuleScope } from './ruleCommon.js';

/** Decides per event whether a rule applies; answers are memoised per distinct chain/asset string. */
export interface ScopeFilter {
  /**
   * `kind` is the watched account's kind (accountKinds), `counterpartyKind` the other side's
   * (counterpartyKinds); see ScopeSchema for which side is which.
   */
  matches(event: TransferEvent, kind: string | undefined, counterpartyKind: string | undefined): boolean;
}

const EVERYTHING: ScopeFilter = { matches: () => true };

// Distinct chains and assets are few; the cap only guards against a source inventing new ones forever.
const MEMO_LIMIT = 4_096;

/** Case-insensitive membership without lower-casing (and so allocating) on every event. */
class MemoisedSet {
  private readonly allowed: Set<string>;
  private readonly memo = new Map<string, boolean>();
  constructor(values: readonly string[]) {
    this.allowed = new Set(values.map((v) => v.toLowerCase()));
  }
  has(value: string): boolean {
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    const answer = this.allowed.has(value.toLowerCase());
    if (this.memo.size < MEMO_LIMIT) this.memo.set(value, answer);
    return answer;
  }
}

class ScopeMatcher implements ScopeFilter {
  private readonly chains: MemoisedSet | undefined;
  private readonly assets: MemoisedSet | undefined;
  private readonly kinds: ReadonlySet<string> | undefined;
  private readonly counterpartyKinds: ReadonlySet<string> | undefined;
  constructor(scope: RuleScope) {
    this.chains = scope.chains ? new MemoisedSet(scope.chains) : undefined;
    this.assets = scope.assets ? new MemoisedSet(scope.assets) : undefined;
    this.kinds = scope.accountKinds ? new Set(scope.accountKinds) : undefined;
    this.counterpartyKinds = scope.counterpartyKinds ? new Set(scope.counterpartyKinds) : undefined;
  }
  matches(event: TransferEvent, kind: string | undefined, counterpartyKind: string | undefined): boolean {
    if (this.chains !== undefined && !this.chains.has(event.chain)) return false;
    if (this.assets !== undefined && !this.assets.has(event.asset)) return false;
    if (this.kinds !== undefined && !this.kinds.has(kind ?? 'unknown')) return false;
    if (this.counterpartyKinds !== undefined && !this.counterpartyKinds.has(counterpartyKind ?? 'unknown')) {
      return false;
    }
    return true;
  }
}

export function compileScope(scope: RuleScope | undefined): ScopeFilter {
  if (scope === undefined) return EVERYTHING;
  if (!scope.chains && !scope.assets && !scope.accountKinds && !scope.counterpartyKinds) return EVERYTHING;
  return new ScopeMatcher(scope);
}
