import { formatCount } from '../../../lib/format';
import { Dialog } from '../../../ui/Dialog';
import type { ImportOutcome } from './ImportCsvButton';

/** Rendering thousands of refused lines helps nobody; the first ones show what to fix. */
const MAX_LISTED_ERRORS = 500;

export function ImportResultDialog({ outcome, onClose }: { outcome: ImportOutcome; onClose: () => void }) {
  const { result, error, fileName } = outcome;
  const errors = result?.errors ?? [];
  return (
    <Dialog title={`Import of ${fileName}`} onClose={onClose} testId="import-result">
      {error && (
        <p className="form-error" role="alert" data-testid="import-failed">
          The import failed: {error}
        </p>
      )}
      {result && (
        <>
          <div className="import-counts">
            <div className="stat">
              <span className="stat-value" data-testid="import-imported">
                {formatCount(result.imported)}
              </span>
              <span className="stat-label">imported</span>
            </div>
            <div className="stat">
              <span className="stat-value" data-testid="import-updated">
                {formatCount(result.updated)}
              </span>
              <span className="stat-label">updated</span>
            </div>
            <div className={`stat${errors.length ? ' stat-bad' : ''}`}>
              <span className="stat-value" data-testid="import-error-count">
                {formatCount(errors.length)}
              </span>
              <span className="stat-label">{errors.length === 1 ? 'line refused' : 'lines refused'}</span>
            </div>
          </div>
          {errors.length > 0 && (
            <>
              <h3 className="section-title">Refused lines (fix them and import the file again; good lines were kept)</h3>
              <ol className="import-errors" data-testid="import-errors">
                {errors.slice(0, MAX_LISTED_ERRORS).map((e, i) => (
                  <li key={`${e.line}-${i}`} data-testid="import-error">
                    <span className="mono line-no">line {e.line}</span> {e.message}
                  </li>
                ))}
              </ol>
              {errors.length > MAX_LISTED_ERRORS && <p className="muted">…and {formatCount(errors.length - MAX_LISTED_ERRORS)} more.</p>}
            </>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
