import { describe, expect, it } from 'vitest';
import { goroutineGroups } from './goroutineGroups';
import { goroutineStateCounts } from './goroutineStateCounts';
import { goroutineSummaries } from './goroutineSummaries';
import { GoState } from '../trace/model';
import { TraceModelBuilder } from './testing/modelBuilder';
import { twoGoroutines } from './testing/twoGoroutines';

describe('goroutineSummaries', () => {
  const s = goroutineSummaries(twoGoroutines().build());
  const block = (row: number, reason: string) =>
    s.blockNs[row * s.blockReasons.length + s.blockReasons.indexOf(reason)];

  it('names goroutines by the root frame of their first stack', () => {
    expect([...s.id]).toEqual([1, 2]);
    expect([...s.name].map((n) => s.names[n])).toEqual(['runtime.main', 'main.worker']);
  });

  it('splits time into running, scheduler wait, blocking by reason and syscall', () => {
    // g1: runs 0–20 and 95–100, blocked on a channel 20–75, runnable 75–95.
    expect([s.execNs[0], block(0, 'chan receive'), s.schedWaitNs[0], s.totalNs[0]]).toEqual([
      25, 55, 20, 100,
    ]);
    expect([s.creationTime[0], s.startTime[0], s.endTime[0]]).toEqual([0, 0, NaN]);
    // g2: runnable 10–25 and 70–80, runs 25–40 and 80–90, syscall 40–50 with the P, then
    // 50–70 blocked after losing it; exits at 90.
    expect([s.execNs[1], s.schedWaitNs[1], s.syscallNs[1], s.syscallBlockNs[1]]).toEqual([
      25, 25, 10, 20,
    ]);
    expect([s.creationTime[1], s.startTime[1], s.endTime[1], s.totalNs[1], s.unknownNs[1]]).toEqual(
      [10, 25, 90, 80, 0],
    );
  });

  it('backdates a goroutine first named late in a generation to the generation start', () => {
    const b = new TraceModelBuilder();
    const unblocker = b.stack(['sync.(*Mutex).Unlock', 'main.producer']);
    const parked = b.stack(['runtime.gopark', 'main.consumer']);
    const late = goroutineSummaries(
      b
        .sync(0)
        .goState(10, 8, GoState.Undetermined, GoState.Runnable, { p: 0 })
        .goState(20, 9, GoState.Undetermined, GoState.Waiting, { stack: parked }, 'sync')
        // An unblock carries the unblocker's stack: it must not name goroutine 8.
        .goState(30, 8, GoState.Runnable, GoState.Running, { p: 0, stack: unblocker })
        .sync(50)
        .build(),
    );
    expect([...late.creationTime]).toEqual([0, 0]);
    expect([late.schedWaitNs[0], late.execNs[0], late.blockNs[1]]).toEqual([30, 20, 50]);
    expect([...late.name].map((n) => late.names[n])).toEqual(['', 'main.consumer']);
  });

  it('ends a goroutine that blocks forever, and closes states still open at the trace end', () => {
    const b = new TraceModelBuilder();
    const creator = b.stack(['main.main']);
    const parked = b.stack(['runtime.gopark', 'main.stuck']);
    const sleeping = b.stack(['time.Sleep', 'main.sleeper']);
    const ends = goroutineSummaries(
      b
        .sync(0)
        .goState(10, 5, GoState.NotExist, GoState.Runnable, { p: 0, stack: creator }, '', parked)
        .goState(20, 5, GoState.Runnable, GoState.Running, { p: 0 })
        .goState(30, 5, GoState.Running, GoState.Waiting, { p: 0, stack: parked }, 'forever')
        .goState(40, 6, GoState.NotExist, GoState.Runnable, { p: 0, stack: creator }, '', sleeping)
        .goState(50, 6, GoState.Runnable, GoState.Running, { p: 0 })
        .goState(60, 6, GoState.Running, GoState.Waiting, { p: 0, stack: sleeping }, 'sleep')
        .sync(100)
        .build(),
    );
    // g5 ends at 30; g6 is still asleep at the last event (100).
    expect([...ends.endTime]).toEqual([30, NaN]);
    expect([...ends.totalNs]).toEqual([20, 60]);
    expect([...ends.execNs]).toEqual([10, 10]);
    expect([...ends.schedWaitNs]).toEqual([10, 10]);
    expect(ends.blockReasons).toEqual(['sleep']);
    expect([...ends.blockNs]).toEqual([0, 40]);
    expect([...ends.unknownNs]).toEqual([0, 0]);
  });

  it('groups goroutines by start function', () => {
    const groups = goroutineGroups(s);
    expect(groups.name).toEqual(['main.worker', 'runtime.main']);
    expect([...groups.goroutines]).toEqual([1, 1]);
    expect([...groups.execNs]).toEqual([25, 25]);
  });

  it('counts goroutines per state over time', () => {
    const c = goroutineStateCounts(twoGoroutines().build());
    const at = (t: number) => c.time.indexOf(t);
    expect(c.running[at(0)]).toBe(1);
    expect([c.running[at(20)], c.runnable[at(20)], c.waiting[at(20)]]).toEqual([0, 1, 1]);
    expect([c.running[at(40)], c.syscall[at(40)]]).toEqual([0, 1]);
    expect([c.running[at(95)], c.runnable[at(95)], c.waiting[at(95)]]).toEqual([1, 0, 0]);
  });
});
