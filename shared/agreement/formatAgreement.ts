import type { AgreementView } from './agreementView';
import type { AgreementFigures } from './projectAgreement';

/** A figure as printed: three decimals, "—" where the measure is undefined for the data. */
export const formatFigure = (v: number | null): string => (v === null ? '—' : (Math.abs(v) < 0.0005 ? 0 : v).toFixed(3));

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

const FIGURE_HEAD = ['spans', 'F1 exact', 'F1 overlap', 'kappa', 'alpha', 'alpha_U', 'attributes'];
const figureCells = (f: AgreementFigures) => [String(f.spans), formatFigure(f.f1Exact), formatFigure(f.f1Overlap), formatFigure(f.kappa), formatFigure(f.alpha), formatFigure(f.alphaU), formatFigure(f.attributes)];

/**
 * The agreement as text: the pairs (overall figures of each), the per-label figures of all the
 * annotators together, the pairwise matrix of overlap F1, and the documents with most disagreement.
 */
export function formatAgreement(view: AgreementView, maxDocuments = 10): string {
  const out: string[] = [];
  out.push(
    `Annotators: ${view.annotators.join(', ')}. Documents compared: ${view.all.documents} of ${view.totalDocuments} (${view.singleAnnotatorDocuments} with fewer than two of them).`,
  );
  if (view.skipped.length > 0) out.push(`Left out: ${view.skipped.length} annotation file(s): ${view.skipped.slice(0, 3).map((s) => `${s.annotator}/${s.docId} (${s.reason})`).join('; ')}${view.skipped.length > 3 ? '; …' : ''}`);
  out.push('', 'Pairs (all labels):');
  out.push(table(['pair', 'documents', ...FIGURE_HEAD], view.pairs.map((p) => [p.annotators.join(' – '), String(p.documents), ...figureCells(p.overall)])));
  if (view.annotators.length > 2) {
    out.push('', 'F1 overlap matrix:');
    const cell = (a: string, b: string) => {
      if (a === b) return '·';
      const p = view.pairs.find((x) => x.annotators.includes(a) && x.annotators.includes(b));
      return p ? formatFigure(p.overall.f1Overlap) : '—';
    };
    out.push(table(['', ...view.annotators], view.annotators.map((a) => [a, ...view.annotators.map((b) => cell(a, b))])));
  }
  out.push('', `Per label (${view.annotators.length > 2 ? 'all annotators: F1 and kappa over all pairs pooled, alpha and alpha_U over all at once' : 'the pair'}):`);
  out.push(table(['label', ...FIGURE_HEAD], [...view.labels.map((l) => [l, ...figureCells(view.all.labels[l]!)]), ['overall', ...figureCells(view.all.overall)]]));
  if (view.documents.length > 0) {
    out.push('', `Most disagreement (${Math.min(maxDocuments, view.documents.length)} of ${view.documents.length} documents):`);
    out.push(table(['document', 'annotators', 'unmatched', 'F1 exact', 'F1 overlap', 'kappa', 'alpha_U'], view.documents.slice(0, maxDocuments).map((d) => [d.docId, String(d.annotators.length), String(d.overall.unmatched), formatFigure(d.overall.f1Exact), formatFigure(d.overall.f1Overlap), formatFigure(d.overall.kappa), formatFigure(d.overall.alphaU)])));
  }
  out.push('', 'alpha: nominal alpha on tokens per label layer. alpha_U: Krippendorff\'s unitizing alpha (uα, 2016) on characters, units vs gaps per label; overall pools the layers (docs/agreement.md).');
  return `${out.join('\n')}\n`;
}
