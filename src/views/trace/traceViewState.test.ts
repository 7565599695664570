import { describe, expect, it } from 'vitest';
import {
  activePanel,
  mmuFlags,
  mmuFlagsValue,
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

  it('falls back to the GC panel for an unknown panel name', () => {
    expect(activePanel({ view: 'nope' })).toBe('gc');
    expect(activePanel({ view: 'mmu' })).toBe('mmu');
  });
});
