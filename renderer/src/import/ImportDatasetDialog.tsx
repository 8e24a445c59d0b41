import { useState, type FormEvent } from 'react';
import type { LabelDecision } from '../../../shared/formats/labelMapping';
import { cancelDatasetImport, confirmDatasetImport } from './importActions';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { importStore } from './importStore';
import { Dialog } from '../ui/Dialog';
import { keyedRecord, ownValue } from '../../../shared/model/keyed';

const FORMAT_NAMES: Record<string, string> = {
  text: 'text',
  html: 'HTML article',
  jsonl: 'JSONL',
  brat: 'brat',
  labelstudio: 'Label Studio',
  doccano: 'doccano',
  w3c: 'W3C annotations',
  unsupported: 'unknown format',
  ignored: 'not a document',
};

/** doccano 1.x writes label ids, not names: the mapping says so. */
const isNumber = (label: string) => /^\d+$/.test(label);

/**
 * What an import holds, file by file, and a decision for every label the project lacks: add it
 * to the project or map it onto a project label. Nothing is imported until the user confirms, and
 * no label is ever dropped silently.
 */
export function ImportDatasetDialog() {
  const pending = useStore(importStore, (s) => s.pending);
  const project = useStore(appStore, (s) => s.project);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  if (!pending || !project) return null;
  const { inspection } = pending;
  const usable = inspection.files.filter((f) => f.ok && f.format !== 'ignored');
  const choiceFor = (label: string) => ownValue(choices, label) ?? 'add';
  const fromDoccano = inspection.files.some((f) => f.format === 'doccano');
  const isLabelId = (label: string) => fromDoccano && isNumber(label);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const labels = keyedRecord<LabelDecision>();
    for (const l of inspection.unknownLabels) {
      const c = choiceFor(l);
      labels[l] = c === 'add' ? { action: 'add' } : { action: 'map', to: c.slice('map:'.length) };
    }
    setError(await confirmDatasetImport(labels));
  };

  return (
    <Dialog title="Import files" testId="import-dialog" onClose={cancelDatasetImport} wide>
      <form className="form-grid import-form" onSubmit={(e) => void submit(e)}>
        <ul className="import-files form-wide" data-testid="import-files">
          {inspection.files.map((f) => (
            <li key={f.name} className={f.ok ? 'import-file' : 'import-file refused'}>
              <strong>{f.name}</strong> <span className="muted">({FORMAT_NAMES[f.format] ?? f.format})</span>
              {f.format === 'ignored' ? null : f.ok ? (
                <span>
                  {' '}
                  {f.documents} document{f.documents === 1 ? '' : 's'}, {f.spans} span{f.spans === 1 ? '' : 's'}
                </span>
              ) : (
                <p className="form-error">Will not be imported: {f.error?.message}</p>
              )}
              {f.warnings.map((w) => (
                <p key={w} className="muted import-warning">
                  {w}
                </p>
              ))}
            </li>
          ))}
        </ul>
        {inspection.unknownLabels.length > 0 && (
          <fieldset className="form-wide label-mapping" data-testid="label-mapping">
            <legend>Labels this project does not have</legend>
            <p className="muted">Add each one to the project, or map it onto one of the project&apos;s labels.</p>
            {inspection.unknownLabels.some(isLabelId) && (
              <p className="muted" data-testid="label-id-hint">
                The numbers are doccano label ids. To see their names, cancel and import doccano&apos;s labels file (label_config.json, from the project&apos;s
                Labels page) together with the .jsonl; or map each id here.
              </p>
            )}
            {inspection.unknownLabels.map((label) => {
              const use = inspection.labels.find((l) => l.label === label);
              const id = `map-${label}`;
              return (
                <div key={label} className="mapping-row">
                  <label htmlFor={id}>
                    {isLabelId(label) && <span className="muted">doccano label id </span>}
                    <code>{label}</code> <span className="muted">({use?.spans ?? 0} span{use?.spans === 1 ? '' : 's'})</span>
                  </label>
                  <select id={id} data-testid={`map-${label}`} value={choiceFor(label)} onChange={(e) => setChoices({ ...choices, [label]: e.target.value })}>
                    <option value="add">Add as a new label</option>
                    {project.labels.map((l) => (
                      <option key={l.id} value={`map:${l.id}`}>
                        Map to {l.name}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>
        )}
        {error && (
          <p className="form-error form-wide" role="alert">
            {error}
          </p>
        )}
        {pending.busy && (
          <p className="form-wide" role="status" aria-live="polite" data-testid="import-progress">
            {pending.progress ?? 'Importing…'}
          </p>
        )}
        <div className="button-row form-wide dialog-footer">
          <button type="submit" className="primary" data-testid="import-confirm" disabled={pending.busy || usable.length === 0}>
            {pending.busy ? 'Importing…' : `Import ${usable.length} file${usable.length === 1 ? '' : 's'}`}
          </button>
          <button type="button" onClick={cancelDatasetImport}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
