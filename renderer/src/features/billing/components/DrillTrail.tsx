// Where a drill-down came from: a back button and the trail of views, each one a step back.
import { useBilling } from '../store';

export function DrillTrail() {
  const trail = useBilling((s) => s.trail);
  const view = useBilling((s) => s.view);
  const back = useBilling((s) => s.back);
  if (trail.length === 0 || !view) return null;
  const previous = trail[trail.length - 1];
  return (
    <nav className="drill-trail" aria-label="Drill-down path">
      <button type="button" onClick={() => back()} title={previous ? `Back to ${previous.label}` : 'Back'} data-testid="drill-back">
        ← Back
      </button>
      <ol className="crumbs">
        {trail.map((v, i) => (
          <li key={i}>
            <button type="button" className="ghost crumb" onClick={() => back(i)} data-testid="drill-crumb">
              {v.label}
            </button>
          </li>
        ))}
        <li aria-current="page" className="crumb-current">
          {view.label}
        </li>
      </ol>
    </nav>
  );
}
