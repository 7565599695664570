import type { PprofModel } from './model';

export type Granularity = 'functions' | 'lines' | 'files' | 'addresses';

/**
 * Names frames the way `go tool pprof` names graph nodes (internal/graph NodeInfo.NameComponents)
 * after the granularity has blanked the fields it does not use (profile.Aggregate):
 *   functions  "main.work"
 *   lines      "main.work /src/main.go:42"
 *   files      "/src/main.go"
 *   addresses  "0000000000401234 main.work /src/main.go:42:7"
 * A frame without a function name falls back to "[binary]" or "<unknown>". Two frames are the
 * same node when all kept fields agree, so nodes are keyed by those fields, not by the name.
 */
export class NodeNamer {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly model: PprofModel,
    private readonly granularity: Granularity,
    /** pprof keeps columns only at address granularity with inlined frames. */
    private readonly keepColumns: boolean,
  ) {}

  /** The node of line `line` of location `location`; line -1 for a location without lines. */
  nodeOf(location: number, line: number): number {
    const { model, granularity } = this;
    const { strings, functions, locations } = model;
    const address = granularity === 'addresses' ? locations.address[location] : 0;
    const mapping = locations.mapping[location];
    const objfile = mapping >= 0 ? strings[model.mappings[mapping].file] : '';
    const fn = line >= 0 ? locations.lineFunction[line] : -1;
    let name = '';
    let file = '';
    let lineno = 0;
    let column = 0;
    let startLine = 0;
    let withObj = true;
    if (fn >= 0) {
      if (granularity !== 'files') name = strings[functions.name[fn]];
      if (granularity !== 'functions') {
        const raw = strings[functions.filename[fn]];
        if (raw !== '') file = cleanPath(trimCwd(raw));
      }
      if (granularity === 'lines' || granularity === 'addresses') {
        lineno = locations.lineNumber[line];
        if (this.keepColumns) column = locations.lineColumn[line];
      }
      withObj = name === '';
      if (withObj) startLine = functions.startLine[fn];
    }
    const obj = withObj ? objfile : '';
    const key = `${address}\u0000${name}\u0000${file}\u0000${lineno}\u0000${column}\u0000${obj}\u0000${startLine}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(printableName(address, name, file, lineno, column, obj));
      this.ids.set(key, id);
    }
    return id;
  }
}

function printableName(
  address: number,
  name: string,
  file: string,
  lineno: number,
  column: number,
  objfile: string,
): string {
  const parts: string[] = [];
  if (address !== 0) parts.push(address.toString(16).padStart(16, '0'));
  if (name !== '') parts.push(name);
  if (lineno !== 0) parts.push(`${file}:${lineno}${column !== 0 ? `:${column}` : ''}`);
  else if (file !== '') parts.push(file);
  else if (name !== '') {
    // The function name alone says it.
  } else if (objfile !== '') parts.push(`[${baseName(objfile)}]`);
  else parts.push('<unknown>');
  return parts.join(' ');
}

/** pprof's report strips these build-sandbox prefixes from source paths (report/source.go). */
function trimCwd(path: string): string {
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (path.startsWith(prefix)) return path.slice(prefix.length);
  }
  return path;
}

/** Go's path/filepath.Clean for slash-separated paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
