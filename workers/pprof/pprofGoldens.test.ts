import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../decodeInput';
import type { PprofModel } from './model';
import { peekQuery } from './peekQuery';
import { buildStackView, forEachStack } from './stackView';
import {
  parsePeek,
  parseRawSamples,
  parseTags,
  parseTop,
  parseTraces,
  readGolden,
  type Golden,
} from './testdata/parseGolden';
import { topTable } from './topTable';
import { labelsQuery } from './labelsQuery';
import { buildFlameTree, type FlameTree } from '../flame/flameTree';
import { flameQuery, searchQuery } from './flameQuery';
import { metadataQuery } from './metadataQuery';

// Goldens are `go tool pprof` outputs written by tools/pprofgoldens/goldens.sh; each names the
// profile and flags that produced it. Values were printed in the sample type's own unit, so
// they are exact and compared exactly.
const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const goldenRoot = join(repoRoot, 'workers/pprof/testdata/goldens');

function goldenFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? goldenFiles(join(dir, entry.name))
      : entry.name.endsWith('.txt')
        ? [join(dir, entry.name)]
        : [],
  );
}

const models = new Map<string, PprofModel>();
async function modelOf(golden: Golden): Promise<PprofModel> {
  let model = models.get(golden.profile);
  if (!model) {
    const bytes = new Uint8Array(readFileSync(resolve(repoRoot, golden.profile)));
    model = (await decodeInput(bytes)).model as PprofModel;
    models.set(golden.profile, model);
  }
  return model;
}

const goldens = goldenFiles(goldenRoot).map((file) => ({ file, golden: readGolden(file) }));
const missing = new Set(
  goldens.map((g) => g.golden.profile).filter((p) => !existsSync(resolve(repoRoot, p))),
);
if (missing.size > 0) {
  console.warn(
    `pprof goldens: ${missing.size} profiles are absent (is ../shared/corpus there?); their golden comparisons are skipped: ${[...missing].slice(0, 3).join(', ')}…`,
  );
}
const refused = goldens.filter((g) => g.golden.error !== undefined);
if (refused.length > 0) {
  console.warn(
    `pprof goldens: go tool pprof refused ${refused.length} inputs, nothing to compare: ${refused.map((g) => relative(goldenRoot, g.file)).join(', ')}`,
  );
}

describe('pprof analyses agree with go tool pprof', () => {
  for (const { file, golden } of goldens) {
    const name = `${relative(goldenRoot, file)}: go tool pprof ${golden.flags.join(' ')}`;
    const skip = missing.has(golden.profile) || golden.error !== undefined;
    it.skipIf(skip)(name, async () => {
      const model = await modelOf(golden);
      switch (golden.report) {
        case 'top':
          return compareTop(model, golden);
        case 'peek':
          return comparePeek(model, golden);
        case 'raw':
          return compareRaw(model, golden);
        case 'traces':
          return compareTraces(model, golden);
        case 'tags':
          return compareTags(model, golden);
      }
    });
  }
});

function compareTop(model: PprofModel, golden: Golden) {
  const want = parseTop(golden.body);
  const ours = topTable(model, golden.options);
  expect(ours.total).toBe(want.total);
  expect(ours.shownTotal).toBe(want.shown);
  // "Type:" names the sample type pprof picked.
  const type = golden.body.find((l) => l.startsWith('Type: '))?.slice('Type: '.length);
  expect(ours.sampleType).toBe(type);
  if (!golden.options.sampleIndex) expect(metadataQuery(model).defaultSampleType).toBe(type);
  // The flame graph holds the same samples: its root is what -top accounts for.
  expect(flameQuery(model, golden.options).tree.total[0]).toBe(want.shown);
  const { focus, ...rest } = golden.options;
  if (focus && Object.keys(rest).length === 0) {
    // Search highlights what focus keeps: the samples through a matching frame, once each.
    expect(searchQuery(model, { regex: focus }).total).toBe(want.shown);
  }
  // pprof also lists frames that no remaining sample reaches, with zeros; we leave those out.
  const wantRows = want.rows.filter((r) => r.flat !== 0 || r.cum !== 0);
  const text = (r: { name: string; flat: number; cum: number; inline?: string }) =>
    `${r.name} flat=${r.flat} cum=${r.cum}${r.inline ? ` (${r.inline})` : ''}`;
  const names = wantRows.map((r) => r.name);
  if (new Set(names).size === names.length) {
    expect(ours.rows.map(text)).toEqual(wantRows.map(text));
  } else {
    // Distinct nodes with one printed name (-files keys nodes by function start line too) tie
    // in pprof's sort, whose order among them is then arbitrary: compare them as a multiset.
    expect(ours.rows.map(text).sort()).toEqual(wantRows.map(text).sort());
    const order = ours.rows.map((r) => [Math.abs(r.flat), r.name] as const);
    for (let i = 1; i < order.length; i++) {
      const [flat, name] = order[i];
      const [prevFlat, prevName] = order[i - 1];
      expect(prevFlat > flat || (prevFlat === flat && prevName <= name)).toBe(true);
    }
  }
}

