import { useState, type FormEvent } from 'react';
import type { ExportReport } from '../../../shared/api/views';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { runExport } from '../controller';
import { Dialog } from './Dialog';

export function ExportDialog() {
  const project = useStore(appStore, (s) => s.project);
  const [unit, setUnit] = useState<'codepoint' | 'utf16'>('codepoint');
  const [scope, setScope] = useState<'done' | 'all'>('done');
  const [outPath, setOutPath] = useState('');
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<ExportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRunning(true);
    setError(null);
    setReport(null);
    const result = await runExport({ unit, scope, outPath });
    setRunning(false);
    if (result.ok) setReport(result.value);
    else setError(result.error.message);
  };
  const defaultPath = project ? `${project.path}/exports/<project>-<time>.jsonl` : 'the project’s exports folder';
  return (
    <Dialog title="Export annotations" testId="export-dialog">
      <form className="form-grid" onSubmit={submit}>
        <label htmlFor="export-format">Format</label>
        <select id="export-format" name="format" value="jsonl" disabled>
          <option value="jsonl">JSONL (one document per line, with a .meta.json sidecar)</option>
        </select>
        <label htmlFor="export-unit">Offsets</label>
        <select id="export-unit" name="unit" value={unit} onChange={(e) => setUnit(e.target.value as 'codepoint' | 'utf16')}>
          <option value="codepoint">Code points (Python string indices)</option>
          <option value="utf16">UTF-16 units (JavaScript string indices)</option>
        </select>
        <label htmlFor="export-scope">Documents</label>
        <select id="export-scope" name="scope" value={scope} onChange={(e) => setScope(e.target.value as 'done' | 'all')}>
          <option value="done">Only documents marked done</option>
          <option value="all">All documents</option>
        </select>
        <label htmlFor="export-out">Save to</label>
        <input
          id="export-out"
          name="outPath"
          value={outPath}
          placeholder={defaultPath}
          onChange={(e) => setOutPath(e.target.value)}
          aria-describedby="export-out-hint"
        />
        <p id="export-out-hint" className="muted form-wide">
          Leave empty to write into the project’s exports folder.
        </p>
        {error && (
          <p className="form-error form-wide" role="alert">
            {error}
          </p>
        )}
        {report && (
          <div className="export-result form-wide" data-testid="export-result" role="status">
            <p>
              Exported {report.documents} {report.documents === 1 ? 'document' : 'documents'} with {report.spans}{' '}
              {report.spans === 1 ? 'span' : 'spans'} ({report.unit === 'codepoint' ? 'code point' : 'UTF-16'} offsets) to
            </p>
            <code className="path">{report.path}</code>
            <p className="muted">
              Description of the file: <code className="path">{report.sidecarPath}</code>
            </p>
          </div>
        )}
        <div className="button-row form-wide">
          <button type="submit" className="primary" data-testid="export-run" disabled={running}>
            {running ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
