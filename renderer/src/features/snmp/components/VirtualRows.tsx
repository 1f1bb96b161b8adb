// A scrolling body that renders only the rows in view (plus a margin), so a walk of 100,000
// varbinds scrolls as smoothly as one of ten. Rows have one fixed height; the header sticks.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';

export const ROW_HEIGHT = 26;

/** The header row of a grid: one column header per label. */
export function GridHeader({ className, labels, style }: { className: string; labels: readonly string[]; style?: CSSProperties }) {
  return (
    <div className={className} role="row" style={style}>
      {labels.map((l) => (
        <div key={l} role="columnheader" className="cell">
          {l}
        </div>
      ))}
    </div>
  );
}
const HEADER_HEIGHT = 28;

interface Props {
  count: number;
  /** Changes when the content is new: the view scrolls back to the top. */
  resetKey: string | number;
  header: ReactNode;
  renderRow: (index: number, style: CSSProperties) => ReactNode;
  /** Minimum width of the grid (wide tables scroll sideways). */
  minWidth?: number;
  ariaLabel: string;
  testId: string;
}

export function VirtualRows({ count, resetKey, header, renderRow, minWidth, ariaLabel, testId }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // this app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    scrollMargin: HEADER_HEIGHT,
  });

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  return (
    <div ref={scrollRef} className="snmp-scroll" role="grid" aria-label={ariaLabel} aria-rowcount={count + 1} tabIndex={0} data-testid={testId} data-count={count}>
      <div className="snmp-scroll-inner" style={minWidth ? { minWidth } : undefined}>
        <div className="snmp-grid-header" style={{ height: HEADER_HEIGHT }}>
          {header}
        </div>
        <div className="snmp-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => renderRow(item.index, { transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT }))}
        </div>
      </div>
    </div>
  );
}
