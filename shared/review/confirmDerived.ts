import { validateRelations } from '../annotation/relations';
import type { AnnotationFile, AttributeValue, ProjectFile, Relation, Span } from '../model/schemas';
import { attributeProblem } from '../model/schemaEdits';
import type { NumberField, ReviewClaim } from './types';

/**
 * What confirming a claim's derived values writes into the annotator's file (operation
 * confirmDerivedValues): each derived Number field becomes the span's attribute of that id
 * (value, approx, value_max, unit, quantity), and each derived claimant an `attributed_to`
 * relation from the claim to the actor (and to its other names in the frame). Only what the
 * project's schema allows is written (an attribute the Number label has, a choice among its
 * options, a relation type that joins a claim to an actor); the rest is reported, never forced.
 * A value the annotator set meanwhile is kept. Pure: the service reads and writes the files.
 */
export interface ConfirmOutcome {
  file: AnnotationFile;
  numbers: number;
  relations: number;
  /** Why a derived value was not written, one sentence each. */
  skipped: string[];
}

const FIELD_VALUE: Record<NumberField, (n: ReviewClaim['numbers'][number]) => AttributeValue | null> = {
  value: (n) => n.value,
  approx: (n) => n.approx,
  value_max: (n) => n.valueMax,
  unit: (n) => n.unit,
  quantity: (n) => n.quantity,
};

export const ATTRIBUTED_TO = 'attributed_to';

export function confirmDerivedValues(file: AnnotationFile, project: ProjectFile, claims: readonly ReviewClaim[], now: string, newId: () => string): ConfirmOutcome {
  const labels = new Map(project.labels.map((l) => [l.id, l]));
  const spans: Span[] = file.spans.map((s) => ({ ...s, ...(s.attributes ? { attributes: { ...s.attributes } } : {}) }));
  const byId = new Map(spans.map((s) => [s.id, s]));
  const relations: Relation[] = [...(file.relations ?? [])];
  const skipped: string[] = [];
  let numbers = 0;
  let added = 0;
  const relationType = project.relationTypes.find((t) => t.id === ATTRIBUTED_TO);
  for (const claim of claims) {
    for (const n of claim.numbers) {
      const span = byId.get(n.spanId);
      if (!span || n.derived.length === 0) continue;
      const label = labels.get(span.label);
      const attributes = { ...(span.attributes ?? {}) };
      let changed = false;
      for (const field of n.derived) {
        const value = FIELD_VALUE[field](n);
        if (value === null || attributes[field] !== undefined) continue;
        const problem = attributeProblem(label, { [field]: value });
        if (problem) {
          skipped.push(`"${n.quote}": ${problem}.`);
          continue;
        }
        attributes[field] = value;
        changed = true;
      }
      if (changed) {
        span.attributes = attributes;
        span.updatedAt = now;
        numbers++;
      }
    }
    const derived = claim.claimants.filter((c) => c.derived);
    if (derived.length === 0) continue;
    if (!relationType) {
      skipped.push(`The project has no "${ATTRIBUTED_TO}" relation type, so "${claim.text.slice(0, 60)}" cannot be linked to its claimants.`);
      continue;
    }
    for (const c of derived) {
      for (const to of [c.spanId, ...(c.aliases ?? []).map((a) => a.spanId)]) {
        if (relations.some((r) => r.type === ATTRIBUTED_TO && r.from === claim.spanId && r.to === to)) continue;
        const candidate: Relation = { id: newId(), type: ATTRIBUTED_TO, from: claim.spanId, to, createdAt: now, updatedAt: now };
        const problem = validateRelations(spans, [...relations, candidate], project.relationTypes, (file.relations ?? []).map((r) => r.type));
        if (problem) {
          skipped.push(`"${claim.text.slice(0, 60)}" → ${byId.get(to)?.quote ?? to}: ${problem}`);
          continue;
        }
        relations.push(candidate);
        added++;
      }
    }
  }
  return { file: { ...file, spans, relations, updatedAt: now }, numbers, relations: added, skipped };
}
