import type { Relation, RelationType, Span } from '../model/schemas';

/**
 * Relations between spans (e.g. a claim attributed_to an actor), as pure functions over immutable
 * arrays like the span operations: the UI keeps `{spans, relations}` in its undo history, the
 * service re-checks what a save sends. Every refusal is a sentence the UI can show.
 */
export interface RelationDraft {
  type: string;
  from: string;
  to: string;
}

export type RelationOpResult = { ok: true; relations: Relation[]; relation: Relation } | { ok: false; message: string };

/** The annotations of one document that undo/redo covers together. */
export interface Annotations {
  spans: Span[];
  relations: Relation[];
}

const refuse = (message: string): RelationOpResult => ({ ok: false, message });
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The on-disk order of relations: by id. */
export function sortRelations(relations: readonly Relation[]): Relation[] {
  return [...relations].sort((a, b) => compareStrings(a.id, b.id));
}

/** Whether `type` may join a span labelled `fromLabel` to one labelled `toLabel` in that direction. */
function allowsDirected(type: RelationType, fromLabel: string, toLabel: string): boolean {
  return type.from.includes(fromLabel) && type.to.includes(toLabel);
}

/** Whether `type` may join the two labels, either way round for an undirected type. */
export function relationTypeAllows(type: RelationType, fromLabel: string, toLabel: string): boolean {
  return allowsDirected(type, fromLabel, toLabel) || (!type.directed && allowsDirected(type, toLabel, fromLabel));
}

/** The relation types that may join a span labelled `fromLabel` to one labelled `toLabel`. */
export function allowedRelationTypes(types: readonly RelationType[], fromLabel: string, toLabel: string): RelationType[] {
  return types.filter((t) => relationTypeAllows(t, fromLabel, toLabel));
}

/** Whether a span labelled `label` can be the source of any relation (so link mode makes sense). */
export function canStartRelation(types: readonly RelationType[], label: string): boolean {
  return types.some((t) => t.from.includes(label) || (!t.directed && t.to.includes(label)));
}

/** The spans a relation from `source` may point at: other spans some type accepts, not yet linked by all those types. */
export function relationTargets(spans: readonly Span[], relations: readonly Relation[], types: readonly RelationType[], source: Span): Span[] {
  return spans.filter(
    (s) => s.id !== source.id && allowedRelationTypes(types, source.label, s.label).some((t) => !findDuplicate(relations, t, source.id, s.id)),
  );
}

/** The same relation already there: same type and ends (either way round for an undirected type). */
function findDuplicate(relations: readonly Relation[], type: RelationType, from: string, to: string): Relation | undefined {
  return relations.find(
    (r) => r.type === type.id && ((r.from === from && r.to === to) || (!type.directed && r.from === to && r.to === from)),
  );
}

const nameOf = (labels: readonly { id: string; name: string }[], id: string) => labels.find((l) => l.id === id)?.name ?? id;

/** Add a relation for `draft`, checked against the project's relation types. Returns the new sorted array. */
export function addRelation(
  spans: readonly Span[],
  relations: readonly Relation[],
  draft: RelationDraft,
  relationTypes: readonly RelationType[],
  labels: readonly { id: string; name: string }[],
  id: string,
  now: string,
): RelationOpResult {
  const type = relationTypes.find((t) => t.id === draft.type);
  if (!type) return refuse(`The project has no relation type "${draft.type}".`);
  if (draft.from === draft.to) return refuse('A relation joins two different spans: pick another span as the target.');
  const from = spans.find((s) => s.id === draft.from);
  const to = spans.find((s) => s.id === draft.to);
  if (!from || !to) return refuse('One of the two spans no longer exists.');
  if (!relationTypeAllows(type, from.label, to.label)) {
    const allowed = `${type.from.map((l) => nameOf(labels, l)).join(' or ')} ${type.directed ? '→' : '–'} ${type.to.map((l) => nameOf(labels, l)).join(' or ')}`;
    return refuse(`"${type.name}" cannot join ${nameOf(labels, from.label)} → ${nameOf(labels, to.label)}; it joins ${allowed}.`);
  }
  if (findDuplicate(relations, type, from.id, to.id)) return refuse(`These two spans are already linked as "${type.name}".`);
  if (relations.some((r) => r.id === id)) return refuse(`A relation with id ${id} already exists.`);
  const relation: Relation = { id, type: type.id, from: from.id, to: to.id, createdAt: now, updatedAt: now };
  return { ok: true, relations: sortRelations([...relations, relation]), relation };
}

export function removeRelation(relations: readonly Relation[], id: string): Relation[] {
  return relations.filter((r) => r.id !== id);
}

/** Remove a span and every relation that touches it (a relation never points at a missing span). */
export function removeSpanWithRelations(annotations: Annotations, spanId: string): Annotations {
  return {
    spans: annotations.spans.filter((s) => s.id !== spanId),
    relations: annotations.relations.filter((r) => r.from !== spanId && r.to !== spanId),
  };
}

/**
 * After spans changed (a relabel): the relations whose types no longer accept their ends' labels
 * are dropped; those of types unknown to the project are kept as they are.
 */
export function keepFittingRelations(spans: readonly Span[], relations: readonly Relation[], relationTypes: readonly RelationType[]): Relation[] {
  const byId = new Map(spans.map((s) => [s.id, s]));
  return relations.filter((r) => {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (!from || !to) return false;
    const type = relationTypes.find((t) => t.id === r.type);
    return !type || relationTypeAllows(type, from.label, to.label);
  });
}

/** The relations touching a span, as the side panel lists them. */
export function relationsOfSpan(relations: readonly Relation[], spanId: string): Relation[] {
  return relations.filter((r) => r.from === spanId || r.to === spanId);
}

/**
 * Check relations arriving from outside (a save request) against the spans and the project's
 * relation types. Relations of a type no longer in project.json are kept if already stored
 * (`keptTypes`), like labels removed from the project. Returns the first problem, or null.
 */
export function validateRelations(
  spans: readonly { id: string; label: string }[],
  relations: readonly (RelationDraft & { id: string })[],
  relationTypes: readonly RelationType[],
  keptTypes: readonly string[] = [],
): string | null {
  const byId = new Map(spans.map((s) => [s.id, s]));
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const [i, r] of relations.entries()) {
    const which = `Relation ${i + 1} (id ${r.id})`;
    if (ids.has(r.id)) return `${which} has the same id as an earlier relation.`;
    ids.add(r.id);
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (!from) return `${which} starts at span "${r.from}", which is not in the document.`;
    if (!to) return `${which} points at span "${r.to}", which is not in the document.`;
    if (r.from === r.to) return `${which} joins a span to itself.`;
    const type = relationTypes.find((t) => t.id === r.type);
    if (!type) {
      if (!keptTypes.includes(r.type)) return `${which} has the type "${r.type}", which the project does not define.`;
    } else if (!relationTypeAllows(type, from.label, to.label)) {
      return `${which}: "${type.name}" cannot join a span labelled ${from.label} to one labelled ${to.label}.`;
    }
    const key = type && !type.directed ? [r.type, ...[r.from, r.to].sort()].join('\n') : [r.type, r.from, r.to].join('\n');
    if (seen.has(key)) return `${which} repeats an earlier relation.`;
    seen.add(key);
  }
  return null;
}
