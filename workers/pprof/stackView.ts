import { compileGoRegexp } from './goRegexp';
import { sampleStacks, type PprofModel } from './model';
import { NodeNamer, type Granularity } from './nodeNames';
import { compileTagFilter } from './tagFilter';

/** The options every pprof view takes; each has the meaning of the `go tool pprof` flag. */
export interface PprofViewOptions {
  /** Sample type name (-sample_index); default as pprof picks (see sampleTypeIndex). */
  sampleIndex?: string;
  /** Regexes over function names, file names and binary names, as pprof matches them. */
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
  showFrom?: string;
  /** Label filters: "key=regex", "regex" (matched against "key:value"), or "key=1mb:" ranges. */
  tagFocus?: string;
  tagIgnore?: string;
  granularity?: Granularity;
  noInlines?: boolean;
}

/**
 * The samples that survive the filters, with their stacks as lists of locations and each
 * location's frames ("nodes") named for the chosen granularity. The view's stacks are the
 * model's distinct stacks as the filters left them, so analyses can work per stack; they are
 * ranges into `stackLocations`, which may be the model's own array: never hand it to the UI
 * thread.
 */
export interface StackView {
  names: string[];
  /** Location i's frames are locNodes[locNodeOffsets[i]..locNodeOffsets[i+1]), innermost first. */
  locNodeOffsets: Int32Array;
  locNodes: Int32Array;
  /** Per kept sample: its index in the model (undefined when every sample is kept, so kept
   * sample k is sample k), its value, its stack (an index into stackFrom). */
  sample: Int32Array | undefined;
  value: Int32Array | Float64Array;
  stack: Int32Array;
  /** Stack k is stackLocations[stackFrom[k]..stackTo[k]), leaf first; only stacks of kept
   * samples are listed, in the order of their first sample. */
  stackFrom: Int32Array;
  stackTo: Int32Array;
  stackLocations: Int32Array | Uint16Array;
  /** pprof's percentage base: sum of |value| over all samples, before focus-style filters. */
  total: number;
  sampleTypeIndex: number;
  sampleType: string;
  unit: string;
}

/**
 * pprof's default sample type (profile/index.go SampleIndexByName): the one named by
 * default_sample_type, else the last. A name may also be an index, or "inuse_x" for "x".
 */
export function sampleTypeIndex(model: PprofModel, name?: string): number {
  const names = model.sampleTypes.map((t) => model.strings[t.type]);
  if (name === undefined || name === '') {
    const preferred = model.strings[model.defaultSampleType];
    const found = preferred === '' ? -1 : names.indexOf(preferred);
    return found >= 0 ? found : names.length - 1;
  }
  if (/^\d+$/.test(name) && Number(name) < names.length) return Number(name);
  const found = names.findIndex((n) => n === name || n === name.replace(/^inuse_/, ''));
  if (found < 0) throw new Error(`sample_index "${name}" must be one of: ${names.join(', ')}`);
  return found;
}

/**
 * Applies pprof's pipeline in its order: drop_frames/keep_frames pruning when the profile is
 * read (profile/prune.go), the total for percentages, then focus/ignore/hide/show
 * (profile/filter.go FilterSamplesByName), show_from, tagfocus/tagignore, and finally the
 * granularity (profile.Aggregate). Filters rewrite locations' lines, as pprof does.
 * The view is shared between callers asking for the same options: read it, never change it.
 */
export function buildStackView(model: PprofModel, options: PprofViewOptions = {}): StackView {
  const typeIndex = sampleTypeIndex(model, options.sampleIndex);
  // The views of one file ask for the same stacks in turn (summary, flame, top, search): keep the
  // last few views of each model, keyed by every option that shapes them.
  const key = JSON.stringify([
    typeIndex,
    options.focus ?? '',
    options.ignore ?? '',
    options.hide ?? '',
    options.show ?? '',
    options.showFrom ?? '',
    options.tagFocus ?? '',
    options.tagIgnore ?? '',
    options.granularity ?? 'functions',
    options.noInlines ?? false,
  ]);
  let recent = recentViews.get(model);
  if (!recent) recentViews.set(model, (recent = []));
  const at = recent.findIndex((entry) => entry.key === key);
  const view = at >= 0 ? recent.splice(at, 1)[0].view : computeStackView(model, options, typeIndex);
  recent.unshift({ key, view });
  if (recent.length > recentViewCount) recent.pop();
  return view;
}