function comparePeek(model: PprofModel, golden: Golden) {
  const want = parsePeek(golden.body);
  const ours = peekQuery(model, { ...golden.options, fn: golden.peekRegex! });
  // Both trees hold exactly the samples through a matching frame.
  const through = searchQuery(model, { ...golden.options, regex: golden.peekRegex! }).total;
  expect(ours.callers.total[0]).toBe(through);
  expect(ours.callees.total[0]).toBe(through);
  const byName = <T extends { name: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.name < b.name ? -1 : 1));
  expect(
    ours.entries.map((e) => ({
      name: e.name,
      flat: e.flat,
      cum: e.cum,
      callers: byName(e.callers.map(({ name, value }) => ({ name, value }))),
      callees: byName(e.callees.map(({ name, value }) => ({ name, value }))),
    })),
  ).toEqual(
    want
      .filter((e) => e.flat !== 0 || e.cum !== 0)
      .map((e) => ({ ...e, callers: byName(e.callers), callees: byName(e.callees) })),
  );
}

function compareTags(model: PprofModel, golden: Golden) {
  // String labels only: pprof prints numeric label values scaled ("1kB"), we keep the numbers.
  const { labelKey, labelString } = model.samples;
  const numericKeys = new Set<string>();
  labelKey.forEach((key, l) => labelString[l] === 0 && numericKeys.add(model.strings[key]));
  const ours = labelsQuery(model, golden.options).keys.filter((k) => !numericKeys.has(k.key));
  const want = parseTags(golden.body).filter((t) => !numericKeys.has(t.key));
  const byValue = <T extends { value: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.value < b.value ? -1 : 1));
  expect(
    ours.map((k) => ({
      key: k.key,
      total: k.total,
      values: byValue(k.values.map(({ value, total }) => ({ value, total }))),
    })),
  ).toEqual(want.map((t) => ({ ...t, values: byValue(t.values) })));
}

function compareRaw(model: PprofModel, golden: Golden) {
  const want = parseRawSamples(golden.body);
  expect(model.samples.count).toBe(want.length);
  const ours = Array.from({ length: model.samples.count }, (_, s) =>
    model.samples.values.map((column) => column[s]),
  );
  expect(ours).toEqual(want);
}

function compareTraces(model: PprofModel, golden: Golden) {
  const want = parseTraces(golden.body);
  const view = buildStackView(model, golden.options);
  const ours: { value: number; frames: string[] }[] = [];
  forEachStack(view, (k, frames, inlined, depth) => {
    if (depth === 0) return;
    const names: string[] = [];
    for (let i = depth - 1; i >= 0; i--) {
      // Leaf first; a frame inlined into its caller is marked as pprof marks it.
      names.push(view.names[frames[i]] + (inlined[i] === 1 ? ' (inline)' : ''));
    }
    ours.push({ value: view.value[k], frames: names });
  });
  expect(ours).toEqual(want);
  compareFlame(model, golden, want);
}

/** The flame graph is the merge of the stacks `-traces` lists, root first. */
function compareFlame(model: PprofModel, golden: Golden, traces: ReturnType<typeof parseTraces>) {
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const frames: number[] = [];
  const offsets = [0];
  for (const trace of traces) {
    for (let i = trace.frames.length - 1; i >= 0; i--) {
      const name = trace.frames[i].replace(/ \(inline\)$/, '');
      if (!nameIndex.has(name)) nameIndex.set(name, names.push(name) - 1);
      frames.push(nameIndex.get(name)!);
    }
    offsets.push(frames.length);
  }
  const want = buildFlameTree({
    names,
    frames: Int32Array.from(frames),
    offsets: Int32Array.from(offsets),
    values: Float64Array.from(traces, (t) => t.value),
  });
  const ours = flameQuery(model, golden.options).tree;
  const nodes = (tree: FlameTree) =>
    Array.from(tree.nameIndex, (n, i) => ({
      name: tree.names[n],
      depth: tree.depth[i],
      total: tree.total[i],
      self: tree.self[i],
    }));
  expect(nodes(ours)).toEqual(nodes(want));
}
