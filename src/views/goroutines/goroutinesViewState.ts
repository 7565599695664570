/**
 * The goroutine dump view's part of the URL:
 *   view   tab: groups (default) or flame
 *   sort   "wait" for the leak view (longest-blocked first); count (default) puts big groups first
 *   q      search: state, labels, "created by", a frame's function or file
 *   open   the expanded group, by its first-seen position in the dump (stable for one dump)
 *   inv    "1" draws the flame graph inverted (leaf functions at the root)
 *   z      zoomed flame graph frame, frame names from the root joined by newlines
 */
export type GoroutinesTab = 'groups' | 'flame';

export function activeGoroutinesTab(view: string | undefined): GoroutinesTab {
  return view === 'flame' ? 'flame' : 'groups';
}
