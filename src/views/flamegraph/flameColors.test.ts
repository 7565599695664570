import { describe, expect, it } from 'vitest';
import { ProcActivity } from '../../../workers/analysis/procIntervalTable';
import { activityColors } from '../trace/procs/activityStyle';
import { frameColor, gcHueRange, goroutineColor, packageOf, shortFrameName } from './flameColors';
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

describe('goroutineColor', () => {
  const hueOf = (hsl: string) => Number(/^hsl\((\d+) /.exec(hsl)![1]);
  const inGcRange = (hue: number) => hue >= gcHueRange.from && hue <= gcHueRange.to;

  it('covers the hues the trace views give GC work', () => {
    const gcWork = [
      ProcActivity.markDedicated,
      ProcActivity.markFractional,
      ProcActivity.markIdle,
      ProcActivity.markAssist,
    ];
    for (const a of gcWork) expect(inGcRange(hexHue(activityColors[a]))).toBe(true);
  });

  it('never gives a goroutine a GC hue; runtime goroutines keep the runtime blue', () => {
    const names = Array.from({ length: 400 }, (_, i) => `example.com/pkg${i}.worker`);
    const frameHues = names.map((n) => hueOf(frameColor(n)));
    expect(frameHues.some(inGcRange)).toBe(true);
    for (const n of names) {
      expect(inGcRange(hueOf(goroutineColor(n)))).toBe(false);
    }
    expect(goroutineColor('runtime.bgsweep')).toBe(frameColor('runtime.bgsweep'));
  });
});

/** Hue in degrees of a #rrggbb colour. */
function hexHue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

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
