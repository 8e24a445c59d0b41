import { useEffect, useState, type FormEvent } from 'react';
import type { ExportReport } from '../../../shared/api/views';
import {
  FORMAT_INFO,
  EXPORT_FORMATS,
  GROUP_BY_FIELDS,
  type ConllScheme,
  type ExportFormat,
  type ExportOptionsInput,
  type GroupByField,
  type OffsetUnit,
  type OverlapPolicy,
} from '../../../shared/formats/exportOptions';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { checkExport, jumpToSpan, previewExport, runExport } from './exportActions';
import type { ExportProblem } from '../../../shared/annotation/checkDocument';
import { Dialog } from '../ui/Dialog';
import { isElectron } from '../bridge';
import { downloadExport } from './browserDownload';

type Scope = 'done' | 'all' | 'todo' | 'in_progress';

const UNIT_LABELS: Record<OffsetUnit, string> = {
  codepoint: 'Code points (Python string indices)',
  utf16: 'UTF-16 units (JavaScript string indices)',
};

/** On screen, an overlap policy is described, never named by its id. */
const OVERLAP_POLICY_NAMES: Record<string, string> = {
  'longest-wins': 'one tag column (longest span wins)',
  'per-label-columns': 'one tag column per label',
};

export function ExportDialog() {
  const project = useStore(appStore, (s) => s.project);
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [unit, setUnit] = useState<OffsetUnit>('codepoint');
  const [scope, setScope] = useState<Scope>('done');
  // Whose annotations: the adjudicated gold by default when the project has it (as the CLI does).
  const [whose, setWhose] = useState<'gold' | 'me' | 'all'>(project?.hasGold ? 'gold' : 'me');
  const [splitOn, setSplitOn] = useState(false);
  const [ratios, setRatios] = useState({ train: '0.8', dev: '0.1', test: '0.1' });
  const [seed, setSeed] = useState('42');
  const [groupBy, setGroupBy] = useState<GroupByField | ''>('');
  const [scheme, setScheme] = useState<ConllScheme>('iob2');
  const [overlap, setOverlap] = useState<OverlapPolicy>('longest-wins');
  const [outPath, setOutPath] = useState('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ExportReport | null>(null);
  const [download, setDownload] = useState<{ name: string } | { error: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ text: string; file: string; records: number } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ExportProblem[] | null>(null);
  /** The document selection whose problems the user chose to export anyway. */
  const [acknowledged, setAcknowledged] = useState<string | null>(null);

  const info = FORMAT_INFO[format];
  const unitChoice = info.defaultUnit === null ? null : info.fixedUnit ? info.defaultUnit : unit;
  const splitValues = { train: Number(ratios.train), dev: Number(ratios.dev), test: Number(ratios.test) };
  const splitValid =
    Object.values(splitValues).every((r) => Number.isFinite(r) && r >= 0) &&
    splitValues.train + splitValues.dev + splitValues.test > 0 &&
    /^\d{1,10}$/.test(seed);

  const options: Omit<ExportOptionsInput, 'outPath'> = {
    format,
    scope,
    ...(unitChoice && !info.fixedUnit ? { unit: unitChoice } : {}),
    ...(whose === 'all' ? { annotator: '*' } : whose === 'gold' ? { annotator: 'gold' } : project?.annotator ? { annotator: project.annotator } : {}),
    ...(splitOn && splitValid ? { split: { ...splitValues, seed: Number(seed), ...(groupBy ? { groupBy } : {}) } } : {}),
    ...(format === 'conll' ? { conllScheme: scheme, overlapPolicy: overlap } : {}),
  };
  const optionsKey = JSON.stringify(options);

  // The first record, as it will be written, refreshed whenever an option changes.
  useEffect(() => {
    let live = true;
    void previewExport(JSON.parse(optionsKey)).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPreview(r.value);
        setPreviewError(null);
      } else {
        setPreview(null);
        setPreviewError(r.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [optionsKey]);

  const submit = async (e: FormEvent | null, anyway = false) => {
    e?.preventDefault();
    if (splitOn && !splitValid) {
      setError('Split ratios must be numbers (not all 0) and the seed a whole number.');
      return;
    }
    // The check before export: problems are listed once per choice of documents; "Export anyway" goes on.
    const selectionKey = JSON.stringify([scope, whose]);
    if (anyway) setAcknowledged(selectionKey);
    else if (acknowledged !== selectionKey) {
      setError(null);
      const checked = await checkExport(options);
      if (!checked.ok) {
        setError(checked.error.message);
        return;
      }
      if (checked.value.problems.length > 0) {
        setProblems(checked.value.problems);
        return;
      }
    }
    setProblems(null);
    setRunning(true);
    setError(null);
    setReport(null);
    setDownload(null);
    setProgress({ done: 0, total: 0 });
    // Left empty: the file named in the preview, in the project's exports folder (the name written is
    // the one shown); a second export asks for a fresh name first, never the file just written.
    let planned = preview;
    if (report && !outPath.trim()) {
      const fresh = await previewExport(options);
      planned = fresh.ok ? fresh.value : null;
      setPreview(planned);
    }
    const target = outPath.trim() || (planned && info.layout !== 'folder' ? `exports/${planned.file}` : '');
    let jobId: string | null = null;
    const result = await runExport({ ...options, outPath: target }, (done, total) => setProgress({ done, total }), (id) => (jobId = id));
    setRunning(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setReport(result.value);
    // The browser version also hands the files to the browser's downloads (several as one zip).
    if (!isElectron() && jobId) {
      const downloaded = await downloadExport(jobId, result.value);
      setDownload(downloaded.ok ? { name: downloaded.name } : { error: downloaded.message });
    }
  };
  const defaultPath = project ? `${project.path}/exports/<project>-<time>${info.layout === 'folder' ? '-brat/' : info.extension}` : 'the project’s exports folder';
  return (
    <Dialog title="Export annotations" testId="export-dialog" wide>
      <form className="form-grid export-form" onSubmit={submit}>
        <label htmlFor="export-format">Format</label>
        <select id="export-format" name="format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_INFO[f].title}
            </option>
          ))}
        </select>
        <label htmlFor="export-unit">Offsets</label>
        <select
          id="export-unit"
          name="unit"
          value={unitChoice ?? 'none'}
          disabled={info.fixedUnit}
          onChange={(e) => setUnit(e.target.value as OffsetUnit)}
          title={info.fixedUnit ? 'This format’s readers expect this unit.' : undefined}
        >
          {unitChoice === null ? <option value="none">None: one token per line</option> : null}
          {(['codepoint', 'utf16'] as const).map((u) => (
            <option key={u} value={u}>
              {UNIT_LABELS[u]}
            </option>
          ))}
        </select>
        <label htmlFor="export-scope">Documents</label>
        <select id="export-scope" name="scope" value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
          <option value="done">Only documents marked done</option>
          <option value="all">All documents</option>
          <option value="in_progress">Only documents in progress</option>
          <option value="todo">Only documents not started</option>
        </select>
        <label htmlFor="export-annotators">Annotations of</label>
        <select id="export-annotators" name="annotators" value={whose} onChange={(e) => setWhose(e.target.value as typeof whose)}>
          {project?.hasGold || whose === 'gold' ? <option value="gold">Gold (adjudicated)</option> : null}
          <option value="me">Me ({project?.annotator ?? 'current annotator'})</option>
          <option value="all">Every annotator (one record per document per annotator)</option>
        </select>
        {format === 'conll' && (
          <>
            <label htmlFor="export-scheme">Tags</label>
            <select id="export-scheme" name="conllScheme" value={scheme} onChange={(e) => setScheme(e.target.value as ConllScheme)}>
              <option value="iob2">IOB2 (B-, I-, O)</option>
              <option value="bioes">BIOES (B-, I-, E-, S-, O)</option>
            </select>
            <label htmlFor="export-overlap">Nested spans</label>
            <select id="export-overlap" name="overlapPolicy" value={overlap} onChange={(e) => setOverlap(e.target.value as OverlapPolicy)}>
              <option value="longest-wins">One tag column: longest span wins (others counted as dropped)</option>
              <option value="per-label-columns">One tag column per label (keeps nesting across labels)</option>
            </select>
          </>
        )}
        <label htmlFor="export-split">Split</label>
        <label className="checkbox-line">
          <input id="export-split" type="checkbox" name="split" checked={splitOn} onChange={(e) => setSplitOn(e.target.checked)} /> train / dev / test by whole documents
        </label>
        {splitOn && (
          <div className="form-wide split-options">
            {(['train', 'dev', 'test'] as const).map((k) => (
              <label key={k}>
                {k}{' '}
                <input name={`split-${k}`} inputMode="decimal" size={4} value={ratios[k]} onChange={(e) => setRatios({ ...ratios, [k]: e.target.value })} />
              </label>
            ))}
            <label>
              seed <input name="seed" inputMode="numeric" size={8} value={seed} onChange={(e) => setSeed(e.target.value)} />
            </label>
            <label>
              keep together by{' '}
              <select name="groupBy" value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupByField | '')}>
                <option value="">(nothing)</option>
                {GROUP_BY_FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
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
          Leave empty to write into the project’s exports folder. {info.layout === 'folder' ? 'brat writes a folder.' : ''} A dataset card (README) is written beside the data.
        </p>
        <div className="form-wide export-preview" data-testid="export-preview">
          <p className="muted">
            {preview ? `First record of ${preview.records} (${preview.file}):` : previewError ? 'Preview unavailable:' : 'Preview…'}
          </p>
          {preview ? (
            <pre tabIndex={0} role="region" aria-label={`Preview of ${preview.file}`} dir="auto">
              {preview.text}
            </pre>
          ) : previewError ? <p className="form-error">{previewError}</p> : null}
        </div>
        {running && progress && (
          <div className="form-wide">
            <progress data-testid="export-progress" max={Math.max(progress.total, 1)} value={progress.done} />{' '}
            <span className="muted">
              {progress.done} / {progress.total || '…'} documents
            </span>
          </div>
        )}
        {problems && (
          <div className="export-problems form-wide" data-testid="export-problems" role="alert">
            <p>
              <strong>
                {problems.length} {problems.length === 1 ? 'problem' : 'problems'}
              </strong>{' '}
              in what this export holds. Fix them, or export anyway.
            </p>
            <ul>
              {problems.slice(0, 200).map((p) => (
                <li key={`${p.annotator}:${p.docId}:${p.spanId}:${p.kind}`} data-testid="export-problem" data-kind={p.kind} data-doc-id={p.docId} data-span-id={p.spanId}>
                  <span className="muted">{p.title || p.docId}:</span> {p.message}{' '}
                  <button type="button" data-testid="export-problem-jump" onClick={() => void jumpToSpan(p.docId, p.spanId)}>
                    Jump to
                  </button>
                </li>
              ))}
            </ul>
            {problems.length > 200 && <p className="muted">… and {problems.length - 200} more.</p>}
            <div className="button-row">
              <button type="button" data-testid="export-anyway" onClick={() => void submit(null, true)}>
                Export anyway
              </button>
            </div>
          </div>
        )}
        {error && (
          <p className="form-error form-wide" role="alert">
            {error}
          </p>
        )}
        {report && (
          <div className="export-result form-wide" data-testid="export-result" role="status">
            <p>
              Exported {report.documents} {report.documents === 1 ? 'document' : 'documents'} with {report.spans} {report.spans === 1 ? 'span' : 'spans'} (
              {report.unit === 'none' ? 'token tags, no offsets' : report.unit === 'codepoint' ? 'code point offsets' : 'UTF-16 offsets'}) to
            </p>
            <code className="path">{report.path}</code>
            {download && (
              <p data-testid="export-download" className={'error' in download ? 'form-error' : undefined}>
                {'error' in download ? `Not downloaded: ${download.error}` : `Also downloaded to this browser as ${download.name}.`}
              </p>
            )}
            {report.splits && (
              <p>
                Splits: train {report.splits.train}, dev {report.splits.dev}, test {report.splits.test} documents.
              </p>
            )}
            {report.dropped?.map((d) => (
              <p key={d.policy} data-testid={`export-dropped-${d.policy}`}>
                {d.chosen ? 'Dropped' : 'Would drop'} with {OVERLAP_POLICY_NAMES[d.policy] ?? d.policy}: {d.total} {d.total === 1 ? 'span' : 'spans'}
                {d.total > 0 ? ` (${Object.entries(d.byLabel).map(([l, n]) => `${project?.labels.find((x) => x.id === l)?.name ?? l} ${n}`).join(', ')})` : ''}
              </p>
            ))}
            {report.notices.length > 0 && (
              <ul className="export-notices" data-testid="export-notices" aria-label="What this export does not carry">
                {report.notices.map((n) => (
                  <li key={n.kind} data-testid="export-notice" data-kind={n.kind}>
                    {n.message}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted">Files written:</p>
            <ul className="export-files">
              {report.files.map((f) => (
                <li key={f}>
                  <code className="path">{f}</code>
                </li>
              ))}
            </ul>
            <p className="muted">
              {report.format === 'jsonl' ? 'Description of the file' : 'Dataset card'}: <code className="path">{report.sidecarPath}</code>
            </p>
          </div>
        )}
        <div className="button-row form-wide dialog-footer">
          <button type="submit" className="primary" data-testid="export-run" disabled={running}>
            {running ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
