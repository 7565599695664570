import { describe, expect, it } from 'vitest';
import { TraceModelBuilder } from './testing/modelBuilder';
import { userAnnotations } from './userAnnotations';

describe('userAnnotations', () => {
  const model = new TraceModelBuilder()
    .sync(0)
    .region(2, 'end', 0, 'begun before the trace', { g: 3 })
    .task(5, 'begin', 1, -1, 'checkout')
    .task(6, 'begin', 2, 1, 'payment')
    .region(10, 'begin', 2, 'charge', { g: 3 })
    .region(12, 'begin', 2, 'sign', { g: 3 })
    .log(15, 2, 'card', 'declined', { g: 3 })
    .region(20, 'end', 2, 'sign', { g: 3 })
    .region(30, 'end', 2, 'charge', { g: 3 })
    .task(40, 'end', 2, -1, 'payment')
    .region(45, 'begin', 1, 'render', { g: 4 })
    .sync(50)
    .build();
  const a = userAnnotations(model);
  const text = (ids: Int32Array) => [...ids].map((i) => a.strings[i]);

  it('pairs tasks with their parents; a task still open has no end', () => {
    expect([...a.tasks.id, ...a.tasks.parent]).toEqual([1, 2, -1, 1]);
    expect(text(a.tasks.type)).toEqual(['checkout', 'payment']);
    expect([...a.tasks.start, ...a.tasks.end]).toEqual([5, 6, NaN, 40]);
  });

  it('nests regions per goroutine', () => {
    expect(text(a.regions.type)).toEqual(['begun before the trace', 'charge', 'sign', 'render']);
    expect([...a.regions.start]).toEqual([NaN, 10, 12, 45]);
    expect([...a.regions.end]).toEqual([2, 30, 20, NaN]);
    expect([...a.regions.depth]).toEqual([0, 0, 1, 0]);
    expect([...a.regions.g]).toEqual([3, 3, 3, 4]);
  });

  it('keeps logs with their task, category and message', () => {
    expect([...a.logs.time, ...a.logs.g, ...a.logs.task]).toEqual([15, 3, 2]);
    expect([...text(a.logs.category), ...text(a.logs.message)]).toEqual(['card', 'declined']);
  });
});
