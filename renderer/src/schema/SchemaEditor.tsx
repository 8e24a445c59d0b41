import { useEffect, useMemo, useState } from 'react';
import type { RelationType } from '../../../shared/model/schemas';
import { describeRemovals, schemaProblems, type SchemaChangeSummary } from '../../../shared/model/schemaEdits';
import { applySchemaChange, previewSchemaChange } from './schemaActions';
import { appStore, setOverlay, showToast } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { Dialog } from '../ui/Dialog';
import { LabelColorField } from './LabelColorField';
import { AttributeRow } from './AttributeRow';
import { CommitInput } from './CommitInput';
import { LabelChecks } from './LabelChecks';
import { fromDraft, move, newKey, renamesOf, toDraft, type DraftAttr, type DraftLabel } from './schemaDraft';

const COLOURS = ['#7c3aed', '#0891b2', '#be123c', '#ca8a04', '#4d7c0f', '#9333ea', '#0f766e'];

/** The Schema screen: labels, their attributes and hotkeys, relation types; applied to every file. */
export function SchemaEditor() {
  const project = useStore(appStore, (s) => s.project);
  const [labels, setLabels] = useState<DraftLabel[]>(() => toDraft(project?.labels ?? []));
  const [relationTypes, setRelationTypes] = useState<RelationType[]>(() => (project?.relationTypes ?? []).map((r) => ({ ...r })));
  const [selectedKey, setSelectedKey] = useState<string | null>(labels[0]?.key ?? null);
  const [preview, setPreview] = useState<SchemaChangeSummary | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = useMemo(() => ({ labels: fromDraft(labels), relationTypes, renames: renamesOf(labels) }), [labels, relationTypes]);
  const problems = useMemo(() => schemaProblems(change), [change]);
  const selected = labels.find((l) => l.key === selectedKey) ?? null;

  useEffect(() => {
    setConfirmed(false);
    if (problems.length > 0) {
      setPreview(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void previewSchemaChange(change).then((r) => {
        if (!live) return;
        if (r.ok) {
          setPreview(r.value);
          setPreviewError(null);
        } else setPreviewError(r.error.message);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [change, problems.length]);

  const updateLabel = (key: string, patch: Partial<DraftLabel>) => {
    const before = labels.find((l) => l.key === key);
    setLabels((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    // Relation types follow a label whose id changes.
    if (before && patch.id !== undefined && patch.id !== before.id) {
      const swap = (ids: string[]) => ids.map((id) => (id === before.id ? (patch.id as string) : id));
      setRelationTypes((rs) => rs.map((r) => ({ ...r, from: swap(r.from), to: swap(r.to) })));
    }
  };
  const updateAttr = (labelKey: string, attrKey: string, patch: Partial<DraftAttr>) =>
    setLabels((ls) => ls.map((l) => (l.key === labelKey ? { ...l, attributes: l.attributes.map((a) => (a.key === attrKey ? ({ ...a, ...patch } as DraftAttr) : a)) } : l)));
  const deleteLabel = (key: string) => {
    const gone = labels.find((l) => l.key === key);
    setLabels((ls) => ls.filter((l) => l.key !== key));
    if (gone) setRelationTypes((rs) => rs.map((r) => ({ ...r, from: r.from.filter((x) => x !== gone.id), to: r.to.filter((x) => x !== gone.id) })));
    setSelectedKey(labels.find((l) => l.key !== key)?.key ?? null);
  };
  const addLabel = () => {
    const n = labels.length + 1;
    const label: DraftLabel = { key: newKey(), origId: null, id: `label_${n}`, name: `Label ${n}`, color: COLOURS[n % COLOURS.length] ?? '#7c3aed', hotkeys: [], attributes: [] };
    setLabels((ls) => [...ls, label]);
    setSelectedKey(label.key);
  };

  const apply = async () => {
    setBusy(true);
    setError(null);
    const result = await applySchemaChange(change, confirmed);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const s = result.value;
    showToast(`Schema saved: ${s.filesTouched} file${s.filesTouched === 1 ? '' : 's'} updated${s.problems.length ? `; ${s.problems.length} unreadable file(s) left as they are` : ''}.`);
    setOverlay(null);
  };

  const hotkeyConflict = (l: DraftLabel) => problems.find((p) => p.includes('hotkey') && (p.includes(` ${l.id}`) || p.startsWith(`${l.name}:`)) || p.startsWith(`${l.name}: the key`));
  const needsConfirm = preview?.needsConfirmation ?? false;

  return (
    <Dialog title="Label schema" testId="schema-editor" wide>
      <div className="schema-editor">
        <div>
          <ul className="schema-labels" aria-label="Labels">
            {labels.map((l, i) => (
              <li key={l.key} className={l.key === selectedKey ? 'selected' : undefined} data-testid="schema-label" data-label-id={l.id}>
                <button type="button" className="label-pick" onClick={() => setSelectedKey(l.key)}>
                  <span className="swatch" style={{ backgroundColor: l.color }} />
                  {l.name}
                  <span className="muted">{l.hotkeys.join(' ')}</span>
                </button>
                <button type="button" className="schema-small" aria-label={`Move ${l.name} up`} onClick={() => setLabels(move(labels, i, -1))}>
                  ↑
                </button>
                <button type="button" className="schema-small" aria-label={`Move ${l.name} down`} onClick={() => setLabels(move(labels, i, 1))}>
                  ↓
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={addLabel} data-testid="schema-add-label">
            + Add label
          </button>
        </div>
        <div>
          {selected && (
            <div className="schema-section" data-testid="schema-label-editor">
              <div className="form-grid">
                <label htmlFor="schema-name">Name</label>
                <CommitInput aria-label="Label name" data-testid="schema-label-name" value={selected.name} onCommit={(v) => updateLabel(selected.key, { name: v.trim() })} />
                <label htmlFor="schema-id">Id</label>
                <span className="input-with-button">
                  <CommitInput aria-label="Label id" data-testid="schema-label-id" value={selected.id} onCommit={(v) => updateLabel(selected.key, { id: v.trim() })} />
                  {selected.origId !== null && selected.origId !== selected.id && <span className="muted">was {selected.origId}: spans are renamed</span>}
                </span>
                <label>Colour</label>
                <LabelColorField name={selected.name} color={selected.color} onChange={(color) => updateLabel(selected.key, { color })} />
                <label>Hotkeys</label>
                <span className="input-with-button">
                  <CommitInput
                    aria-label="Hotkeys"
                    data-testid="schema-hotkeys"
                    placeholder="e.g. 4 p"
                    value={selected.hotkeys.join(' ')}
                    onCommit={(v) => updateLabel(selected.key, { hotkeys: [...new Set(v.split(/[\s,]+/).filter((k) => k.length === 1))].slice(0, 4) })}
                  />
                  {hotkeyConflict(selected) && (
                    <span className="form-error" role="alert" data-testid="schema-hotkey-error">
                      {hotkeyConflict(selected)}
                    </span>
                  )}
                </span>
              </div>
              <h3>Attributes</h3>
              {selected.attributes.length === 0 && <p className="muted">No attributes.</p>}
              {selected.attributes.map((a, i) => (
                <AttributeRow
                  key={a.key}
                  a={a}
                  update={(patch) => updateAttr(selected.key, a.key, patch)}
                  remove={() => updateLabel(selected.key, { attributes: selected.attributes.filter((x) => x.key !== a.key) })}
                  move={(d) => updateLabel(selected.key, { attributes: move(selected.attributes, i, d) })}
                />
              ))}
              <div className="button-row" style={{ justifyContent: 'space-between' }}>
                <button
                  type="button"
                  data-testid="schema-add-attribute"
                  onClick={() =>
                    updateLabel(selected.key, {
                      attributes: [...selected.attributes, { key: newKey(), origId: null, id: `attr_${selected.attributes.length + 1}`, name: `Attribute ${selected.attributes.length + 1}`, type: 'text', required: false }],
                    })
                  }
                >
                  + Add attribute
                </button>
                <button type="button" data-testid="schema-delete-label" onClick={() => deleteLabel(selected.key)} disabled={labels.length <= 1}>
                  Delete label {selected.name}
                </button>
              </div>
            </div>
          )}
          <div className="schema-section">
            <h3 style={{ marginTop: 0 }}>Relation types</h3>
            {relationTypes.map((r, i) => (
              <div key={i} className="schema-rel" data-testid="schema-relation">
                <CommitInput aria-label="Relation id" value={r.id} onCommit={(v) => setRelationTypes((rs) => rs.map((x, j) => (j === i ? { ...x, id: v.trim() } : x)))} />
                <CommitInput aria-label="Relation name" value={r.name} onCommit={(v) => setRelationTypes((rs) => rs.map((x, j) => (j === i ? { ...x, name: v.trim() } : x)))} />
                <label className="check">
                  <input type="checkbox" checked={r.directed} onChange={(e) => setRelationTypes((rs) => rs.map((x, j) => (j === i ? { ...x, directed: e.target.checked } : x)))} />
                  directed
                </label>
                <button type="button" className="schema-small" aria-label={`Delete relation ${r.name}`} onClick={() => setRelationTypes((rs) => rs.filter((_, j) => j !== i))}>
                  ×
                </button>
                <span className="schema-rel-end">from</span>
                <LabelChecks name={`From (${r.name})`} labels={labels} chosen={r.from} onChange={(from) => setRelationTypes((rs) => rs.map((x, j) => (j === i ? { ...x, from } : x)))} />
                <span className="schema-rel-end">to</span>
                <LabelChecks name={`To (${r.name})`} labels={labels} chosen={r.to} onChange={(to) => setRelationTypes((rs) => rs.map((x, j) => (j === i ? { ...x, to } : x)))} />
              </div>
            ))}
            <button
              type="button"
              onClick={() => setRelationTypes((rs) => [...rs, { id: `relation_${rs.length + 1}`, name: `relation ${rs.length + 1}`, from: labels[0] ? [labels[0].id] : [], to: labels[1] ? [labels[1].id] : [], directed: true }])}
            >
              + Add relation type
            </button>
          </div>
        </div>
      </div>
      {problems.length > 0 && (
        <ul className="schema-problems" data-testid="schema-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {previewError && <p className="form-error">{previewError}</p>}
      {preview && problems.length === 0 && (
        <div className="schema-preview" data-testid="schema-preview">
          {preview.filesTouched === 0 ? (
            'No changes yet.'
          ) : (
            <>
              Applying rewrites <strong>{preview.filesTouched}</strong> file{preview.filesTouched === 1 ? '' : 's'}
              {preview.spansRelabelled > 0 && `, renaming the label of ${preview.spansRelabelled} span${preview.spansRelabelled === 1 ? '' : 's'}`}.
              {needsConfirm && <> It removes {describeRemovals(preview)}.</>}
            </>
          )}
          {preview.problems.map((p) => (
            <div key={p} className="form-error">
              {p}
            </div>
          ))}
          {needsConfirm && (
            <label className="check" style={{ display: 'flex', marginTop: 6 }}>
              <input type="checkbox" data-testid="schema-confirm" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              Yes, remove them (in every annotator&apos;s files)
            </label>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row dialog-footer">
        <button type="button" onClick={() => setOverlay(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="schema-apply"
          disabled={busy || problems.length > 0 || !preview || preview.filesTouched === 0 || (needsConfirm && !confirmed)}
          onClick={() => void apply()}
        >
          {busy ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </Dialog>
  );
}
