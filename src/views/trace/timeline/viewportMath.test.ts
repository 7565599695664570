import { describe, expect, it } from 'vitest';
import { applyKey, clampWindow, keyAction, minSpanNs, panBy, zoomAround } from './viewportMath';

const trace = { from: 0, to: 1_000_000 };

describe('the shared time window', () => {
  it('stays inside the trace when panned past either end', () => {
    expect(panBy({ from: 900_000, to: 1_000_000 }, 0.5, trace)).toEqual({
      from: 900_000,
      to: 1_000_000,
    });
    expect(panBy({ from: 0, to: 100_000 }, -1, trace)).toEqual({ from: 0, to: 100_000 });
  });

  it('zooms around the pointer: the time under it stays under it', () => {
    const w = zoomAround({ from: 0, to: 1_000_000 }, 250_000, 0.5, trace);
    expect(w).toEqual({ from: 125_000, to: 625_000 });
    expect((250_000 - w.from) / (w.to - w.from)).toBeCloseTo(0.25);
  });

  it('never zooms in below the narrowest window, nor out past the whole trace', () => {
    const tiny = zoomAround({ from: 500, to: 700 }, 600, 0.01, trace);
    expect(tiny.to - tiny.from).toBe(minSpanNs);
    expect(zoomAround(trace, 10, 8, trace)).toEqual(trace);
  });

  it('shrinks a window larger than the trace to the trace', () => {
    expect(clampWindow({ from: -5, to: 2_000_000 }, trace)).toEqual(trace);
  });

  it('maps W/S to zoom in/out, A/D to pan, 0 to the whole trace, like go tool trace', () => {
    const w = { from: 400_000, to: 600_000 };
    const zoomIn = applyKey(w, keyAction('w')!, 500_000, trace);
    expect(zoomIn.to - zoomIn.from).toBeLessThan(200_000);
    const zoomOut = applyKey(w, keyAction('S')!, 500_000, trace);
    expect(zoomOut.to - zoomOut.from).toBeGreaterThan(200_000);
    expect(applyKey(w, keyAction('a')!, 0, trace).from).toBeLessThan(400_000);
    expect(applyKey(w, keyAction('d')!, 0, trace).from).toBeGreaterThan(400_000);
    expect(applyKey(w, keyAction('0')!, 0, trace)).toEqual(trace);
    expect(keyAction('x')).toBeUndefined();
  });
});
