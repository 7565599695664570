import { describe, expect, it } from 'vitest';
import { frameColor, packageOf, shortFrameName } from './flameColors';
import { fitLabel } from './labelFit';

describe('packageOf', () => {
  it('takes the Go package path of a symbol', () => {
    expect(packageOf('runtime.mallocgc')).toBe('runtime');
    expect(packageOf('crypto/internal/fips140/sha256.blockSHANI')).toBe(
      'crypto/internal/fips140/sha256',
    );
    expect(packageOf('regexp.(*Regexp).tryBacktrack')).toBe('regexp');
    expect(packageOf('github.com/a/b.(*T).M.func1')).toBe('github.com/a/b');
  });

  it('ignores slashes and dots inside type parameters', () => {
    expect(packageOf('slices.sortFunc[go.shape.*net/http.Request]')).toBe('slices');
  });

  it('handles line and file granularity names', () => {
    expect(packageOf('main.work /home/u/src/main.go:12')).toBe('main');
    expect(packageOf('/usr/local/go/src/runtime/proc.go')).toBe('/usr/local/go/src/runtime');
  });
});

describe('frameColor', () => {
  it('gives every function of a package the same colour', () => {
    expect(frameColor('encoding/json.appendString')).toBe(frameColor('encoding/json.Marshal'));
  });

  it('keeps runtime frames in their own hues', () => {
    const runtime = ['runtime.mallocgc', 'runtime.memmove', 'internal/runtime/maps.(*Map).Get'];
    for (const name of runtime) expect(frameColor(name)).toMatch(/^hsl\(2\d\d /);
    expect(frameColor('main.main')).not.toMatch(/^hsl\((19|2[0-4])\d /);
    expect(frameColor('runtime/pprof.Do')).not.toMatch(/^hsl\((19|2[0-4])\d /);
  });
});

describe('labels', () => {
  const measure = (text: string) => text.length * 6;

  it('uses the full name when it fits, else the short name, else a cut name', () => {
    expect(shortFrameName('github.com/a/b.(*T).M')).toBe('b.(*T).M');
    expect(fitLabel('github.com/a/b.(*T).M', 200, measure)).toBe('github.com/a/b.(*T).M');
    expect(fitLabel('github.com/a/b.(*T).M', 60, measure)).toBe('b.(*T).M');
    expect(fitLabel('github.com/a/b.(*T).M', 36, measure)).toBe('b.(*T…');
    expect(fitLabel('github.com/a/b.(*T).M', 10, measure)).toBe('');
  });
});
