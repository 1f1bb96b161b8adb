// Configuration templates: the list, the editor, and rendering/pushing the chosen one.
import { useEffect, useState } from 'react';
import { errorMessage, invoke } from '../../../lib/api';
import { formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useCan } from '../../appInfo/store';
import type { ConfigTemplate } from '../types';
import { RenderPanel } from './RenderPanel';
import { TemplateEditor } from './TemplateEditor';

/** The template being edited: a saved one by id, or a new draft. */
type Selection = { id: string } | 'new' | null;

export function TemplatesTab() {
  const canEdit = useCan('ssh:automation');
  const [templates, setTemplates] = useState<ConfigTemplate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [deleting, setDeleting] = useState<ConfigTemplate | null>(null);

  useEffect(() => {
    let live = true;
    invoke('ssh.templates.list', {})
      .then((list) => {
        if (!live) return;
        setTemplates([...list].sort((a, b) => a.name.localeCompare(b.name)));
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, []);

  const current = selection !== null && selection !== 'new' ? (templates.find((t) => t.id === selection.id) ?? null) : null;

  return (
    <div className="auto-templates" data-testid="templates-tab">
      <section className="card auto-template-list" aria-labelledby="auto-templates-title">
        <div className="sshc-section-head">
          <h2 id="auto-templates-title">Templates</h2>
          <span className="toolbar-spacer" />
          <button type="button" className="primary" onClick={() => setSelection('new')} disabled={!canEdit} title={canEdit ? undefined : 'Needs ssh:automation'} data-testid="template-new">
            New
          </button>
        </div>
        {!canEdit && <p className="field-hint">Your role may read templates but not change, render or push them (needs ssh:automation).</p>}
        {error && <p className="form-error">{error}</p>}
        {!error && templates.length === 0 && <p className="muted">No template yet.</p>}
        <ul className="auto-list">
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className={`ghost auto-list-item${current?.id === t.id ? ' active' : ''}`}
                onClick={() => setSelection({ id: t.id })}
                data-testid="template-item"
                data-name={t.name}
              >
                <span className="cell-name">{t.name}</span>
                {t.vendor && <span className="chip">{t.vendor}</span>}
                <span className="muted">{formatTimestamp(t.updatedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <div className="auto-template-main">
        {selection === null && <div className="empty-state">Choose a template, or create one. Rendering shows the text and its diff against the device's last backup before anything is pushed.</div>}
        {(selection === 'new' || current) && (
          <TemplateEditor
            key={current ? `${current.id}:${current.updatedAt}` : 'new'}
            template={current}
            canEdit={canEdit}
            onSaved={(t) => {
              setTemplates((list) => [...list.filter((x) => x.id !== t.id), t].sort((a, b) => a.name.localeCompare(b.name)));
              setSelection({ id: t.id });
            }}
            onDelete={current ? () => setDeleting(current) : null}
          />
        )}
        {current && <RenderPanel key={current.id} template={current} canPush={canEdit} />}
      </div>
      {deleting && (
        <ConfirmDialog
          title={`Delete template ${deleting.name}?`}
          confirmLabel="Delete template"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await invoke('ssh.templates.delete', { id: deleting.id });
            setTemplates((list) => list.filter((t) => t.id !== deleting.id));
            setSelection(null);
          }}
        >
          <p>The template is removed for this workspace. Configurations already pushed with it stay as they are.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
