import type { FlameFrame } from './FlameGraphCanvas';

interface FlameTooltipProps {
  frame: FlameFrame;
  /** Pointer position and graph size, in CSS pixels of the graph. */
  x: number;
  y: number;
  width: number;
  height: number;
  formatValue: (value: number) => string;
  percent: (value: number) => string;
}

const offset = 14;
const assumedWidth = 360;
const assumedHeight = 90;

/** The hovered frame's name and values, kept inside the graph whichever corner it is near. */
export function FlameTooltip({
  frame,
  x,
  y,
  width,
  height,
  formatValue,
  percent,
}: FlameTooltipProps) {
  const left =
    x + offset + assumedWidth > width ? Math.max(0, x - offset - assumedWidth) : x + offset;
  const top =
    y + offset + assumedHeight > height ? Math.max(0, y - offset - assumedHeight) : y + offset;
  return (
    <div className="tooltip fg-tooltip" data-testid="flamegraph-tooltip" style={{ left, top }}>
      <div className="fg-tooltip-name" data-testid="flamegraph-tooltip-name">
        {frame.name}
      </div>
      <table>
        <tbody>
          <tr>
            <th>Total</th>
            <td data-testid="flamegraph-tooltip-total">{formatValue(frame.total)}</td>
            <td>{percent(frame.total)}</td>
          </tr>
          <tr>
            <th>Self</th>
            <td data-testid="flamegraph-tooltip-self">{formatValue(frame.self)}</td>
            <td>{percent(frame.self)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
