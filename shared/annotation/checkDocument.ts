import type { LabelDef, Relation, RelationType, Span } from '../model/schemas';
import { ownValue } from '../model/keyed';

/**
 * The check before an export: what a dataset consumer would trip over. A claim nobody is said to
 * have made (no `attributed_to` relation), a number without its normalised value, a required
 * attribute left empty. Pure: the service runs it over the documents an export would hold.
 */
export type ExportProblemKind = 'claim-without-claimant' | 'number-without-value' | 'required-attribute-empty';

export interface ExportProblem {
  docId: string;
  /** The document's title, for the list. */
  title: string;
  annotator: string;
  spanId: string;
  /** The span's text, shortened. */
  quote: string;
  kind: ExportProblemKind;
  message: string;
}

/** The relation type that names who made a claim. */
export const CLAIMANT_RELATION = 'attributed_to';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

export interface CheckInput {
  docId: string;
  title: string;
  annotator: string;
  text: string;
  spans: readonly Span[];
  relations: readonly Relation[];
  labels: readonly LabelDef[];
  relationTypes: readonly RelationType[];
}

/** The problems of one document, in text order. */
export function checkDocument(input: CheckInput): ExportProblem[] {
  const { spans, relations, labels, relationTypes } = input;
  const byId = new Map(labels.map((l) => [l.id, l]));
  const claimant = relationTypes.find((t) => t.id === CLAIMANT_RELATION);
  const problems: ExportProblem[] = [];
  for (const s of spans) {
    const label = byId.get(s.label);
    const base = { docId: input.docId, title: input.title, annotator: input.annotator, spanId: s.id, quote: shorten(input.text.slice(s.start, s.end)) };
    const where = `“${base.quote}”`;
    // Only where the project has the relation type and claims may be its source.
    if (claimant && claimant.from.includes(s.label) && s.label === 'claim') {
      if (!relations.some((r) => r.type === CLAIMANT_RELATION && r.from === s.id)) {
        problems.push({ ...base, kind: 'claim-without-claimant', message: `The claim ${where} has no claimant: link it to an actor with “${claimant.name}” (select it, press R).` });
      }
    }
    for (const attr of label?.attributes ?? []) {
      const value = ownValue(s.attributes, attr.id);
      if (!isEmpty(value)) continue;
      if (s.label === 'number' && attr.id === 'value') {
        problems.push({ ...base, kind: 'number-without-value', message: `The number ${where} has no value: type the figure it stands for.` });
      } else if (attr.required) {
        problems.push({ ...base, kind: 'required-attribute-empty', message: `The ${label?.name ?? s.label} ${where} has no ${attr.name}, which is required.` });
      }
    }
  }
  return problems;
}
