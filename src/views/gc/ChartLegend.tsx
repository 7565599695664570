import type { ReactNode } from 'react';
import { formatCount } from '../units/formatCount';

export interface LegendItem {
  label: string;
  color: string;
  /** A count shown after the label (e.g. pauses of a reason). */
  count?: number;
  /** dashed: a line swatch (rules, dashed series); band: a shaded interval. */
  swatch?: 'box' | 'dashed' | 'band';
}

export interface ChartLegendProps {
  items: LegendItem[];
  /** More content after the items (a note, inputs). */
  children?: ReactNode;
  /** Offered only while the chart shows less than its whole extent. */
  onResetZoom?: () => void;
  /** Left inset in CSS pixels, so the legend starts where the plot does. */
  plotLeft?: number;
}

/**
 * The row above a GC chart: a swatch and label per series, extra content, and "Reset zoom" at
 * the end of the row while zoomed, where it covers nothing.
 */
export function ChartLegend({ items, children, onResetZoom, plotLeft }: ChartLegendProps) {
  return (
    <div
      className="gc-legend"
      style={plotLeft === undefined ? undefined : { paddingLeft: plotLeft }}
    >
      {items.map((item) => (
        <span key={item.label} className="gc-legend-item">
          <span
            className={
              item.swatch && item.swatch !== 'box' ? `gc-swatch ${item.swatch}` : 'gc-swatch'
            }
            style={item.swatch === 'band' ? undefined : { background: item.color }}
          />
          {item.label}
          {item.count !== undefined && (
            <span className="gc-legend-count">{formatCount(item.count)}</span>
          )}
        </span>
      ))}
      {children}
      {onResetZoom && (
        <button
          className="gc-chart-reset"
          data-testid="chart-reset-zoom"
          onClick={onResetZoom}
          title="Show the whole time range (or double-click the chart)"
        >
          Reset zoom
        </button>
      )}
    </div>
  );
}
