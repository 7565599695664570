import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../decodeError';
import { decodeGoroutines, functionName } from './decodeGoroutines';
import { flameQuery, groupQuery, groupsQuery, summarizeGoroutines } from './goroutineQueries';

const corpus = '../shared/corpus/DataDog__go-profiler-notes/examples';
const hasCorpus = existsSync(corpus);
if (!hasCorpus) console.warn(`skipping corpus goroutine tests: ${corpus} is absent`);
const samples = 'public/samples';
const hasSamples = existsSync(`${samples}/goroutines.debug2.txt`);
if (!hasSamples) console.warn(`skipping sample goroutine tests: ${samples} is absent`);
const own = 'workers/goroutines/testdata';

const decodeFile = (path: string) => decodeGoroutines(readFileSync(path));
const bytesOf = (text: string) => new TextEncoder().encode(text);

/** The oracle for debug=2 dumps, independent of the decoder: grep -c '^goroutine [0-9]* \['. */
function grepGoroutines(path: string): number {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => /^goroutine \d+ (gp=\S+ m=\S+ (mp=\S+ )?)?\[/.test(l)).length;
}

/** debug=1's own total: the "goroutine profile: total N" header. */
function headerTotal(path: string): number {
  return Number(/^goroutine profile: total (\d+)$/m.exec(readFileSync(path, 'utf8'))![1]);
}

describe('decodeGoroutines on corpus dumps (Go 1.15)', () => {
  // Counts from the corpus MANIFEST (counted there with grep).
  const dumps: Array<[string, number]> = [
    ['goroutine/1.net.http.pprof.goroutine.debug2.txt', 10],
    ['goroutine/1.pprof.lookup.goroutine.debug2.txt', 6],
    ['goroutine/2.net.http.pprof.goroutine.debug2.txt', 10],
    ['goroutine/2.pprof.lookup.goroutine.debug2.txt', 9],
    ['goroutine/1.runtime.stack.txt', 6],
    ['goroutine/2.runtime.stack.txt', 9],
  ];
  it.skipIf(!hasCorpus).each(dumps)('%s has %i goroutines', (file, expected) => {
    const path = `${corpus}/${file}`;
    const summary = summarizeGoroutines(decodeFile(path));
    expect(summary.goroutines).toBe(expected);
    expect(summary.goroutines).toBe(grepGoroutines(path));
  });

  const profiles: Array<[string, number]> = [
    ['goroutine/1.net.http.pprof.goroutine.debug1.txt', 10],
    ['goroutine/1.pprof.lookup.goroutine.debug1.txt', 6],
    ['goroutine/2.net.http.pprof.goroutine.debug1.txt', 10],
    ['goroutine/2.pprof.lookup.goroutine.debug1.txt', 9],
  ];
  it.skipIf(!hasCorpus).each(profiles)('%s groups add up to total %i', (file, expected) => {
    const path = `${corpus}/${file}`;
    const model = decodeFile(path);
    expect(summarizeGoroutines(model).goroutines).toBe(expected);
    expect(headerTotal(path)).toBe(expected);
    expect(model.warnings).toEqual([]);
  });

  it.skipIf(!hasCorpus)('reads debug=1 labels and frames', () => {
    const model = decodeFile(`${corpus}/goroutine/1.pprof.lookup.goroutine.debug1.txt`);
    const rows = groupsQuery(model, { sort: 'count' });
    expect(rows[0]).toMatchObject({ count: 2, labels: '{"test_label":"test_value"}' });
    expect(groupQuery(model, { index: rows[0].index }).frames[0]).toEqual({
      function: 'time.Sleep',
      file: '/usr/local/Cellar/go/1.15.6/libexec/src/runtime/time.go',
      line: 188,
    });
  });

  it.skipIf(!hasCorpus)('reads wait minutes and a header printed mid-line', () => {
    // A shell transcript: "…dumping all stacksgoroutine 1 [running]:" has no newline before
    // the first header, so grep misses it; the dump holds 10 goroutine blocks plus that one.
    const path = `${corpus}/runtime-stack/runtime-stack.txt`;
    const model = decodeFile(path);
    expect(summarizeGoroutines(model).goroutines).toBe(grepGoroutines(path) + 1);
    expect(summarizeGoroutines(model).maxWaitMinutes).toBe(4);
    const leak = groupsQuery(model, { sort: 'wait' })[0];
    expect(leak.maxWaitMinutes).toBe(4);
  });

  it.skipIf(!hasCorpus)('keeps inlined "(...)" frames of a panic', () => {
    const model = decodeFile(`${corpus}/presentation/stack.txt`);
    const detail = groupQuery(model, { index: 0 });
    expect(detail.frames.map((f) => `${f.function} ${f.line}`)).toEqual([
      'main.bar 18',
      'main.foo 13',
      'main.main 8',
    ]);
  });
});

