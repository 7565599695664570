import { GoState, ProcState } from '../../trace/model';
import { TraceModelBuilder } from './modelBuilder';

/**
 * Two goroutines on one P: main (g1, already running at the trace start) creates a worker (g2),
 * blocks on a channel, and the worker runs, makes a syscall that loses its P, and exits.
 *
 *   t   0  sync; g1 Undetermined→Running on P0
 *      10  g1 creates g2 (NotExist→Runnable, start stack main.worker)
 *      20  g1 Running→Waiting "chan receive" (stack main.main)
 *      25  g2 Runnable→Running on P0
 *      40  g2 Running→Syscall (stack syscall.read)
 *      50  P0 Running→Idle (the P is taken from the syscall)
 *      70  g2 Syscall→Runnable
 *      75  g1 Waiting→Runnable (unblocked)
 *      80  g2 Runnable→Running on P0
 *      90  g2 Running→NotExist
 *      95  g1 Runnable→Running on P0
 *     100  sync (trace end)
 */
export function twoGoroutines(): TraceModelBuilder {
  const b = new TraceModelBuilder();
  const mainStack = b.stack(['main.main', 'runtime.main']);
  const recvStack = b.stack(['runtime.chanrecv1', 'main.main', 'runtime.main']);
  const workerStart = b.stack(['main.worker']);
  const readStack = b.stack(['syscall.read', 'os.(*File).Read', 'main.worker']);
  return b
    .sync(0)
    .gomaxprocs(0, 1)
    .goState(0, 1, GoState.Undetermined, GoState.Running, { p: 0, stack: mainStack })
    .goState(
      10,
      2,
      GoState.NotExist,
      GoState.Runnable,
      { g: 1, p: 0, stack: mainStack },
      '',
      workerStart,
    )
    .goState(
      20,
      1,
      GoState.Running,
      GoState.Waiting,
      { g: 1, p: 0, stack: recvStack },
      'chan receive',
    )
    .goState(25, 2, GoState.Runnable, GoState.Running, { p: 0 })
    .goState(40, 2, GoState.Running, GoState.Syscall, { g: 2, p: 0, stack: readStack })
    .procState(50, 0, ProcState.Running, ProcState.Idle, {})
    .goState(70, 2, GoState.Syscall, GoState.Runnable, { g: 2, stack: readStack })
    .goState(75, 1, GoState.Waiting, GoState.Runnable, { g: 2, p: 0, stack: readStack })
    .goState(80, 2, GoState.Runnable, GoState.Running, { p: 0 })
    .goState(90, 2, GoState.Running, GoState.NotExist, { g: 2, p: 0 })
    .goState(95, 1, GoState.Runnable, GoState.Running, { p: 0 })
    .sync(100);
}
