import { GoState, transitionStack, type TraceModel } from '../trace/model';

/**
 * The stack x/exp/trace gives a goroutine's StateTransition (Event.StateTransition in
 * trace/event.go): the new goroutine's start stack for GoCreate, the goroutine's own stack when
 * it stops, blocks or enters a syscall, and the status stack when it is first named. Other
 * transitions (GoStart, GoUnblock, GoDestroy, syscall exits) have none; the event stack of a
 * GoUnblock is the unblocker's, not the goroutine's.
 */
export function goTransitionStack(model: TraceModel, i: number, from: number, to: number): number {
  if (from === GoState.NotExist) return to === GoState.Syscall ? 0 : transitionStack(model, i);
  if (from === GoState.Undetermined) return model.stack[i];
  if (from === GoState.Running && to !== GoState.Running && to !== GoState.NotExist) {
    return model.stack[i];
  }
  return 0;
}
