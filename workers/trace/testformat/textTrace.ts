import { lastEventOf, wireSpecs } from '../wireEvents';

/**
 * Go's text encoding of raw traces (src/internal/trace/raw/textreader.go), used by the `.test`
 * cases of Go's reader: a "Trace Go1.NN" line, then one wire event per line (`Name arg=value
 * ...`), stack frames on the lines after a Stack event and a `data="..."` line after events
 * that carry bytes. `#` starts a comment. This turns it into the binary format.
 */
export function textTraceToBinary(text: string): Uint8Array {
  const lines = text
    .split('\n')
    .map((l) => (/^\s*data\s*=/.test(l) ? l.trim() : l.replace(/#.*$/, '').trim()))
    .filter((l) => l !== '');
  const header = /^Trace Go1\.(\d+)$/.exec(lines[0] ?? '');
  if (!header) throw new Error(`failed to parse header: ${JSON.stringify(lines[0])}`);
  const version = Number(header[1]);
  const names = new Map<string, number>();
  wireSpecs.slice(0, lastEventOf(version) + 1).forEach((s, typ) => names.set(s.name, typ));

  const out: number[] = [];
  for (const ch of `go 1.${version} trace\0\0\0`) out.push(ch.charCodeAt(0));
  for (let i = 1; i < lines.length; i++) {
    const [name, ...fields] = lines[i].split(/\s+/);
    const typ = names.get(name);
    if (typ === undefined) throw new Error(`unidentified event: ${name}`);
    const spec = wireSpecs[typ];
    out.push(typ);
    const args = readArgs(fields, spec.args);
    for (const a of args) writeUvarint(out, a);
    if (spec.isStack) {
      for (let f = 0; f < Number(args[1]); f++) {
        for (const a of readArgs(lines[++i].split(/\s+/), ['pc', 'func', 'file', 'line'])) {
          writeUvarint(out, a);
        }
      }
    }
    if (spec.hasData) {
      const data = readData(lines[++i]);
      writeUvarint(out, BigInt(data.length));
      out.push(...data);
    }
  }
  return Uint8Array.from(out);
}

function readArgs(fields: string[], names: string[]): bigint[] {
  if (fields.length !== names.length) {
    throw new Error(`expected arguments ${names.join(' ')}, got ${fields.join(' ')}`);
  }
  return names.map((name, i) => {
    const [key, value] = fields[i].split('=');
    if (key !== name) throw new Error(`expected argument "${name}", but got "${key}"`);
    return BigInt(value);
  });
}

function writeUvarint(out: number[], value: bigint): void {
  let v = value;
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

const utf8 = new TextEncoder();
const simpleEscapes: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  '\\': 92,
  '"': 34,
  "'": 39,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
};

/** A `data="..."` line: a Go-quoted string, returned as its bytes. */
function readData(line: string): number[] {
  const match = /^data\s*=\s*"(.*)"$/.exec(line);
  if (!match) throw new Error(`malformed data: ${line}`);
  const s = match[1];
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      bytes.push(...utf8.encode(s[i]));
      continue;
    }
    const c = s[++i];
    if (c in simpleEscapes) bytes.push(simpleEscapes[c]);
    else if (c === 'x') {
      bytes.push(parseInt(s.substr(i + 1, 2), 16));
      i += 2;
    } else if (c === 'u' || c === 'U') {
      const n = c === 'u' ? 4 : 8;
      bytes.push(...utf8.encode(String.fromCodePoint(parseInt(s.substr(i + 1, n), 16))));
      i += n;
    } else {
      bytes.push(parseInt(s.substr(i, 3), 8));
      i += 2;
    }
  }
  return bytes;
}

/** A `.test` file: `-- expect --` (SUCCESS or FAILURE "<regexp>") and `-- trace --` sections. */
export function readTestCase(text: string): { failure?: RegExp; trace: string } {
  const sections = new Map<string, string>();
  const parts = text.split(/^-- (\S+) --$/m);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i], parts[i + 1]);
  const expect = (sections.get('expect') ?? 'SUCCESS').trim().split('\n')[0];
  const trace = sections.get('trace') ?? text;
  if (expect.startsWith('FAILURE ')) {
    return { failure: new RegExp(JSON.parse(expect.slice('FAILURE '.length))), trace };
  }
  return { trace };
}