const recentViewCount = 4;
const recentViews = new WeakMap<PprofModel, { key: string; view: StackView }[]>();

function computeStackView(
  model: PprofModel,
  options: PprofViewOptions,
  typeIndex: number,
): StackView {
  const { locations, samples } = model;
  const locationCount = locations.id.length;
  const lines = new LineLists(model);
  const column = typeIndex >= 0 ? samples.values[typeIndex] : new Float64Array(samples.count);

  // The filters work on each distinct stack once, not once per sample. Stacks start as the
  // model's, as ranges; a filter that removes inner frames copies them.
  const stackCount = samples.stackOffsets.length - 1;
  let stackLocations: Int32Array | Uint16Array = samples.stackLocations;
  const from = samples.stackOffsets.slice(0, stackCount);
  const to = samples.stackOffsets.slice(1, stackCount + 1);
  // 1 while a stack survives the filters.
  const alive = new Uint8Array(stackCount).fill(1);

  if (model.strings[model.dropFrames] !== '') {
    pruneDropFrames(model, lines, stackLocations, from, to);
  }
  let total = 0;
  for (let s = 0; s < samples.count; s++) total += Math.abs(column[s]);

  const matcher = new LocationMatcher(model, lines);
  const focus = options.focus ? compileGoRegexp('focus', options.focus) : undefined;
  const ignore = options.ignore ? compileGoRegexp('ignore', options.ignore) : undefined;
  const hide = options.hide ? compileGoRegexp('hide', options.hide) : undefined;
  const show = options.show ? compileGoRegexp('show', options.show) : undefined;
  if (focus || ignore || hide || show) {
    // +1 focused, -1 ignored, 0 neither; hidden locations leave the stacks.
    const mark = new Int8Array(locationCount);
    const hidden = new Uint8Array(locationCount);
    let anyHidden = false;
    for (let loc = 0; loc < locationCount; loc++) {
      if (ignore && matcher.matches(loc, ignore)) mark[loc] = -1;
      else if (!focus || matcher.matches(loc, focus)) mark[loc] = 1;
      if (hide && matcher.matches(loc, hide)) {
        if (matcher.mappingMatches(loc, hide)) lines.clear(loc);
        else lines.keepWhere(loc, (fn) => fn < 0 || !matcher.functionMatches(fn, hide));
        if (lines.count(loc) === 0) hidden[loc] = 1;
      }
      if (show) {
        if (!matcher.mappingMatches(loc, show)) {
          lines.keepWhere(loc, (fn) => fn < 0 || matcher.functionMatches(fn, show));
        }
        if (lines.count(loc) === 0) hidden[loc] = 1;
      }
      if (hidden[loc]) anyHidden = true;
    }
    const out = anyHidden ? new Int32Array(stackLocations.length) : stackLocations;
    let at = 0;
    for (let k = 0; k < stackCount; k++) {
      let focused = false;
      let ignored = false;
      for (let i = from[k]; i < to[k] && !ignored; i++) {
        const m = mark[stackLocations[i]];
        if (m > 0) focused = true;
        else if (m < 0) ignored = true;
      }
      if (!focused || ignored) {
        alive[k] = 0;
        continue;
      }
      if (anyHidden) {
        const start = at;
        for (let i = from[k]; i < to[k]; i++) {
          if (!hidden[stackLocations[i]]) out[at++] = stackLocations[i];
        }
        from[k] = start;
        to[k] = at;
        if (at === start) alive[k] = 0;
      }
    }
    stackLocations = out;
  }

  if (options.showFrom) {
    const rx = compileGoRegexp('show_from', options.showFrom);
    const matched = new Uint8Array(locationCount);
    for (let loc = 0; loc < locationCount; loc++) {
      if (matcher.mappingMatches(loc, rx)) matched[loc] = 1;
      else if (lines.truncateAfterLastMatch(loc, (fn) => matcher.functionMatches(fn, rx))) {
        matched[loc] = 1;
      }
    }
    for (let k = 0; k < stackCount; k++) {
      if (!alive[k]) continue;
      // Keep the leaf up to the outermost (closest to the root) matching frame.
      let cut = -1;
      for (let i = to[k] - 1; i >= from[k]; i--) {
        if (matched[stackLocations[i]]) {
          cut = i;
          break;
        }
      }
      if (cut < 0) alive[k] = 0;
      else to[k] = cut + 1;
    }
  }

  const tagFocus = options.tagFocus
    ? compileTagFilter(model, 'tagfocus', options.tagFocus)
    : undefined;
  const tagIgnore = options.tagIgnore
    ? compileTagFilter(model, 'tagignore', options.tagIgnore)
    : undefined;
  const stackOf = sampleStacks(samples);
  if (!tagFocus && !tagIgnore && alive.every((a) => a === 1)) {
    // Every sample is kept and the stacks are the model's (numbered by their first sample too):
    // share the model's columns instead of copying them.
    return {
      ...nodesOfLocations(model, lines, options),
      sample: undefined,
      value: column,
      stack: stackOf,
      stackFrom: from,
      stackTo: to,
      stackLocations,
      ...totalAndType(model, total, typeIndex),
    };
  }
  // The kept samples, and the view's stacks numbered in the order their first sample comes.
  const viewStack = new Int32Array(stackCount).fill(-1);
  const viewFrom = new Int32Array(stackCount);
  const viewTo = new Int32Array(stackCount);
  let viewStackCount = 0;
  const sample = new Int32Array(samples.count);
  const stack = new Int32Array(samples.count);
  const value = new Float64Array(samples.count);
  let n = 0;
  for (let s = 0; s < samples.count; s++) {
    const k = stackOf[s];
    if (!alive[k]) continue;
    if ((tagFocus && !tagFocus(s)) || (tagIgnore && tagIgnore(s))) continue;
    let v = viewStack[k];
    if (v < 0) {
      v = viewStack[k] = viewStackCount++;
      viewFrom[v] = from[k];
      viewTo[v] = to[k];
    }
    sample[n] = s;
    stack[n] = v;
    value[n] = column[s];
    n++;
  }

  return {
    ...nodesOfLocations(model, lines, options),
    sample: sample.subarray(0, n),
    value: value.subarray(0, n),
    stack: stack.subarray(0, n),
    stackFrom: viewFrom.subarray(0, viewStackCount),
    stackTo: viewTo.subarray(0, viewStackCount),
    stackLocations,
    ...totalAndType(model, total, typeIndex),
  };
}

