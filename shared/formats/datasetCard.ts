import type { LabelDef } from '../model/schemas';
import { FORMAT_INFO, UNIT_DESCRIPTIONS, type ExportFormat, type OffsetUnit, type OverlapPolicy, type SplitName, type SplitOptions } from './exportOptions';
import type { ExportNotice } from './exportNotices';
import { labelOrder, type DropCounts } from './exportRecord';
import { ownValue } from '../model/keyed';

/**
 * The dataset card written beside every data file (`<file>.README.md`; brat: `README.md` in its
 * folder): what the data is, how it was made, how to read it and what it could not carry, so that
 * a file found months later still says its offset unit. Its first line (cardManifest.ts) records
 * the files it describes, so a later export knows which files it may replace.
 */
export interface CardSummary {
  format: ExportFormat;
  projectName: string;
  createdAt: string;
  factmarkVersion: string;
  unit: OffsetUnit | null;
  labels: readonly LabelDef[];
  scope: string;
  annotators: string[];
  /** The data file this card accompanies (null: brat's folder). */
  describes?: string | null;
  /** Data files of the whole export, relative to the card. */
  files: string[];
  /** Spans written per split ('all' without splits) and label. */
  spans: Record<string, Record<string, number>>;
  /** Documents (records) per split ('all' without splits), with their ids. */
  documents: Record<string, string[]>;
  split: SplitOptions | null;
  /** Token formats: spans each overlap policy drops (the chosen one first). */
  dropped: { policy: OverlapPolicy; chosen: boolean; byLabel: DropCounts }[] | null;
  /** What the format could not carry, or carried with a change (exportNotices.ts). Absent: not said. */
  notices?: readonly ExportNotice[];
  /** Format-specific notes: schema, columns, configs. */
  schema: string;
  /**
   * Spans of the exported documents that were suggested, then accepted (origin.format
   * 'suggestion'): by suggester (origin.file), then label. Left out: no such section.
   */
  suggested?: Record<string, Record<string, number>>;
}

/** Count suggested-then-accepted spans (origin.format 'suggestion') by suggester and label into `into`. */
export function countSuggested(
  into: Record<string, Record<string, number>>,
  spans: readonly { label: string; origin?: { format: string; file: string } }[],
): Record<string, Record<string, number>> {
  for (const s of spans) {
    if (s.origin?.format !== 'suggestion') continue;
    const per = (into[s.origin.file] ??= {});
    per[s.label] = (ownValue(per, s.label) ?? 0) + 1;
  }
  return into;
}

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export function datasetCard(s: CardSummary): string {
  const groups = Object.keys(s.documents);
  const labelIds = labelOrder(s.labels, groups.flatMap((g) => Object.keys(s.spans[g] ?? {})));
  const nameOf = (id: string) => s.labels.find((l) => l.id === id)?.name ?? id;
  const docCount = groups.reduce((n, g) => n + (s.documents[g]?.length ?? 0), 0);
  const spanCount = groups.reduce((n, g) => n + total(s.spans[g] ?? {}), 0);
  const lines: string[] = [
    `# ${s.projectName}: ${FORMAT_INFO[s.format].title}`,
    '',
    `Exported by Factmark ${s.factmarkVersion} on ${s.createdAt}.${s.describes ? ` This card describes \`${s.describes}\`.` : ''}`,
    '',
    table(
      ['', ''],
      [
        ['format', `\`${s.format}\` (${FORMAT_INFO[s.format].title})`],
        ['offset unit', UNIT_DESCRIPTIONS[s.unit ?? 'none']],
        ['documents', docCount],
        ['spans', spanCount],
        ['annotators', s.annotators.length ? s.annotators.join(', ') : '(none)'],
        ['scope', s.scope],
        ['files', s.files.map((f) => `\`${f}\``).join(', ')],
      ],
    ),
    '',
    '## Spans per label',
    '',
    table(
      ['label', 'id', ...groups, ...(groups.length > 1 ? ['total'] : [])],
      labelIds.map((id) => {
        const per = groups.map((g) => ownValue(ownValue(s.spans, g), id) ?? 0);
        return [nameOf(id), `\`${id}\``, ...per, ...(groups.length > 1 ? [per.reduce((a, b) => a + b, 0)] : [])];
      }),
    ),
    '',
  ];
  if (s.dropped) {
    lines.push('## Spans that a tag column cannot hold', '', 'Nested or overlapping spans cannot share one tag column. Spans each policy drops (chosen policy marked):', '');
    lines.push(
      table(
        ['policy', 'chosen', 'dropped', ...labelIds],
        s.dropped.map((d) => [`\`${d.policy}\``, d.chosen ? 'yes' : '', total(d.byLabel), ...labelIds.map((id) => ownValue(d.byLabel, id) ?? 0)]),
      ),
      '',
    );
  }
  if (s.notices) {
    lines.push('## What this export does not carry', '');
    if (s.notices.length === 0) lines.push('Every span, attribute value and relation of the exported annotations is in the file.', '');
    for (const n of s.notices) lines.push(`- ${n.message}`);
    if (s.notices.length > 0) lines.push('');
  }
  if (s.suggested) {
    const suggesters = Object.keys(s.suggested).sort();
    const accepted = suggesters.reduce((n, g) => n + total(s.suggested?.[g] ?? {}), 0);
    const byLabel = labelOrder(s.labels, suggesters.flatMap((g) => Object.keys(s.suggested?.[g] ?? {})));
    lines.push(
      '## Suggested, then accepted',
      '',
      `${accepted} span${accepted === 1 ? '' : 's'} of the exported documents ${accepted === 1 ? 'was' : 'were'} proposed by Factmark's offline suggesters and then accepted by an annotator (origin \`suggestion\`); the others were tagged by hand or imported.`,
      '',
    );
    if (suggesters.length > 0) {
      lines.push(
        table(
          ['suggester', ...byLabel.map(nameOf), 'total'],
          suggesters.map((g) => [`\`${g}\``, ...byLabel.map((id) => ownValue(ownValue(s.suggested, g), id) ?? 0), total(s.suggested?.[g] ?? {})]),
        ),
        '',
      );
    }
  }
  lines.push('## Splits', '');
  if (s.split) {
    const sp = s.split;
    lines.push(
      `Whole documents, ratios train ${sp.train} / dev ${sp.dev} / test ${sp.test}, seed ${sp.seed}${sp.groupBy ? `, grouped by \`${sp.groupBy}\` (documents sharing it are always in the same split)` : ''}. The same seed over the same documents gives the same split.`,
      '',
      table(['split', 'documents', 'spans'], groups.map((g) => [g, s.documents[g]?.length ?? 0, total(s.spans[g] ?? {})])),
      '',
    );
    for (const g of groups as SplitName[]) lines.push(`- **${g}**: ${(s.documents[g] ?? []).map((id) => `\`${id}\``).join(', ') || '(none)'}`);
    lines.push('');
  } else {
    lines.push('No split: every document is in one file.', '', `Documents: ${(s.documents.all ?? []).map((id) => `\`${id}\``).join(', ') || '(none)'}`, '');
  }
  lines.push('## Schema', '', s.schema.trim(), '');
  return lines.join('\n');
}
