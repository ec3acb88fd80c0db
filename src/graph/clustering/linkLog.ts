/** The heuristics that can join two addresses; a link stores the index, not the name. */
export const HEURISTICS = ['depositReuse', 'commonFunding', 'multiInput'] as const;
export type Heuristic = (typeof HEURISTICS)[number];

/** One link read back from a LinkLog. */
export interface Link {
  heuristic: Heuristic;
  a: number;
  b: number;
  /**
   * Why: depositReuse — the deposit address (a user paid into it, or a is that deposit address);
   * commonFunding — the shared funder; multiInput — the transaction's index in the caller's list.
   */
  via: number;
  /**
   * A number that grades the evidence: depositReuse — share of the deposit address's inflow it
   * forwarded to the hot wallet; commonFunding — ms between the two fundings; multiInput — inputs.
   */
  detail: number;
}

/**
 * The evidence of every union, column-wise in growable typed arrays (about 21 bytes a link) so a
 * heuristic run over a million nodes does not create a million objects.
 */
export class LinkLog {
  private heuristicCol = new Uint8Array(16);
  private aCol = new Int32Array(16);
  private bCol = new Int32Array(16);
  private viaCol = new Int32Array(16);
  private detailCol = new Float64Array(16);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(heuristic: Heuristic, a: number, b: number, via: number, detail: number): void {
    if (this.count === this.aCol.length) this.grow();
    const i = this.count++;
    this.heuristicCol[i] = HEURISTICS.indexOf(heuristic);
    this.aCol[i] = a;
    this.bCol[i] = b;
    this.viaCol[i] = via;
    this.detailCol[i] = detail;
  }

  heuristicAt(i: number): Heuristic {
    return HEURISTICS[this.heuristicCol[this.check(i)] as number] as Heuristic;
  }
  aAt(i: number): number {
    return this.aCol[this.check(i)] as number;
  }
  bAt(i: number): number {
    return this.bCol[this.check(i)] as number;
  }
  viaAt(i: number): number {
    return this.viaCol[this.check(i)] as number;
  }
  detailAt(i: number): number {
    return this.detailCol[this.check(i)] as number;
  }

  /** A plain object for one link: for reports and tests, not for loops over every link. */
  at(i: number): Link {
    return {
      heuristic: this.heuristicAt(i),
      a: this.aAt(i),
      b: this.bAt(i),
      via: this.viaAt(i),
      detail: this.detailAt(i),
    };
  }

  toArray(): Link[] {
    const out: Link[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.at(i));
    return out;
  }

  private check(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`no link ${i}`);
    return i;
  }

  private grow(): void {
    const n = this.aCol.length * 2;
    const heuristicCol = new Uint8Array(n);
    heuristicCol.set(this.heuristicCol);
    this.heuristicCol = heuristicCol;
    const aCol = new Int32Array(n);
    aCol.set(this.aCol);
    this.aCol = aCol;
    const bCol = new Int32Array(n);
    bCol.set(this.bCol);
    this.bCol = bCol;
    const viaCol = new Int32Array(n);
    viaCol.set(this.viaCol);
    this.viaCol = viaCol;
    const detailCol = new Float64Array(n);
    detailCol.set(this.detailCol);
    this.detailCol = detailCol;
  }
}