describe('decodeGoroutines on Go 1.26 output (tools/textfixtures)', () => {
  const dumps = ['go126.goroutines.debug2.txt', 'go126.panic.txt', 'go126.runtime.stack.txt'];
  it.each(dumps)('%s: one record per goroutine header, same groups', (file) => {
    const path = `${own}/${file}`;
    const model = decodeFile(path);
    const summary = summarizeGoroutines(model);
    expect(summary.goroutines).toBe(grepGoroutines(path));
    expect(summary.byState['chan receive']).toBe(6);
    expect(summary.byState['sync.Mutex.Lock']).toBe(2);
    // The five awaitOrder goroutines share a stack; the locked worker waits on the same channel
    // op but in another function.
    const top = groupsQuery(model, { sort: 'count' })[0];
    expect(top).toMatchObject({ count: 5, state: 'chan receive', topFunction: 'main.awaitOrder' });
    expect(top.createdBy).toBe('main.startParkedGoroutines');
  });

  it('reads "locked to thread", register-ABI arguments and "created by … in goroutine N"', () => {
    const model = decodeFile(`${own}/go126.panic.txt`);
    const locked = groupsQuery(model, { search: 'lockedWorker' });
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ lockedToThread: 1, state: 'chan receive' });
    const detail = groupQuery(model, { index: locked[0].index });
    expect(detail.goroutines[0]).toMatchObject({ lockedToThread: true, parentId: 1 });
    const running = groupQuery(model, {
      index: groupsQuery(model, { search: 'panicWithArgs' })[0].index,
    });
    // "main.panicWithArgs({0xb?, …}, {0x55e778?, …}, 0x6a16e0?)"
    expect(running.frames[0].function).toBe('main.panicWithArgs');
    expect(running.state).toBe('running');
  });

  it('reads a SIGQUIT dump with "gp=… m=… mp=…" headers and runtime frames', () => {
    const path = `${own}/go126.sigquit.txt`;
    const model = decodeFile(path);
    const summary = summarizeGoroutines(model);
    expect(summary.goroutines).toBe(grepGoroutines(path));
    expect(summary.byState['chan receive']).toBe(6);
    // GOTRACEBACK=system (SIGQUIT's default level) shows the runtime's own goroutines too.
    expect(summary.byState['GC sweep wait']).toBe(1);
    expect(summary.byState['GC scavenge wait']).toBe(1);
    expect(model.warnings).toEqual([]);
  });

  it('reads wait minutes: the dump was taken after the goroutines blocked for over a minute', () => {
    const path = `${own}/go126.goroutines.debug2.txt`;
    const model = decodeFile(path);
    const printed = /^goroutine \d+ \[chan receive, (\d+) minutes\]:$/m.exec(
      readFileSync(path, 'utf8'),
    );
    expect(printed).not.toBeNull();
    expect(summarizeGoroutines(model).maxWaitMinutes).toBe(Number(printed![1]));
    expect(groupsQuery(model, { sort: 'wait' })[0].maxWaitMinutes).toBe(Number(printed![1]));
  });

  it('debug=1: groups add up to the "total N" header and keep labels', () => {
    const path = `${own}/go126.goroutines.debug1.txt`;
    const model = decodeFile(path);
    expect(summarizeGoroutines(model).goroutines).toBe(headerTotal(path));
    expect(groupsQuery(model, { search: 'watcher' })[0]).toMatchObject({
      count: 1,
      labels: '{"role":"watcher"}',
    });
  });

  it('debug=1 and debug=2 of the same goroutines agree on the group sizes of parked goroutines', () => {
    const sizes = (file: string) =>
      groupsQuery(decodeFile(`${own}/${file}`), { sort: 'count' })
        .map((g) => g.count)
        .slice(0, 2);
    expect(sizes('go126.goroutines.debug1.txt')).toEqual(sizes('go126.goroutines.debug2.txt'));
  });

  it('builds the flame graph of all stacks, weighted by goroutine count', () => {
    const model = decodeFile(`${own}/go126.goroutines.debug2.txt`);
    const tree = flameQuery(model);
    expect(tree.total[0]).toBe(summarizeGoroutines(model).goroutines);
    const names = [...tree.nameIndex].map((i) => tree.names[i]);
    expect(tree.total[names.indexOf('main.awaitOrder')]).toBe(5);
    // Root-first: the outermost frame of the dump hangs off the root.
    expect(tree.depth[names.indexOf('main.main')]).toBe(1);
  });
});