/** Each location's frames, named for the granularity (the last step of pprof's pipeline). */
function nodesOfLocations(
  model: PprofModel,
  lines: LineLists,
  options: PprofViewOptions,
): Pick<StackView, 'names' | 'locNodeOffsets' | 'locNodes'> {
  const locationCount = model.locations.id.length;
  const granularity = options.granularity ?? 'functions';
  const noInlines = options.noInlines ?? false;
  const namer = new NodeNamer(model, granularity, granularity === 'addresses' && !noInlines);
  const locNodeOffsets = new Int32Array(locationCount + 1);
  const nodes: number[] = [];
  for (let loc = 0; loc < locationCount; loc++) {
    locNodeOffsets[loc] = nodes.length;
    const list = lines.list(loc);
    if (list.length === 0) nodes.push(namer.nodeOf(loc, -1));
    else if (noInlines) nodes.push(namer.nodeOf(loc, list[list.length - 1]));
    else for (const line of list) nodes.push(namer.nodeOf(loc, line));
  }
  locNodeOffsets[locationCount] = nodes.length;
  return { names: namer.names, locNodeOffsets, locNodes: Int32Array.from(nodes) };
}

function totalAndType(
  model: PprofModel,
  total: number,
  typeIndex: number,
): Pick<StackView, 'total' | 'sampleTypeIndex' | 'sampleType' | 'unit'> {
  const type = model.sampleTypes[typeIndex];
  return {
    total,
    sampleTypeIndex: typeIndex,
    sampleType: type ? model.strings[type.type] : '',
    unit: type ? model.strings[type.unit] : '',
  };
}

