import { describe, expect, it } from 'vitest';
import { goroutineLook } from './goroutineLook';

const names = {
  id: Int32Array.of(1, 4, 9, 20),
  name: Int32Array.of(0, 1, 1, 2),
  names: ['runtime.main', 'main.worker', 'net/http.(*conn).serve'],
};

describe('goroutineLook', () => {
  it('names each goroutine by its start function, and unknown ids by nothing', () => {
    const look = goroutineLook(names);
    expect([1, 4, 9, 20].map(look.nameOf)).toEqual([
      'runtime.main',
      'main.worker',
      'main.worker',
      'net/http.(*conn).serve',
    ]);
    expect([0, 5, 21, -1].map(look.nameOf)).toEqual(['', '', '', '']);
    expect(look.highlighted).toBeUndefined();
  });

  it('highlights the members of a group', () => {
    const look = goroutineLook(names, 'main.worker');
    expect([1, 4, 9, 20].map((g) => look.highlighted!(g))).toEqual([false, true, true, false]);
  });

  it('knows no names before they arrive', () => {
    expect(goroutineLook(undefined).nameOf(1)).toBe('');
  });
});
