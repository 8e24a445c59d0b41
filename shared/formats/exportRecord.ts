import type { LabelDef, RelationType } from '../model/schemas';
import { createOffsetConverter } from '../text/offsets';
import type { ExportDocument } from './exportJsonl';
import type { ConllScheme, OffsetUnit, OverlapPolicy, SplitName } from './exportOptions';
import { ownValue } from '../model/keyed';

/**
 * What every format adapter receives: one document as one annotator left it (text, status,
 * spans in stored UTF-16 offsets), and the split it was assigned to. Adapters are pure: they turn
 * one record (or a file's header / footer) into text, so the exporter can stream a project of
 * any size one document at a time.
 */
export interface ExportRecord extends ExportDocument {
  split: SplitName | null;
}

export interface ExportSettings {
  /** null for formats without character offsets (CoNLL). */
  unit: OffsetUnit | null;
  labels: readonly LabelDef[];
  /** The project's relation types (directions, names); absent: none. */
  relationTypes?: readonly RelationType[];
  projectName: string;
  factmarkVersion: string;
  createdAt: string;
  conllScheme: ConllScheme;
  overlapPolicy: OverlapPolicy;
}

/** Spans a token-level format could not keep, by label. */
export type DropCounts = Record<string, number>;

/** UTF-16 offset -> the export unit. */
export function offsetMapper(text: string, unit: OffsetUnit | null): (utf16: number) => number {
  if (unit !== 'codepoint') return (u) => u;
  const converter = createOffsetConverter(text);
  return (u) => converter.toCodePoint(u);
}

export function addCounts(into: DropCounts, more: DropCounts): void {
  for (const [label, n] of Object.entries(more)) into[label] = (ownValue(into, label) ?? 0) + n;
}

/** Label ids in project order, then any label found on spans but no longer in the project. */
export function labelOrder(labels: readonly LabelDef[], extra: Iterable<string> = []): string[] {
  const ids = labels.map((l) => l.id);
  for (const id of extra) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** A URI-safe slug for identifiers built from names. */
export const uriPart = (s: string) => encodeURIComponent(s);
