import type { AnnotationFile, AttributeDef, AttributeValue, LabelDef, ProjectFile, Relation, RelationType, Span } from './schemas';
import { describeZodError, projectFileSchema } from './schemas';
import { sortSpans } from '../annotation/operations';
import { parseNumber } from '../annotation/parseNumber';
import { ownValue } from './keyed';

/**
 * Changing a project's label schema (the Schema screen, `previewSchemaChange` /
 * `applySchemaChange`): check a proposed schema, then carry every annotation file over to it so
 * that nothing is left pointing at a label, attribute or relation type that does not exist.
 * Pure: the service reads and writes the files.
 */
export interface LabelSchema {
  labels: LabelDef[];
  relationTypes: RelationType[];
}

/**
 * Ids that change meaning-preservingly: `labels` old id -> new id; `attributes` keyed by the
 * label's NEW id, old attribute id -> new attribute id. Anything else that disappears is deleted.
 */
export interface SchemaRenames {
  labels: Record<string, string>;
  attributes: Record<string, Record<string, string>>;
}

export const NO_RENAMES: SchemaRenames = { labels: {}, attributes: {} };

/** Keys the app already uses for other things: a label may not take them as hotkeys. */
export const RESERVED_HOTKEYS = ['?', '[', ']', ' '] as const;

/** Why a proposed schema cannot be saved: sentences naming the label or attribute. Empty: fine. */
export function schemaProblems(schema: LabelSchema): string[] {
  const problems: string[] = [];
  const parsed = projectFileSchema.safeParse({ schemaVersion: 1, name: 'check', labels: schema.labels, relationTypes: schema.relationTypes });
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 5)) problems.push(issueSentence(schema, issue.path, issue.message));
    if (problems.length === 0) problems.push(describeZodError(parsed.error));
  }
  for (const l of schema.labels) {
    for (const k of l.hotkeys) {
      if ((RESERVED_HOTKEYS as readonly string[]).includes(k)) problems.push(`${l.name}: the key "${k}" is already used by the app; choose another hotkey.`);
    }
    for (const a of l.attributes ?? []) {
      if ((a.type === 'choice' || a.type === 'multi') && new Set(a.options).size !== a.options.length) {
        problems.push(`${l.name} › ${a.name}: an option is listed twice.`);
      }
      if (a.type === 'choice' && a.default !== undefined && !a.options.includes(a.default)) {
        problems.push(`${l.name} › ${a.name}: the default "${a.default}" is not one of the options.`);
      }
      if (a.type === 'multi' && a.default?.some((d) => !a.options.includes(d))) {
        problems.push(`${l.name} › ${a.name}: a default is not one of the options.`);
      }
    }
  }
  return [...new Set(problems)];
}

/** A zod issue, said with the label's name rather than an array index. */
function issueSentence(schema: LabelSchema, path: PropertyKey[], message: string): string {
  const [area, index, ...rest] = path;
  if (area === 'labels' && typeof index === 'number') {
    const label = schema.labels[index];
    const who = label?.name || label?.id || `Label ${index + 1}`;
    if (rest[0] === 'attributes' && typeof rest[1] === 'number') {
      const attr = label?.attributes?.[rest[1]];
      return `${who} › ${attr?.name || attr?.id || `attribute ${rest[1] + 1}`}: ${rest.slice(2).join('.') ? `${rest.slice(2).join('.')}: ` : ''}${message}`;
    }
    return `${who}: ${rest.length ? `${rest.join('.')}: ` : ''}${message}`;
  }
  if (area === 'relationTypes' && typeof index === 'number') {
    const rt = schema.relationTypes[index];
    return `Relation ${rt?.name || rt?.id || index + 1}: ${rest.length ? `${rest.join('.')}: ` : ''}${message}`;
  }
  return path.length ? `${path.join('.')}: ${message}` : message;
}

/** What a change does, before any file is read. */
export interface SchemaPlan {
  /** Old label id -> new label id (unchanged ids map to themselves); deleted labels are absent. */
  labelMap: Map<string, string>;
  deletedLabels: string[];
  addedLabels: string[];
  /** New label id -> its attributes' old id -> new id (deleted attributes absent). */
  attributeMaps: Map<string, Map<string, string>>;
  /** The new schema's label definitions by id. */
  newLabels: Map<string, LabelDef>;
  newRelationTypes: Map<string, RelationType>;
}

