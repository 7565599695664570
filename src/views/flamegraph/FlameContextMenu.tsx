import { useEffect, useRef } from 'react';

export interface FlameMenuItem {
  label: string;
  action: () => void;
}

interface FlameContextMenuProps {
  x: number;
  y: number;
  items: FlameMenuItem[];
  onClose: () => void;
}

/** The right-click menu of a frame; closes on a choice, Escape, or a click elsewhere. */
export function FlameContextMenu({ x, y, items, onClose }: FlameContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [onClose]);
  return (
    <div
      ref={ref}
      className="fg-menu"
      role="menu"
      data-testid="flamegraph-menu"
      style={{ left: x, top: y }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          role="menuitem"
          onClick={() => {
            item.action();
            onClose();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