/**
 * Visits each kept sample's stack as frames from the root to the leaf. `inlined[i]` says frame i
 * was inlined into frame i-1 (it is not the last line of its location). The arrays are reused
 * between calls: copy what you keep.
 */
export function forEachStack(
  view: StackView,
  visit: (k: number, frames: Int32Array, inlined: Uint8Array, depth: number) => void,
): void {
  const from = view.stack.map((k) => view.stackFrom[k]);
  const to = view.stack.map((k) => view.stackTo[k]);
  visitStacks(view, from, to, visit);
}

/** forEachStack over any list of location ranges of the view (samples, or their stacks). */
export function visitStacks(
  view: StackView,
  stackFrom: Int32Array,
  stackTo: Int32Array,
  visit: (k: number, frames: Int32Array, inlined: Uint8Array, depth: number) => void,
): void {
  const { locNodeOffsets, locNodes, stackLocations } = view;
  let frames = new Int32Array(256);
  let inlined = new Uint8Array(256);
  for (let k = 0; k < stackFrom.length; k++) {
    let depth = 0;
    for (let i = stackTo[k] - 1; i >= stackFrom[k]; i--) {
      const loc = stackLocations[i];
      const first = locNodeOffsets[loc];
      const last = locNodeOffsets[loc + 1] - 1;
      if (depth + last - first + 1 > frames.length) {
        const grown = new Int32Array(frames.length * 2 + last - first + 1);
        grown.set(frames);
        frames = grown;
        const grownInlined = new Uint8Array(grown.length);
        grownInlined.set(inlined);
        inlined = grownInlined;
      }
      for (let j = last; j >= first; j--) {
        frames[depth] = locNodes[j];
        inlined[depth] = j === last ? 0 : 1;
        depth++;
      }
    }
    visit(k, frames, inlined, depth);
  }
}

/** Each location's current lines (indexes into the line table); filters edit them in place. */
class LineLists {
  private readonly index: Int32Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;

  constructor(model: PprofModel) {
    const offsets = model.locations.lineOffsets;
    const count = offsets.length - 1;
    this.index = Int32Array.from({ length: offsets[count] ?? 0 }, (_, i) => i);
    this.from = offsets.slice(0, count);
    this.to = offsets.slice(1, count + 1);
    this.fn = model.locations.lineFunction;
  }

  private readonly fn: Int32Array;

  count(loc: number): number {
    return this.to[loc] - this.from[loc];
  }

  list(loc: number): Int32Array {
    return this.index.subarray(this.from[loc], this.to[loc]);
  }

  /** Function index of the i-th current line of `loc`. */
  functionAt(loc: number, i: number): number {
    return this.fn[this.index[this.from[loc] + i]];
  }

  clear(loc: number): void {
    this.to[loc] = this.from[loc];
  }

  keepWhere(loc: number, keep: (fn: number) => boolean): void {
    let out = this.from[loc];
    for (let i = this.from[loc]; i < this.to[loc]; i++) {
      if (keep(this.fn[this.index[i]])) this.index[out++] = this.index[i];
    }
    this.to[loc] = out;
  }

  dropFirst(loc: number, n: number): void {
    this.from[loc] += n;
  }

  /** Keeps lines up to the last one whose function matches; false (unchanged) if none does. */
  truncateAfterLastMatch(loc: number, matches: (fn: number) => boolean): boolean {
    for (let i = this.to[loc] - 1; i >= this.from[loc]; i--) {
      const fn = this.fn[this.index[i]];
      if (fn >= 0 && matches(fn)) {
        this.to[loc] = i + 1;
        return true;
      }
    }
    return false;
  }
}