export type PlanResult = { ok: true; plan: SchemaPlan } | { ok: false; problems: string[] };

/** Check renames against both schemas and work out what is kept, renamed and deleted. */
export function planSchemaChange(before: LabelSchema, after: LabelSchema, renames: SchemaRenames = NO_RENAMES): PlanResult {
  const problems = schemaProblems(after);
  const oldIds = new Set(before.labels.map((l) => l.id));
  const newIds = new Set(after.labels.map((l) => l.id));
  const labelMap = new Map<string, string>();
  const targets = new Set<string>();
  for (const [from, to] of Object.entries(renames.labels)) {
    if (from === to) continue;
    if (!oldIds.has(from)) problems.push(`The label "${from}" to rename is not in the project.`);
    else if (!newIds.has(to)) problems.push(`The label "${from}" is renamed to "${to}", which the new schema does not have.`);
    else if (targets.has(to)) problems.push(`Two labels are renamed to "${to}".`);
    else if (oldIds.has(to) && ownValue(renames.labels, to) === undefined) problems.push(`"${from}" cannot be renamed to "${to}": that label already exists.`);
    else {
      labelMap.set(from, to);
      targets.add(to);
    }
  }
  for (const id of oldIds) {
    if (!labelMap.has(id) && newIds.has(id) && !targets.has(id)) labelMap.set(id, id);
  }
  const deletedLabels = [...oldIds].filter((id) => !labelMap.has(id));
  const mappedTo = new Set(labelMap.values());
  const addedLabels = [...newIds].filter((id) => !mappedTo.has(id));

  const oldLabels = new Map(before.labels.map((l) => [l.id, l]));
  const newLabels = new Map(after.labels.map((l) => [l.id, l]));
  const attributeMaps = new Map<string, Map<string, string>>();
  for (const [from, to] of labelMap) {
    const oldAttrs = new Set((oldLabels.get(from)?.attributes ?? []).map((a) => a.id));
    const newAttrs = new Set((newLabels.get(to)?.attributes ?? []).map((a) => a.id));
    const map = new Map<string, string>();
    const attrTargets = new Set<string>();
    for (const [a, b] of Object.entries(ownValue(renames.attributes, to) ?? {})) {
      if (a === b) continue;
      const where = newLabels.get(to)?.name ?? to;
      if (!oldAttrs.has(a)) problems.push(`${where}: the attribute "${a}" to rename does not exist.`);
      else if (!newAttrs.has(b)) problems.push(`${where}: the attribute "${a}" is renamed to "${b}", which the new schema does not have.`);
      else if (attrTargets.has(b)) problems.push(`${where}: two attributes are renamed to "${b}".`);
      else {
        map.set(a, b);
        attrTargets.add(b);
      }
    }
    for (const a of oldAttrs) if (!map.has(a) && newAttrs.has(a) && !attrTargets.has(a)) map.set(a, a);
    attributeMaps.set(to, map);
  }
  for (const to of Object.keys(renames.attributes)) {
    if (!newLabels.has(to)) problems.push(`Attributes are renamed on "${to}", which the new schema does not have.`);
  }
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  return {
    ok: true,
    plan: { labelMap, deletedLabels, addedLabels, attributeMaps, newLabels, newRelationTypes: new Map(after.relationTypes.map((r) => [r.id, r])) },
  };
}