describe('decodeGoroutines on the samples', () => {
  it.skipIf(!hasSamples)('debug=2 and debug=1 see the same goroutines', () => {
    const d2 = summarizeGoroutines(decodeFile(`${samples}/goroutines.debug2.txt`));
    const d1 = summarizeGoroutines(decodeFile(`${samples}/goroutines.debug1.txt`));
    expect(d2.goroutines).toBe(grepGoroutines(`${samples}/goroutines.debug2.txt`));
    expect(d1.goroutines).toBe(headerTotal(`${samples}/goroutines.debug1.txt`));
  });
});

describe('groups ordering', () => {
  const dump = [
    'goroutine 1 [chan receive, 9 minutes]:',
    'main.a()',
    '\t/x.go:1 +0x1',
    '',
    'goroutine 2 [select]:',
    'main.b()',
    '\t/x.go:2 +0x1',
    '',
    'goroutine 3 [select]:',
    'main.b()',
    '\t/x.go:2 +0x1',
    '',
    'goroutine 4 [select, 2 minutes]:',
    'main.b()',
    '\t/x.go:2 +0x1',
    '',
  ].join('\n');
  const model = decodeGoroutines(bytesOf(dump));

  it('sort "count": biggest group first; "wait": longest-blocked first', () => {
    expect(groupsQuery(model, { sort: 'count' }).map((g) => [g.count, g.maxWaitMinutes])).toEqual([
      [3, 2],
      [1, 9],
    ]);
    expect(groupsQuery(model, { sort: 'wait' }).map((g) => [g.count, g.maxWaitMinutes])).toEqual([
      [1, 9],
      [3, 2],
    ]);
    expect(groupsQuery(model, { sort: 'count' })[0].totalWaitMinutes).toBe(2);
  });
});

describe('functionName', () => {
  it.each([
    ['main.f(0x1, {0x2, 0x3}, ...)', 'main.f'],
    ['sync.(*WaitGroup).Wait(0xc000)', 'sync.(*WaitGroup).Wait'],
    ['main.bar(...)', 'main.bar'],
    ['slices.Clone[...](...)', 'slices.Clone[...]'],
    ['main.main()', 'main.main'],
    ['main.(*T).m.func1()', 'main.(*T).m.func1'],
  ])('%s -> %s', (line, fn) => expect(functionName(line)).toBe(fn));
});

describe('decodeGoroutines on bad input', () => {
  it('refuses text without goroutine headers', () => {
    const decode = () => decodeGoroutines(bytesOf('hello\nworld\n'));
    expect(decode).toThrow(DecodeError);
    expect(decode).toThrow(/expected goroutine headers .* found "hello"/);
  });

  it('keeps what it read of a truncated dump and warns', () => {
    const text = readFileSync(`${own}/go126.goroutines.debug2.txt`, 'utf8');
    const cut = text.slice(0, text.indexOf('goroutine 13 [') + 60);
    const model = decodeGoroutines(bytesOf(cut));
    expect(model.id[model.id.length - 1]).toBe(13);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]).toMatch(/ends inside goroutine 13 .*truncated/);
  });

  it('warns when a debug=1 profile is cut before its total is reached', () => {
    const text = readFileSync(`${own}/go126.goroutines.debug1.txt`, 'utf8');
    const cut = text.slice(0, text.indexOf('\n\n') + 2);
    const model = decodeGoroutines(bytesOf(cut));
    expect(model.warnings[0]).toMatch(/header says "total \d+" but the records add up to 5/);
  });
});
