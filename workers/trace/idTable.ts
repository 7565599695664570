/**
 * Per-id state of goroutines and procs during ordering, looked up several times per event. Ids
 * are small and dense in practice (Go hands out goroutine ids counting up), so they index a
 * plain array, which is much cheaper than a Map; an id beyond `denseLimit` falls back to one.
 */
export class IdTable<T> {
  private readonly dense: (T | undefined)[] = [];
  private readonly sparse = new Map<number, T>();

  constructor(private readonly denseLimit = 1 << 22) {}

  get(id: number): T | undefined {
    if (id >= 0 && id < this.denseLimit) return id < this.dense.length ? this.dense[id] : undefined;
    return this.sparse.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, value: T): void {
    if (id >= 0 && id < this.denseLimit) {
      // Filling the gap with undefined keeps the array packed (a hole would make it slower).
      while (this.dense.length <= id) this.dense.push(undefined);
      this.dense[id] = value;
    } else {
      this.sparse.set(id, value);
    }
  }

  delete(id: number): void {
    if (id >= 0 && id < this.denseLimit) {
      if (id < this.dense.length) this.dense[id] = undefined;
    } else {
      this.sparse.delete(id);
    }
  }
}
