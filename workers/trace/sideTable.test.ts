import { describe, expect, it } from 'vitest';
import { SideTable } from './sideTable';

describe('SideTable', () => {
  const table = () =>
    new SideTable({
      name: { narrow: Uint16Array, wide: Int32Array },
      bytes: { narrow: Uint32Array, wide: Float64Array },
      plain: Float64Array,
    });

  it('keeps values that fit in the narrow columns', () => {
    const t = table();
    const r = t.row();
    t.set('name', r, 65535);
    t.set('bytes', r, 2 ** 32 - 1);
    const out = t.finish();
    expect(out.name).toBeInstanceOf(Uint16Array);
    expect(out.bytes).toBeInstanceOf(Uint32Array);
    expect([out.name[0], out.bytes[0]]).toEqual([65535, 2 ** 32 - 1]);
  });

  it('widens a column at the first value that does not fit, through growth, keeping them all', () => {
    const t = table();
    const names = [1, 70_000, 2, 3];
    const bytes = [8192, 2 ** 40 + 1, 0.5, 7];
    for (let i = 0; i < 200; i++) {
      const r = t.row();
      t.set('name', r, names[i % 4]);
      t.set('bytes', r, bytes[i % 4]);
      t.set('plain', r, NaN);
    }
    const out = t.finish();
    expect(out.name).toBeInstanceOf(Int32Array);
    expect(out.bytes).toBeInstanceOf(Float64Array);
    expect(Array.from(out.name)).toEqual(Array.from({ length: 200 }, (_, i) => names[i % 4]));
    expect(Array.from(out.bytes)).toEqual(Array.from({ length: 200 }, (_, i) => bytes[i % 4]));
    expect(out.plain.every(Number.isNaN)).toBe(true);
  });
});
