import { buildFlameTree, type FlameTree } from '../flame/flameTree';
import { stackFrames, type TraceModel } from '../trace/model';
import { withRoom } from './growingColumn';

/** Values summed per trace stack, pprof-style: one row per distinct stack id. */
export interface StackProfile {
  /** Stack ids of the model (0 = no stack). */
  stack: Int32Array;
  /** Number of samples or intervals, and the summed value (ns or samples). */
  count: Int32Array;
  value: Float64Array;
}

/** Collects (stack, value) pairs into a StackProfile. */
export class StackProfileBuilder {
  /**
   * Row + 1 of each stack id, 0 for a stack not seen yet: stack ids are small and dense (an index
   * into the model's stack table), and a Map lookup per value was the cost of a blocking profile
   * with millions of waits.
   */
  private rowOf = new Int32Array(0);
  private readonly stacks: number[] = [];
  private readonly counts: number[] = [];
  private readonly values: number[] = [];

  add(stack: number, value: number): void {
    if (stack >= this.rowOf.length) this.rowOf = withRoom(this.rowOf, stack, 0);
    let row = this.rowOf[stack] - 1;
    if (row < 0) {
      row = this.stacks.push(stack) - 1;
      this.counts.push(0);
      this.values.push(0);
      this.rowOf[stack] = row + 1;
    }
    this.counts[row]++;
    this.values[row] += value;
  }

  build(): StackProfile {
    return {
      stack: Int32Array.from(this.stacks),
      count: Int32Array.from(this.counts),
      value: Float64Array.from(this.values),
    };
  }
}

/** The profile as a flame graph: frames by function name, root first. */
export function stackProfileFlame(model: TraceModel, profile: StackProfile): FlameTree {
  const names: string[] = [];
  const nameOf = new Map<number, number>();
  const frames: number[] = [];
  const offsets = [0];
  for (let r = 0; r < profile.stack.length; r++) {
    const leafFirst = stackFrames(model, profile.stack[r]);
    for (let k = leafFirst.length - 1; k >= 0; k--) {
      const fn = model.stacks.funcName[leafFirst[k]];
      let n = nameOf.get(fn);
      if (n === undefined) {
        n = names.push(model.strings[fn]) - 1;
        nameOf.set(fn, n);
      }
      frames.push(n);
    }
    offsets.push(frames.length);
  }
  return buildFlameTree({
    names,
    frames: Int32Array.from(frames),
    offsets: Int32Array.from(offsets),
    values: profile.value.slice(),
  });
}
