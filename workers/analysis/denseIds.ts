/**
 * Numbers goroutine (or P) ids 0, 1, 2… in order of first appearance, so per-goroutine state can
 * live in typed arrays indexed by that number instead of Maps touched on every event. Go hands
 * out goroutine ids from a counter, so ids below `directLimit` are looked up in a flat table and
 * only larger ones (a long-running program) go through a Map.
 */
export class DenseIds {
  /** The id of each dense index. */
  readonly ids: number[] = [];
  private direct = new Int32Array(1024).fill(-1);
  private readonly large = new Map<number, number>();

  constructor(private readonly directLimit = 1 << 22) {}

  /** The dense index of an id, assigning the next one to an id not seen before. */
  index(id: number): number {
    if (id >= 0 && id < this.directLimit) {
      if (id >= this.direct.length) this.growTo(id);
      const known = this.direct[id];
      if (known >= 0) return known;
      return (this.direct[id] = this.ids.push(id) - 1);
    }
    let known = this.large.get(id);
    if (known === undefined) this.large.set(id, (known = this.ids.push(id) - 1));
    return known;
  }

  /** The dense index of an id already seen, -1 for one never seen. */
  find(id: number): number {
    if (id >= 0 && id < this.directLimit) return id < this.direct.length ? this.direct[id] : -1;
    return this.large.get(id) ?? -1;
  }

  get size(): number {
    return this.ids.length;
  }

  private growTo(id: number): void {
    let length = this.direct.length;
    while (length <= id) length *= 2;
    const bigger = new Int32Array(Math.min(length, this.directLimit)).fill(-1);
    bigger.set(this.direct);
    this.direct = bigger;
  }
}
