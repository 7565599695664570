import { readFileSync } from 'node:fs';
import type { PprofViewOptions } from '../stackView';

/** One `go tool pprof` output written by tools/pprofgoldens/goldens.sh. */
export interface Golden {
  /** The profile, relative to the repository root. */
  profile: string;
  flags: string[];
  /** Which report: top, peek, raw or traces. */
  report: 'top' | 'peek' | 'raw' | 'traces' | 'tags';
  options: PprofViewOptions;
  peekRegex?: string;
  /** Set when go tool pprof refused the profile; the text is its stderr. */
  error?: string;
  body: string[];
}

export function readGolden(path: string): Golden {
  const [header, ...body] = readFileSync(path, 'utf8').split('\n');
  const words = header.replace(/^# go tool pprof /, '').split(' ');
  const profile = words.pop()!;
  const options: PprofViewOptions = {};
  let report: Golden['report'] = 'top';
  let peekRegex: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const [flag, ...rest] = words[i].split('=');
    const value = rest.join('=');
    switch (flag) {
      case '-top':
        report = 'top';
        break;
      case '-raw':
        report = 'raw';
        break;
      case '-traces':
        report = 'traces';
        break;
      case '-tags':
        report = 'tags';
        break;
      case '-peek':
        report = 'peek';
        peekRegex = words[++i];
        break;
      case '-sample_index':
        options.sampleIndex = value;
        break;
      case '-lines':
      case '-files':
      case '-addresses':
        options.granularity = flag === '-lines' ? 'lines' : flag === '-files' ? 'files' : 'addresses';
        break;
      case '-noinlines':
        options.noInlines = true;
        break;
      case '-focus':
      case '-ignore':
      case '-hide':
      case '-show':
        options[flag.slice(1) as 'focus' | 'ignore' | 'hide' | 'show'] = value;
        break;
      case '-show_from':
        options.showFrom = value;
        break;
      case '-tagfocus':
        options.tagFocus = value;
        break;
      case '-tagignore':
        options.tagIgnore = value;
        break;
    }
  }
  const errorAt = body.indexOf('# error');
  return {
    profile,
    flags: words,
    report,
    options,
    peekRegex,
    error: errorAt >= 0 ? body.slice(errorAt + 1).join('\n') : undefined,
    body: errorAt >= 0 ? body.slice(0, errorAt) : body,
  };
}

/**
 * A value as pprof printed it with -unit set to the sample type's own unit, e.g. "410000000ns",
 * "8919280B", "825015": exact. Scaled values such as "1.5MB" are returned with `exact: false`.
 */
export function parseValue(text: string): { value: number; exact: boolean } {
  const m = /^(-?\d+(?:\.\d+)?)([a-zA-Zµ]*)$/.exec(text.trim());
  if (!m) throw new Error(`not a pprof value: ${text}`);
  return { value: Number(m[1]), exact: !m[1].includes('.') };
}

export interface GoldenTop {
  total: number;
  shown: number;
  rows: { name: string; flat: number; cum: number; inline?: string }[];
}

const topRow =
  /^\s*(-?[\d.]+[a-zA-Zµ]*)\s+[\d.e+-]+%\s+[\d.e+-]+%\s+(-?[\d.]+[a-zA-Zµ]*)\s+[\d.e+-]+%\s{2}(.*?)(?: \((inline|partial-inline)\))?$/;

export function parseTop(body: string[]): GoldenTop {
  const showing = body.find((l) => l.startsWith('Showing nodes accounting for '));
  const m = /accounting for (\S+), .* of (\S+) total/.exec(showing ?? '');
  if (!m) throw new Error('no "Showing nodes" line');
  const start = body.findIndex((l) => /^\s+flat\s+flat%/.test(l));
  const rows = body
    .slice(start + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = topRow.exec(l);
      if (!r) throw new Error(`unparsed -top row: ${l}`);
      return {
        name: r[3],
        flat: parseValue(r[1]).value,
        cum: parseValue(r[2]).value,
        ...(r[4] ? { inline: r[4] } : {}),
      };
    });
  return { total: parseValue(m[2]).value, shown: parseValue(m[1]).value, rows };
}

export interface GoldenPeekEntry {
  name: string;
  flat: number;
  cum: number;
  callers: { name: string; value: number }[];
  callees: { name: string; value: number }[];
}

export function parsePeek(body: string[]): GoldenPeekEntry[] {
  const entries: GoldenPeekEntry[] = [];
  let callers: GoldenPeekEntry['callers'] = [];
  let current: GoldenPeekEntry | undefined;
  for (const line of body) {
    if (line.startsWith('-----')) {
      current = undefined;
      callers = [];
      continue;
    }
    const edge = /^\s+(\S+) +[\d.e+-]+% \| {3}(.*?)(?: \(inline\))?$/.exec(line);
    const node = /^\s*(\S+)\s+[\d.e+-]+%\s+[\d.e+-]+%\s+(\S+)\s+[\d.e+-]+%\s+\| (.*)$/.exec(line);
    if (node) {
      current = {
        name: node[3],
        flat: parseValue(node[1]).value,
        cum: parseValue(node[2]).value,
        callers,
        callees: [],
      };
      entries.push(current);
    } else if (edge) {
      const e = { name: edge[2], value: parseValue(edge[1]).value };
      if (current) current.callees.push(e);
      else callers.push(e);
    }
  }
  return entries;
}

/** -raw: the sample values, one array per sample, in profile order. */
export function parseRawSamples(body: string[]): number[][] {
  const start = body.indexOf('Samples:');
  const end = body.findIndex((l) => l.startsWith('Locations'));
  return body
    .slice(start + 2, end)
    .filter((l) => /^\s*-?\d+(\s+-?\d+)*:/.test(l))
    .map((l) => l.split(':')[0].trim().split(/\s+/).map(Number));
}

/** -traces: each listed sample's value and frames, leaf first, with " (inline)" kept. */
export function parseTraces(body: string[]): { value: number; frames: string[] }[] {
  const traces: { value: number; frames: string[] }[] = [];
  let current: { value: number; frames: string[] } | undefined;
  for (const line of body) {
    if (line.startsWith('-----------+')) {
      current = undefined;
      continue;
    }
    const first = /^\s*(-?[\d.]+[a-zA-Zµ]*) {3}(.*)$/.exec(line);
    if (!current && first) {
      current = { value: parseValue(first[1]).value, frames: [first[2]] };
      traces.push(current);
    } else if (current && line.startsWith(' '.repeat(13))) {
      current.frames.push(line.slice(13));
    }
  }
  return traces;
}

export interface GoldenTag {
  key: string;
  total: number;
  values: { value: string; total: number }[];
}

/** -tags: per label key "key: Total x of y", then one "value (p%): name" line per value. */
export function parseTags(body: string[]): GoldenTag[] {
  const tags: GoldenTag[] = [];
  for (const line of body) {
    const head = /^ (.+): Total (\S+) of \S+ /.exec(line);
    const value = /^\s+(\S+) \(\s*[\d.e+-]+%\): (.*)$/.exec(line);
    if (head) tags.push({ key: head[1], total: parseValue(head[2]).value, values: [] });
    else if (value && tags.length > 0) {
      tags[tags.length - 1].values.push({ value: value[2], total: parseValue(value[1]).value });
    }
  }
  return tags;
}
