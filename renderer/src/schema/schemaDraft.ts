import type { AttributeDef, LabelDef } from '../../../shared/model/schemas';
import type { SchemaRenames } from '../../../shared/model/schemaEdits';
import { keyedRecord } from '../../../shared/model/keyed';

/** Draft rows remember the id they had in project.json (null: new), so renames can be migrated. */
export type DraftAttr = AttributeDef & { key: string; origId: string | null };
export type DraftLabel = Omit<LabelDef, 'attributes'> & { key: string; origId: string | null; attributes: DraftAttr[] };

let nextKey = 1;
export const newKey = () => `k${nextKey++}`;

export const toDraft = (labels: readonly LabelDef[]): DraftLabel[] =>
  labels.map((l) => ({ ...l, hotkeys: [...l.hotkeys], key: newKey(), origId: l.id, attributes: l.attributes.map((a) => ({ ...a, key: newKey(), origId: a.id })) }));

export const fromDraft = (labels: readonly DraftLabel[]): LabelDef[] =>
  labels.map(({ key: _k, origId: _o, attributes, ...l }) => ({ ...l, attributes: attributes.map(({ key: _ak, origId: _ao, ...a }) => a as AttributeDef) }));

export function renamesOf(labels: readonly DraftLabel[]): SchemaRenames {
  const renames: SchemaRenames = { labels: keyedRecord(), attributes: keyedRecord() };
  for (const l of labels) {
    if (l.origId === null) continue;
    if (l.origId !== l.id) renames.labels[l.origId] = l.id;
    for (const a of l.attributes) {
      if (a.origId !== null && a.origId !== a.id) (renames.attributes[l.id] ??= keyedRecord())[a.origId] = a.id;
    }
  }
  return renames;
}

/** One item of a list moved up (-1) or down (1); the list as it was at either end. */
export const move = <T,>(list: readonly T[], i: number, d: -1 | 1): T[] => {
  const j = i + d;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
};
