const slotCount = 256;

/**
 * Numbers the distinct (P, M) pairs of event contexts as events arrive. Consecutive events come
 * from different threads most of the time, so a pair is looked up for nearly every event: a
 * small table indexed by a hash of the pair answers without hashing into a Map, which is only
 * asked the first time a pair lands in its slot.
 */
export class ProcThreadPairs {
  readonly p: number[] = [];
  readonly m: number[] = [];
  private readonly byProc = new Map<number, Map<number, number>>();
  private readonly slotP = new Int32Array(slotCount);
  private readonly slotM = new Int32Array(slotCount);
  /** The pair in each slot, -1 for none. */
  private readonly slotPair = new Int32Array(slotCount).fill(-1);

  /** The number of the pair (p, m), new pairs numbered in the order they are first seen. */
  id(p: number, m: number): number {
    const slot = (m ^ (p << 5)) & (slotCount - 1);
    const pair = this.slotPair[slot];
    if (pair >= 0 && this.slotP[slot] === p && this.slotM[slot] === m) return pair;
    const found = this.find(p, m);
    this.slotP[slot] = p;
    this.slotM[slot] = m;
    this.slotPair[slot] = found;
    return found;
  }

  private find(p: number, m: number): number {
    let byThread = this.byProc.get(p);
    if (!byThread) this.byProc.set(p, (byThread = new Map()));
    let pair = byThread.get(m);
    if (pair === undefined) {
      pair = this.p.push(p) - 1;
      this.m.push(m);
      byThread.set(m, pair);
    }
    return pair;
  }
}
