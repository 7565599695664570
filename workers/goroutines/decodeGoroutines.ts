import { DecodeError } from '../decodeError';
import { noProgress, type ProgressReporter } from '../progress';
import { GoroutineModelBuilder, type GoroutinesModel } from './goroutineModel';
import { parseGoroutineProfile } from './parseGoroutineProfile';

// runtime/traceback.go goroutineheader: "goroutine N [state, M minutes, locked to thread]:".
// With GOTRACEBACK=system or crash (and in SIGQUIT dumps) Go 1.23+ adds "gp=… m=… mp=…". A
// header may follow other output on the same line (runtime.Stack printed right after a message).
const headerPattern = /(?:^|\D)goroutine (\d+)(?: gp=\S+ m=\S+(?: mp=\S+)?)? \[([^\]]*)\]:$/;
// runtime/traceback.go printcreatedby: "created by F" (+ " in goroutine N" since Go 1.21).
const createdByPattern = /^created by (.+?)(?: in goroutine (\d+))?$/;
// "\t/path/file.go:123 +0x1c fp=… sp=… pc=…"; inlined frames have no "+0x…".
const locationPattern = /^\t(.*):(\d+)(?: \+0x[0-9a-f]+)?(?: .*)?$/;
const waitPattern = /^(\d+) minutes$/;

/**
 * Reads a goroutine dump: debug=2 style text (panic and SIGQUIT output, runtime.Stack(all),
 * /debug/pprof/goroutine?debug=2) or a debug=1 goroutine profile. Lines outside goroutine blocks
 * (the panic message, register dumps, a shell transcript) are ignored.
 */
export function decodeGoroutines(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): GoroutinesModel {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  }
  const profileStart = lines.findIndex((l) => /^goroutine profile: total \d+$/.test(l));
  if (profileStart >= 0 && !lines.slice(0, profileStart).some((l) => headerPattern.test(l))) {
    return parseGoroutineProfile(lines, profileStart, endsWithNewline, progress);
  }
  return parseGoroutineDump(lines, endsWithNewline, progress);
}

function parseGoroutineDump(
  lines: string[],
  endsWithNewline: boolean,
  progress: ProgressReporter,
): GoroutinesModel {
  const model = new GoroutineModelBuilder();
  const warnings: string[] = [];
  // What the next line may be: a frame's function, its location, or a "created by" location.
  let inBlock = false;
  let expect: 'function' | 'location' | 'createdByLocation' = 'function';
  let blockId = 0;

  for (let i = 0; i < lines.length; i++) {
    if (i % 4096 === 0) progress('Reading goroutine dump', i / lines.length);
    const line = lines[i];
    const header = headerPattern.exec(line);
    if (header) {
      blockId = Number(header[1]);
      model.startRecord({ count: 1, id: blockId, ...parseBracket(header[2]), line: i + 1 });
      inBlock = true;
      expect = 'function';
      continue;
    }
    if (!inBlock) continue;
    if (line === '') {
      inBlock = false;
      continue;
    }
    if (expect === 'location' || expect === 'createdByLocation') {
      const location = locationPattern.exec(line);
      if (location) {
        const file = location[1];
        const lineNo = Number(location[2]);
        if (expect === 'location') model.setLastFrameLocation(file, lineNo);
        else model.setCreatedByLocation(file, lineNo);
        expect = 'function';
        continue;
      }
    }
    const created = createdByPattern.exec(line);
    if (created) {
      model.setCreatedBy(created[1], created[2] === undefined ? -1 : Number(created[2]));
      expect = 'createdByLocation';
      continue;
    }
    if (line.startsWith('...') || line.startsWith('\t')) continue; // "...N frames elided..."
    model.addFrame(functionName(line), '', 0);
    expect = 'location';
  }
  progress('Reading goroutine dump', 1);

  if (model.recordCount === 0) throw notADump(lines);
  if (!endsWithNewline || (inBlock && expect === 'location')) {
    warnings.push(
      `the dump ends inside goroutine ${blockId} (line ${lines.length}): it looks truncated, so that stack may be incomplete`,
    );
  }
  return model.build('dump', -1, warnings);
}

/** "chan receive, 5 minutes, locked to thread" -> state, wait and the locked flag. */
function parseBracket(inside: string): { state: string; waitMinutes: number; locked: boolean } {
  const [state, ...rest] = inside.split(', ');
  let waitMinutes = 0;
  let locked = false;
  for (const part of rest) {
    const wait = waitPattern.exec(part);
    if (wait) waitMinutes = Number(wait[1]);
    else if (part === 'locked to thread') locked = true;
  }
  return { state, waitMinutes, locked };
}

/**
 * The function of a frame line: "pkg.(*T).Method(0xc000, {0x1, 0x2}, ...)" -> "pkg.(*T).Method".
 * Arguments follow the last top-level "(", so walk back from the closing ")" to its match.
 */
export function functionName(line: string): string {
  const text = line.trimEnd();
  if (!text.endsWith(')')) return text;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i > 0 ? text.slice(0, i) : text;
  }
  return text;
}

function notADump(lines: string[]): DecodeError {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  return new DecodeError(
    'goroutines',
    { line: 1 },
    'goroutine headers ("goroutine N [state]:") or "goroutine profile: total N"',
    first === '' ? 'no text' : `"${first.slice(0, 120)}"`,
  );
}
