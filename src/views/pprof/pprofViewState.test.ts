import { describe, expect, it } from 'vitest';
import {
  activeTab,
  decodeFramePath,
  encodeFramePath,
  exactName,
  tagFocusFor,
  viewOptions,
  withFrame,
} from './pprofViewState';

describe('viewOptions', () => {
  it('maps pprof URL keys to query options', () => {
    expect(
      viewOptions({
        si: 'alloc_space',
        f: 'main\\.',
        i: 'runtime',
        tf: 'phase=hash',
        g: 'lines',
        noinl: '1',
        q: 'x',
      }),
    ).toEqual({
      sampleIndex: 'alloc_space',
      focus: 'main\\.',
      ignore: 'runtime',
      tagFocus: 'phase=hash',
      granularity: 'lines',
      noInlines: true,
    });
  });

  it('defaults to functions and ignores unknown granularities', () => {
    expect(viewOptions({})).toEqual({ granularity: 'functions' });
    expect(viewOptions({ g: 'bogus' })).toEqual({ granularity: 'functions' });
  });
});

describe('tabs and paths', () => {
  it('falls back to the first offered tab', () => {
    expect(activeTab({ view: 'top' }, ['flame', 'top'])).toBe('top');
    expect(activeTab({ view: 'memstats' }, ['flame', 'top'])).toBe('flame');
  });

  it('round-trips frame paths, including names with spaces, dots and brackets', () => {
    const path = ['main.main', 'slices.sortFunc[go.shape.struct { A string; B int64 }]'];
    expect(decodeFramePath(encodeFramePath(path))).toEqual(path);
    expect(encodeFramePath([])).toBeUndefined();
    expect(decodeFramePath(undefined)).toEqual([]);
  });
});

describe('filters from frames', () => {
  it('quotes names like regexp.QuoteMeta and anchors them', () => {
    expect(exactName('regexp.(*Regexp).tryBacktrack')).toBe(
      '^regexp\\.\\(\\*Regexp\\)\\.tryBacktrack$',
    );
    expect(new RegExp(exactName('a[b].c')).test('a[b].c')).toBe(true);
  });

  it('replaces focus but adds to ignore and hide', () => {
    expect(withFrame({ f: '^a$' }, 'f', 'b')).toBe('^b$');
    expect(withFrame({ i: '^a$' }, 'i', 'b')).toBe('^a$|^b$');
    expect(withFrame({ i: '^a$' }, 'i', 'a')).toBe('^a$');
    expect(withFrame({}, 'h', 'a')).toBe('^a$');
  });

  it('writes tagfocus for string and numeric label values', () => {
    expect(tagFocusFor('phase', { value: 'hash' })).toBe('phase=^hash$');
    expect(tagFocusFor('bytes', { value: '1024B', number: 1024, unit: 'B' })).toBe('bytes=1024B');
  });
});