/** pprof's Location.matchesName: any line's function name or file name, or the binary name. */
class LocationMatcher {
  private cache = new Map<RegExp, Int8Array>();

  constructor(
    private readonly model: PprofModel,
    private readonly lines: LineLists,
  ) {}

  functionMatches(fn: number, rx: RegExp): boolean {
    let known = this.cache.get(rx);
    if (!known) {
      known = new Int8Array(this.model.functions.id.length);
      this.cache.set(rx, known);
    }
    if (known[fn] === 0) {
      const { strings, functions } = this.model;
      const hit = rx.test(strings[functions.name[fn]]) || rx.test(strings[functions.filename[fn]]);
      known[fn] = hit ? 1 : -1;
    }
    return known[fn] === 1;
  }

  mappingMatches(loc: number, rx: RegExp): boolean {
    const mapping = this.model.locations.mapping[loc];
    return mapping >= 0 && rx.test(this.model.strings[this.model.mappings[mapping].file]);
  }

  matches(loc: number, rx: RegExp): boolean {
    const n = this.lines.count(loc);
    for (let i = 0; i < n; i++) {
      const fn = this.lines.functionAt(loc, i);
      if (fn >= 0 && this.functionMatches(fn, rx)) return true;
    }
    return this.mappingMatches(loc, rx);
  }
}

const bracket = /\(anonymous namespace\)|operator\(\)|\(/g;

/** profile/prune.go simplifyFunc: drops a C++ argument list, keeping reserved names. */
function simplifyFunc(name: string): string {
  const f = name.startsWith('.') ? name.slice(1) : name;
  for (const m of f.matchAll(bracket)) {
    if (m[0] === '(') return f.slice(0, m.index);
  }
  return f;
}

/**
 * The profile's drop_frames/keep_frames (profile/prune.go Prune, applied by pprof when it reads
 * a profile): a frame whose function fully matches drop_frames (and not keep_frames) is removed
 * with everything it called, except in the runtime frames before the first user frame.
 */
function pruneDropFrames(
  model: PprofModel,
  lines: LineLists,
  stackLocations: Int32Array | Uint16Array,
  from: Int32Array,
  to: Int32Array,
): void {
  const { strings, functions } = model;
  const drop = compileGoRegexp('drop_frames', `^(${strings[model.dropFrames]})$`);
  const keepSource = strings[model.keepFrames];
  const keep = keepSource !== '' ? compileGoRegexp('keep_frames', `^(${keepSource})$`) : undefined;
  const locationCount = model.locations.id.length;
  const prune = new Uint8Array(locationCount);
  const pruneBeneath = new Uint8Array(locationCount);
  const decided = new Map<string, boolean>();
  const pruneFromHere = (name: string) => {
    let hit = decided.get(name);
    if (hit === undefined) {
      const simple = simplifyFunc(name);
      hit = drop.test(simple) && !(keep && keep.test(simple));
      decided.set(name, hit);
    }
    return hit;
  };
  for (let loc = 0; loc < locationCount; loc++) {
    const n = lines.count(loc);
    let i = n - 1;
    for (; i >= 0; i--) {
      const fn = lines.functionAt(loc, i);
      if (
        fn >= 0 &&
        strings[functions.name[fn]] !== '' &&
        pruneFromHere(strings[functions.name[fn]])
      ) {
        break;
      }
    }
    if (i < 0) continue;
    pruneBeneath[loc] = 1;
    if (i === n - 1) prune[loc] = 1;
    else lines.dropFirst(loc, i + 1);
  }
  for (let k = 0; k < from.length; k++) {
    let foundUser = false;
    for (let i = to[k] - 1; i >= from[k]; i--) {
      const loc = stackLocations[i];
      if (!prune[loc] && !pruneBeneath[loc]) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      from[k] = prune[loc] ? i + 1 : i;
      break;
    }
  }
}
