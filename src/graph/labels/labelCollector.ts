import type { Chain } from '../../core/chain.js';
import type { Label, LabelCategory, LabelSource } from '../../core/label.js';
import { checkAddress } from './addresses.js';

/** A row an importer could not use: where it is (file:line, or file:line:field) and why. */
export interface RejectedRow {
  position: string;
  reason: string;
}

export interface ImportResult {
  labels: Label[];
  rejected: RejectedRow[];
  /** Rows that repeated a (chain, address, category) already imported in this run. */
  duplicates: number;
}

export interface LabelDraft {
  chain: Chain;
  /** As the source wrote it; the collector validates it and keeps the canonical form. */
  address: string;
  category: LabelCategory;
  label: string;
  source: LabelSource;
  sourceRef: string;
  listedAt?: string | undefined;
}

/**
 * Gathers one import's labels: validates each address, keeps the first label for a (chain, address,
 * category) and counts the rest as duplicates, and records every rejected row with its reason.
 */
export class LabelCollector {
  private readonly labels: Label[] = [];
  private readonly rejected: RejectedRow[] = [];
  private readonly seen = new Set<string>();
  private duplicates = 0;

  constructor(private readonly importedAt: string) {}

  add(position: string, draft: LabelDraft): void {
    const check = checkAddress(draft.chain, draft.address);
    if (!check.ok) {
      this.reject(position, `${draft.chain} address "${draft.address}" ${check.reason}`);
      return;
    }
    const key = `${draft.chain}\u0000${check.address}\u0000${draft.category}`;
    if (this.seen.has(key)) {
      this.duplicates++;
      return;
    }
    this.seen.add(key);
    const label: Label = {
      chain: draft.chain,
      address: check.address,
      category: draft.category,
      label: draft.label.trim() || `${draft.source} ${draft.category}`,
      source: draft.source,
      sourceRef: draft.sourceRef,
      importedAt: this.importedAt,
    };
    if (draft.listedAt !== undefined) label.listedAt = draft.listedAt;
    this.labels.push(label);
  }

  reject(position: string, reason: string): void {
    this.rejected.push({ position, reason });
  }

  result(): ImportResult {
    return { labels: this.labels, rejected: this.rejected, duplicates: this.duplicates };
  }
}
