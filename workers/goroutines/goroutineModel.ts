/**
 * Goroutine stacks as columns. A record is one goroutine in a debug=2 dump (panic, SIGQUIT,
 * runtime.Stack, /debug/pprof/goroutine?debug=2) or one group of identical stacks in a debug=1
 * profile, where `count` says how many goroutines it stands for. Frames are leaf first, as printed.
 * Strings (functions, files, states, labels) are interned in `strings`; -1 means "none".
 */
export interface GoroutinesModel {
  /** 'dump' for debug=2 style text, 'profile' for debug=1 ("goroutine profile: total N"). */
  kind: 'dump' | 'profile';
  strings: string[];
  /** debug=1's "total N" header; -1 for dumps. */
  headerTotal: number;

  count: Int32Array;
  /** Goroutine id; -1 for debug=1 records. */
  id: Float64Array;
  state: Int32Array;
  /** Minutes blocked as printed ("[chan receive, 5 minutes]"), 0 when not printed. */
  waitMinutes: Int32Array;
  lockedToThread: Uint8Array;
  /** The "created by" function and its file:line, and the parent goroutine (Go 1.21+), else -1. */
  createdBy: Int32Array;
  createdByFile: Int32Array;
  createdByLine: Int32Array;
  parentId: Float64Array;
  /** debug=1 "# labels: {…}" text. */
  labels: Int32Array;
  /** 1-based line of the record's header in the input. */
  line: Int32Array;
  /** Record r's frames are frameOffsets[r]..frameOffsets[r+1]. */
  frameOffsets: Int32Array;
  frameFunction: Int32Array;
  frameFile: Int32Array;
  frameLine: Int32Array;

  /** Records with the same stack (and state, and labels) share a group; groups in first-seen order. */
  groupOfRecord: Int32Array;
  groupCount: number;
  warnings: string[];
}

/** Collects records while a parser reads, interning strings, then freezes them into columns. */
export class GoroutineModelBuilder {
  private readonly stringIndex = new Map<string, number>();
  readonly strings: string[] = [];
  private readonly records: Array<{
    count: number;
    id: number;
    state: number;
    waitMinutes: number;
    locked: boolean;
    createdBy: number;
    createdByFile: number;
    createdByLine: number;
    parentId: number;
    labels: number;
    line: number;
  }> = [];
  private readonly frameOffsets: number[] = [0];
  private readonly frameFunction: number[] = [];
  private readonly frameFile: number[] = [];
  private readonly frameLine: number[] = [];

  intern(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, index);
    }
    return index;
  }

  get recordCount(): number {
    return this.records.length;
  }

  /** Starts a record; frames and "created by" added next belong to it. */
  startRecord(fields: {
    count: number;
    id?: number;
    state?: string;
    waitMinutes?: number;
    locked?: boolean;
    labels?: string;
    line: number;
  }): void {
    this.records.push({
      count: fields.count,
      id: fields.id ?? -1,
      state: fields.state === undefined ? -1 : this.intern(fields.state),
      waitMinutes: fields.waitMinutes ?? 0,
      locked: fields.locked ?? false,
      createdBy: -1,
      createdByFile: -1,
      createdByLine: 0,
      parentId: -1,
      labels: fields.labels === undefined ? -1 : this.intern(fields.labels),
      line: fields.line,
    });
    this.frameOffsets.push(this.frameFunction.length);
  }

  setLabels(labels: string): void {
    this.records[this.records.length - 1].labels = this.intern(labels);
  }

  addFrame(fn: string, file: string, line: number): void {
    this.frameFunction.push(this.intern(fn));
    this.frameFile.push(file === '' ? -1 : this.intern(file));
    this.frameLine.push(line);
    this.frameOffsets[this.frameOffsets.length - 1] = this.frameFunction.length;
  }

  /** Fills in the file:line of the last frame, printed on the line after its function. */
  setLastFrameLocation(file: string, line: number): void {
    const last = this.frameFunction.length - 1;
    this.frameFile[last] = this.intern(file);
    this.frameLine[last] = line;
  }

  setCreatedBy(fn: string, parentId: number): void {
    const r = this.records[this.records.length - 1];
    r.createdBy = this.intern(fn);
    r.parentId = parentId;
  }

  setCreatedByLocation(file: string, line: number): void {
    const r = this.records[this.records.length - 1];
    r.createdByFile = this.intern(file);
    r.createdByLine = line;
  }

  build(kind: GoroutinesModel['kind'], headerTotal: number, warnings: string[]): GoroutinesModel {
    const rs = this.records;
    const frameOffsets = Int32Array.from(this.frameOffsets);
    const frameFunction = Int32Array.from(this.frameFunction);
    const frameFile = Int32Array.from(this.frameFile);
    const frameLine = Int32Array.from(this.frameLine);
    // Group key: state, labels, then function and file:line of every frame.
    const groupOfKey = new Map<string, number>();
    const groupOfRecord = new Int32Array(rs.length);
    for (let r = 0; r < rs.length; r++) {
      const parts = [rs[r].state, rs[r].labels];
      for (let f = frameOffsets[r]; f < frameOffsets[r + 1]; f++) {
        parts.push(frameFunction[f], frameFile[f], frameLine[f]);
      }
      const key = parts.join(',');
      let group = groupOfKey.get(key);
      if (group === undefined) {
        group = groupOfKey.size;
        groupOfKey.set(key, group);
      }
      groupOfRecord[r] = group;
    }
    return {
      kind,
      strings: this.strings,
      headerTotal,
      count: Int32Array.from(rs, (r) => r.count),
      id: Float64Array.from(rs, (r) => r.id),
      state: Int32Array.from(rs, (r) => r.state),
      waitMinutes: Int32Array.from(rs, (r) => r.waitMinutes),
      lockedToThread: Uint8Array.from(rs, (r) => (r.locked ? 1 : 0)),
      createdBy: Int32Array.from(rs, (r) => r.createdBy),
      createdByFile: Int32Array.from(rs, (r) => r.createdByFile),
      createdByLine: Int32Array.from(rs, (r) => r.createdByLine),
      parentId: Float64Array.from(rs, (r) => r.parentId),
      labels: Int32Array.from(rs, (r) => r.labels),
      line: Int32Array.from(rs, (r) => r.line),
      frameOffsets,
      frameFunction,
      frameFile,
      frameLine,
      groupOfRecord,
      groupCount: groupOfKey.size,
      warnings,
    };
  }
}
