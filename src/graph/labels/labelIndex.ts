import type { Chain } from '../../core/chain.js';
import type { Label, LabelCategory, LabelSource } from '../../core/label.js';
import { checkAddress } from './addresses.js';

const NO_LABELS: readonly Label[] = Object.freeze([]);

/**
 * Labels in memory, looked up by (chain, address). Lookups accept any valid spelling of an address
 * (a checksummed EVM address finds its lower-case entry); an invalid address simply has no labels.
 * Adding the same (chain, address, category, source) twice keeps the first.
 */
export class LabelIndex {
  private readonly byKey = new Map<string, Label[]>();
  private readonly categories = new Map<LabelCategory, number>();
  private readonly sources = new Map<LabelSource, number>();
  private total = 0;

  constructor(labels: Iterable<Label> = []) {
    this.addAll(labels);
  }

  /** Adds a label; false when the index already holds one from that source in that category. */
  add(label: Label): boolean {
    const key = `${label.chain}\u0000${label.address}`;
    let list = this.byKey.get(key);
    if (list === undefined) {
      list = [];
      this.byKey.set(key, list);
    }
    if (list.some((l) => l.category === label.category && l.source === label.source)) return false;
    list.push(label);
    this.total++;
    this.categories.set(label.category, (this.categories.get(label.category) ?? 0) + 1);
    this.sources.set(label.source, (this.sources.get(label.source) ?? 0) + 1);
    return true;
  }

  /** How many of the labels were new. */
  addAll(labels: Iterable<Label>): number {
    let added = 0;
    for (const label of labels) if (this.add(label)) added++;
    return added;
  }

  labelsOf(chain: Chain, address: string): readonly Label[] {
    const check = checkAddress(chain, address);
    if (!check.ok) return NO_LABELS;
    return this.byKey.get(`${chain}\u0000${check.address}`) ?? NO_LABELS;
  }

  /**
   * The hot-path lookup for addresses already in canonical form (as the monitor's transfers carry
   * them): no validation, no allocation.
   */
  labelsOfCanonical(chain: Chain, canonical: string): readonly Label[] {
    return this.byKey.get(`${chain}\u0000${canonical}`) ?? NO_LABELS;
  }

  has(chain: Chain, address: string): boolean {
    return this.labelsOf(chain, address).length > 0;
  }

  get size(): number {
    return this.total;
  }

  /** Distinct (chain, address) pairs with at least one label. */
  get addressCount(): number {
    return this.byKey.size;
  }

  countsByCategory(): Partial<Record<LabelCategory, number>> {
    return Object.fromEntries(this.categories) as Partial<Record<LabelCategory, number>>;
  }

  countsBySource(): Partial<Record<LabelSource, number>> {
    return Object.fromEntries(this.sources) as Partial<Record<LabelSource, number>>;
  }
}
