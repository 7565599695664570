import { describe, expect, it } from 'vitest';
import {
  activePanel,
  focusPatch,
  mmuFlags,
  mmuFlagsValue,
  mmuWindowSize,
  mmuWindowValue,
  pinnedGoroutines,
  selectedWindow,
  togglePin,
  visibleWindow,
  windowPatch,
} from './traceViewState';

describe('trace view state in the URL', () => {
  it('reads a window back as it was written, in whole ns', () => {
    const patch = windowPatch(['from', 'to'], { from: 1234.4, to: 99999.6 });
    expect(patch).toEqual({ from: '1234', to: '100000' });
    expect(visibleWindow(patch as Record<string, string>)).toEqual({ from: 1234, to: 100000 });
  });

  it('ignores an empty or reversed window', () => {
    expect(selectedWindow({ s0: '50', s1: '10' })).toBeUndefined();
    expect(selectedWindow({ s0: 'x', s1: '10' })).toBeUndefined();
    expect(windowPatch(['s0', 's1'], undefined)).toEqual({ s0: undefined, s1: undefined });
  });

  it('pins and unpins goroutines by their Go id', () => {
    const once = togglePin({}, 17);
    expect(once).toBe('17');
    const twice = togglePin({ pins: once! }, 3);
    expect(pinnedGoroutines({ pins: twice! })).toEqual([17, 3]);
    expect(togglePin({ pins: '17' }, 17)).toBeUndefined();
  });

  it('keeps go tool trace MMU defaults out of the URL', () => {
    expect(mmuFlags({})).toEqual({ stw: true, background: true, assist: true, sweep: true });
    expect(mmuFlagsValue({ stw: true, background: true, assist: true, sweep: true })).toBe(
      undefined,
    );
    expect(mmuFlagsValue({})).toBe('-');
    expect(mmuFlags({ mmu: '-' })).toEqual({});
    expect(mmuFlags({ mmu: 'sp' })).toEqual({ stw: true, perProc: true });
  });

  it('keeps the MMU window size as whole ns, and drops nonsense', () => {
    expect(mmuWindowValue(1234.6)).toBe('1235');
    expect(mmuWindowSize({ mw: mmuWindowValue(1234.6)! })).toBe(1235);
    expect(mmuWindowValue(0)).toBeUndefined();
    expect(mmuWindowSize({ mw: '-5' })).toBeUndefined();
    expect(mmuWindowSize({ mw: 'x' })).toBeUndefined();
  });

  it('selects a window and frames it with room around', () => {
    const { view, patch } = focusPatch({ from: 400, to: 600 }, { from: 0, to: 10_000 });
    expect(patch).toMatchObject({ s0: '400', s1: '600' });
    expect(view.from).toBeLessThan(400);
    expect(view.to).toBeGreaterThan(600);
    expect(patch).toMatchObject({
      from: String(Math.round(view.from)),
      to: String(Math.round(view.to)),
    });
  });

  it('falls back to the GC panel for an unknown panel name', () => {
    expect(activePanel({ view: 'nope' })).toBe('gc');
    expect(activePanel({ view: 'mmu' })).toBe('mmu');
  });
});
