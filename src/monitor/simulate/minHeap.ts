/**
 * A binary min-heap on a numeric priority; equal priorities come out in insertion order, which keeps
 * every stream built on it reproducible.
 */
export class MinHeap<T> {
  private readonly items: T[] = [];
  private priorities: Float64Array = new Float64Array(64);
  private order: Float64Array = new Float64Array(64);
  private inserted = 0;

  get size(): number {
    return this.items.length;
  }

  /** The smallest priority, or +Infinity when empty. */
  peekPriority(): number {
    return this.items.length === 0 ? Number.POSITIVE_INFINITY : (this.priorities[0] as number);
  }

  push(priority: number, item: T): void {
    const i = this.items.length;
    if (i === this.priorities.length) {
      const grow = (old: Float64Array) => {
        const next = new Float64Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.priorities = grow(this.priorities);
      this.order = grow(this.order);
    }
    this.items.push(item);
    this.priorities[i] = priority;
    this.order[i] = this.inserted++;
    this.up(i);
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0] as T;
    const last = n - 1;
    if (last > 0) this.move(last, 0);
    this.items.pop();
    if (last > 0) this.down(0);
    return top;
  }

  private less(i: number, j: number): boolean {
    const pi = this.priorities[i] as number;
    const pj = this.priorities[j] as number;
    return pi < pj || (pi === pj && (this.order[i] as number) < (this.order[j] as number));
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from] as T;
    this.priorities[to] = this.priorities[from] as number;
    this.order[to] = this.order[from] as number;
  }

  private swap(i: number, j: number): void {
    const item = this.items[i] as T;
    const p = this.priorities[i] as number;
    const o = this.order[i] as number;
    this.move(j, i);
    this.items[j] = item;
    this.priorities[j] = p;
    this.order[j] = o;
  }

  private up(i: number): void {
    let c = i;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (!this.less(c, parent)) break;
      this.swap(c, parent);
      c = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    let c = i;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.less(r, l) ? r : l;
      if (!this.less(m, c)) break;
      this.swap(c, m);
      c = m;
    }
  }
}
