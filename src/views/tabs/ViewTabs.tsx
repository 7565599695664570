import type { ReactNode } from 'react';

export interface ViewTabsProps<T extends string> {
  /** The tabs offered, in order. */
  tabs: readonly T[];
  active: T;
  /** A tab's title; may hold more than text (e.g. a count badge). */
  titles: Record<T, ReactNode>;
  /** Accessible name of the tab list. */
  label: string;
  onSelect: (tab: T) => void;
}

/** The tab bar every format view opens with; each tab's test id is `tab-<name>`. */
export function ViewTabs<T extends string>({
  tabs,
  active,
  titles,
  label,
  onSelect,
}: ViewTabsProps<T>) {
  return (
    <nav className="pp-tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button
          key={t}
          role="tab"
          aria-selected={t === active}
          className={t === active ? 'pp-tab active' : 'pp-tab'}
          data-testid={`tab-${t}`}
          onClick={() => onSelect(t)}
        >
          {titles[t]}
        </button>
      ))}
    </nav>
  );
}