/** Whether `value` fits `def` (type, options). */
export function valueFits(def: AttributeDef, value: AttributeValue): boolean {
  switch (def.type) {
    case 'choice':
      return typeof value === 'string' && def.options.includes(value);
    case 'multi':
      return Array.isArray(value) && value.every((v) => def.options.includes(v)) && new Set(value).size === value.length;
    case 'text':
    case 'entity':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** Why a span's attribute values do not fit its label's definitions, or null. */
export function attributeProblem(label: LabelDef | undefined, values: Record<string, AttributeValue> | undefined): string | null {
  if (!values) return null;
  const defs = new Map((label?.attributes ?? []).map((a) => [a.id, a]));
  for (const [id, value] of Object.entries(values)) {
    const def = defs.get(id);
    if (!def) return `the label ${label?.name ?? '(unknown)'} has no attribute "${id}"`;
    if (!valueFits(def, value)) return `${def.name} ${describeExpected(def)}, not ${JSON.stringify(value)}`;
  }
  return null;
}

function describeExpected(def: AttributeDef): string {
  switch (def.type) {
    case 'choice':
      return `must be one of ${def.options.map((o) => `"${o}"`).join(', ')}`;
    case 'multi':
      return `must be a list of distinct options among ${def.options.map((o) => `"${o}"`).join(', ')}`;
    case 'text':
      return 'must be text';
    case 'entity':
      return 'must be an entity id';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
  }
}

/** The required attributes a span has no value for (names, in schema order). */
export function missingRequired(label: LabelDef | undefined, values: Record<string, AttributeValue> | undefined): string[] {
  return (label?.attributes ?? [])
    .filter((a) => a.required)
    .filter((a) => {
      const v = ownValue(values, a.id);
      return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    })
    .map((a) => a.name);
}

/** The values a new span of `label` starts with: each attribute's default. */
export function defaultAttributes(label: LabelDef | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const a of label?.attributes ?? []) {
    if (a.type !== 'entity' && a.default !== undefined) out[a.id] = Array.isArray(a.default) ? [...a.default] : a.default;
  }
  return out;
}

export interface FileMigration {
  file: AnnotationFile;
  changed: boolean;
  spansRemoved: number;
  relationsRemoved: number;
  valuesRemoved: number;
  /** Spans whose label the schema renamed. */
  spansRelabelled: number;
}

/** Carry one annotation file over to the new schema (a pure function of the file and the plan). */
export function migrateAnnotationFile(file: AnnotationFile, plan: SchemaPlan): FileMigration {
  let changed = false;
  let spansRemoved = 0;
  let valuesRemoved = 0;
  let spansRelabelled = 0;
  const deleted = new Set(plan.deletedLabels);

  const migrateSpans = (spans: readonly Span[]): Span[] => {
    const out: Span[] = [];
    for (const s of spans) {
      if (deleted.has(s.label)) {
        spansRemoved++;
        changed = true;
        continue;
      }
      const label = plan.labelMap.get(s.label);
      // A label unknown to the old schema too is not this change's to touch.
      if (label === undefined) {
        out.push(s);
        continue;
      }
      const next: Span = { ...s, label };
      if (label !== s.label) {
        spansRelabelled++;
        changed = true;
      }
      if (s.attributes) {
        const def = plan.newLabels.get(label);
        const defs = new Map((def?.attributes ?? []).map((a) => [a.id, a]));
        const map = plan.attributeMaps.get(label) ?? new Map<string, string>();
        const values: Record<string, AttributeValue> = {};
        for (const [id, value] of Object.entries(s.attributes)) {
          const to = map.get(id);
          const target = to === undefined ? undefined : defs.get(to);
          if (to === undefined || !target || !valueFits(target, value)) {
            valuesRemoved++;
            changed = true;
            continue;
          }
          if (to !== id) changed = true;
          values[to] = value;
        }
        delete next.attributes;
        if (Object.keys(values).length > 0) next.attributes = values;
      }
      out.push(next);
    }
    return out;
  };

  // The label is part of the canonical order, so a renamed label may move a span.
  const spans = sortSpans(migrateSpans(file.spans));
  const spanLabels = new Map(spans.map((s) => [s.id, s.label]));
  let relationsRemoved = 0;
  const relations: Relation[] = [];
  for (const r of file.relations ?? []) {
    const type = plan.newRelationTypes.get(r.type);
    const from = spanLabels.get(r.from);
    const to = spanLabels.get(r.to);
    const fits =
      type !== undefined &&
      from !== undefined &&
      to !== undefined &&
      ((type.from.includes(from) && type.to.includes(to)) || (!type.directed && type.from.includes(to) && type.to.includes(from)));
    if (fits) relations.push(r);
    else {
      relationsRemoved++;
      changed = true;
    }
  }
  const next: AnnotationFile = { ...file, spans };
  delete next.relations;
  if (relations.length > 0) next.relations = relations;
  // Orphans are spans waiting to be placed: migrated, and counted, like the others.
  if (file.orphans) next.orphans = sortSpans(migrateSpans(file.orphans));
  return { file: next, changed, spansRemoved, relationsRemoved, valuesRemoved, spansRelabelled };
}

/** The schema part of a project file. */
export const schemaOf = (p: ProjectFile): LabelSchema => ({ labels: p.labels, relationTypes: p.relationTypes });

/**
 * Check the attribute values of spans arriving in a save against their labels' definitions; the
 * first problem as a sentence naming the span, or null. Spans of a label the project no longer
 * has are not checked (their label is kept as it was, see the service's allowedLabels), nor values
 * a span already had on disk (project.json edited by hand must not make a document unsaveable).
 */
export function spansAttributeProblem(
  labels: readonly LabelDef[],
  spans: readonly { id: string; label: string; attributes?: Record<string, AttributeValue> | undefined }[],
  stored: readonly { id: string; label: string; attributes?: Record<string, AttributeValue> | undefined }[] = [],
): string | null {
  const byId = new Map(labels.map((l) => [l.id, l]));
  const before = new Map(stored.map((s) => [s.id, s]));
  for (const [i, s] of spans.entries()) {
    const label = byId.get(s.label);
    if (!label || !s.attributes) continue;
    const old = before.get(s.id);
    const changed = Object.fromEntries(
      Object.entries(s.attributes).filter(([k, v]) => old?.label !== s.label || JSON.stringify(ownValue(old.attributes, k)) !== JSON.stringify(v)),
    );
    const problem = attributeProblem(label, changed);
    if (problem) return `Span ${i + 1} (id ${s.id}, ${label.name}): ${problem}.`;
  }
  return null;
}

/** What applying a schema change does (or did) to the project's files. */
export interface SchemaChangeSummary {
  /** Problems with the proposed schema itself: nothing can be applied while there are any. */
  schemaProblems: string[];
  /** Annotation files (every annotator's) that change, plus project.json when the schema does. */
  filesTouched: number;
  /** Those files, relative to the project folder. */
  files: string[];
  spansRemoved: number;
  spansRelabelled: number;
  relationsRemoved: number;
  valuesRemoved: number;
  /** Labels the change deletes, with how many spans (all annotators) each had. */
  deletedLabels: { id: string; name: string; spans: number }[];
  /** Files that could not be read and were left as they are. */
  problems: string[];
  /** True when the change removes anything: applying it needs the user's confirmation. */
  needsConfirmation: boolean;
}

/** "12 spans (Actor: 12), 3 relations and 2 attribute values", for confirmations. */
export function describeRemovals(s: Pick<SchemaChangeSummary, 'spansRemoved' | 'relationsRemoved' | 'valuesRemoved' | 'deletedLabels'>): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  const labels = s.deletedLabels.map((l) => `${l.name}: ${l.spans}`).join(', ');
  if (s.spansRemoved > 0 || s.deletedLabels.length > 0) parts.push(`${plural(s.spansRemoved, 'span', 'spans')}${labels ? ` (${labels})` : ''}`);
  if (s.relationsRemoved > 0) parts.push(plural(s.relationsRemoved, 'relation', 'relations'));
  if (s.valuesRemoved > 0) parts.push(plural(s.valuesRemoved, 'attribute value', 'attribute values'));
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

/**
 * The values a new span of `label` over `quote` starts with: the label's defaults, and for a label
 * with a number `value` attribute (Number in the default schema), what parseNumber reads in the
 * quote, for each of its attributes that exists on the label and accepts the value.
 */
export function initialAttributes(label: LabelDef | undefined, quote: string): Record<string, AttributeValue> {
  const out = defaultAttributes(label);
  const defs = new Map((label?.attributes ?? []).map((a) => [a.id, a]));
  if (defs.get('value')?.type !== 'number') return out;
  const parsed = parseNumber(quote);
  if (parsed.value === undefined) return out;
  for (const [id, value] of Object.entries(parsed) as [string, AttributeValue][]) {
    const def = defs.get(id);
    if (def && valueFits(def, value)) out[id] = value;
    else if (def?.type === 'text' && typeof value === 'string') out[id] = value;
  }
  return out;
}

/** A span's values carried to another label: those that fit it, plus its defaults for the rest. */
export function attributesForLabel(label: LabelDef | undefined, values: Record<string, AttributeValue> | undefined): Record<string, AttributeValue> {
  const out = defaultAttributes(label);
  const defs = new Map((label?.attributes ?? []).map((a) => [a.id, a]));
  for (const [id, value] of Object.entries(values ?? {})) {
    const def = defs.get(id);
    if (def && valueFits(def, value)) out[id] = value;
  }
  return out;
}
