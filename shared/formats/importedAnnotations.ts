import { sortSpans } from '../annotation/operations';
import { relationTypeAllows } from '../annotation/relations';
import type { AttributeDef, AttributeValue, LabelDef, Relation, RelationType, Span } from '../model/schemas';
import { valueFits } from '../model/schemaEdits';
import type { ImportedDocument } from './importTypes';

/**
 * An imported document's spans and relations as the project stores them: labels mapped onto the
 * project's (the user's decisions), attribute values checked against the label's attribute
 * definitions (and read the way the formats write them: "true", "12.5", "a, b", `at_least` for
 * "at least"), relation types matched by id or name and checked against the labels they join.
 * What cannot be carried is counted in `ImportLosses`, which says it in the import's warnings:
 * nothing is dropped in silence.
 */
export interface BuildOptions {
  /** The project's labels, including those the import adds. */
  labels: readonly LabelDef[];
  relationTypes: readonly RelationType[];
  /** The project label a file's label becomes; null while the user has not decided (inspection). */
  target: (label: string) => string | null;
  stamp: string;
  newId: () => string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** What an import could not carry, by reason, for one file. */
export class ImportLosses {
  private readonly attributes = new Map<string, number>();
  private readonly relations = new Map<string, number>();
  private repeatedSpans = 0;
  private repeatedRelations = 0;

  attribute(reason: string): void {
    this.attributes.set(reason, (this.attributes.get(reason) ?? 0) + 1);
  }

  relation(reason: string): void {
    this.relations.set(reason, (this.relations.get(reason) ?? 0) + 1);
  }

  repeatedSpan(): void {
    this.repeatedSpans++;
  }

  repeatedRelation(): void {
    this.repeatedRelations++;
  }

  /** The warnings for `file` (empty when everything was carried). */
  warnings(file: string): string[] {
    const out: string[] = [];
    const list = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .map(([reason, n]) => `${n} × ${reason}`)
        .join('; ');
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    if (this.attributes.size > 0) {
      const n = total(this.attributes);
      out.push(`${file}: ${n} attribute ${plural(n, 'value', 'values')} not kept: ${list(this.attributes)}.`);
    }
    if (this.relations.size > 0) {
      const n = total(this.relations);
      out.push(`${file}: ${n} ${plural(n, 'relation', 'relations')} not kept: ${list(this.relations)}.`);
    }
    if (this.repeatedSpans > 0) {
      out.push(`${file}: ${this.repeatedSpans} ${plural(this.repeatedSpans, 'span repeats', 'spans repeat')} another once mapped onto the same project label; kept once.`);
    }
    if (this.repeatedRelations > 0) out.push(`${file}: ${this.repeatedRelations} repeated ${plural(this.repeatedRelations, 'relation', 'relations')} kept once.`);
    return out;
  }
}

const OPTION_SPELLINGS = (v: string) => [v, v.replace(/_/g, ' '), v.trim()];

/** A file's attribute value as the definition wants it, or why it cannot be. */
export function coerceAttribute(def: AttributeDef, raw: unknown): { ok: true; value: AttributeValue } | { ok: false; why: string } {
  const fits = (v: AttributeValue) => valueFits(def, v);
  switch (def.type) {
    case 'choice': {
      const one = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (typeof one === 'string') for (const v of OPTION_SPELLINGS(one)) if (fits(v)) return { ok: true, value: v };
      return { ok: false, why: `not one of its options: ${def.options.join(', ')}` };
    }
    case 'multi': {
      const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/,\s*/) : [];
      const picked = values.map((v) => (typeof v === 'string' ? OPTION_SPELLINGS(v).find((s) => def.options.includes(s)) : undefined));
      if (values.length > 0 && picked.every((v) => v !== undefined)) {
        const unique = [...new Set(picked as string[])];
        if (fits(unique)) return { ok: true, value: unique };
      }
      return { ok: false, why: `not a list of its options: ${def.options.join(', ')}` };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, why: 'not a number' };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return { ok: false, why: 'not true or false' };
    }
    case 'text':
    case 'entity': {
      const one = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (typeof one === 'string' && one.length <= 2000) return { ok: true, value: one };
      if (typeof one === 'number' || typeof one === 'boolean') return { ok: true, value: String(one) };
      return { ok: false, why: def.type === 'entity' ? 'not an entity id' : 'not text' };
    }
  }
}

/** A relation type of the project named like the file's (id, or name ignoring case). */
export function matchRelationType(types: readonly RelationType[], source: string): RelationType | null {
  const exact = types.find((t) => t.id === source);
  if (exact) return exact;
  const lower = source.trim().toLowerCase();
  return types.find((t) => t.id.toLowerCase() === lower || t.name.trim().toLowerCase() === lower || t.id === lower.replace(/[\s-]+/g, '_')) ?? null;
}

/**
 * The spans and relations one imported document gives the project. Spans whose label is not
 * decided yet (inspection) keep their file label and are not checked; the rest are.
 */
export function buildAnnotations(
  doc: ImportedDocument,
  opts: BuildOptions,
  losses: ImportLosses,
  /** Only count the losses (an inspection of a large file): no span or relation is built. */
  checkOnly = false,
): { spans: Span[]; relations: Relation[] } {
  const byLabel = new Map(opts.labels.map((l) => [l.id, l]));
  const spans: Span[] = [];
  const labelOf = new Map<string, string>();
  const idByKey = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const s of doc.spans) {
    const target = opts.target(s.label);
    const label = target ?? s.label;
    const rangeKey = `${s.start}:${s.end}:${label}`;
    const already = seen.get(rangeKey);
    if (already !== undefined) {
      // Two file labels mapped onto one project label: the same span twice.
      if (s.key !== undefined) idByKey.set(s.key, already);
      losses.repeatedSpan();
      continue;
    }
    const def = target === null ? undefined : byLabel.get(target);
    const attributes: Record<string, AttributeValue> = {};
    if (target !== null) {
      for (const [key, raw] of Object.entries(s.attributes ?? {})) {
        if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) continue;
        const attr = def?.attributes.find((a) => a.id === key);
        if (!attr) {
          losses.attribute(`"${key}" (${def?.name ?? target} has no such attribute)`);
          continue;
        }
        const value = coerceAttribute(attr, raw);
        if (value.ok) attributes[key] = value.value;
        else losses.attribute(`${def?.name ?? target} ${attr.name} ${JSON.stringify(raw).slice(0, 40)} (${value.why})`);
      }
    }
    const id = checkOnly ? String(labelOf.size) : opts.newId();
    seen.set(rangeKey, id);
    labelOf.set(id, label);
    if (s.key !== undefined) idByKey.set(s.key, id);
    if (checkOnly) continue;
    spans.push({
      id,
      start: s.start,
      end: s.end,
      label,
      quote: doc.text.slice(s.start, s.end),
      createdAt: opts.stamp,
      updatedAt: opts.stamp,
      origin: label === s.label ? s.origin : { ...s.origin, label: s.label.slice(0, 200) },
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    });
  }
  const relations: Relation[] = [];
  const relationKeys = new Set<string>();
  for (const r of doc.relations ?? []) {
    const from = idByKey.get(r.from);
    const to = idByKey.get(r.to);
    if (from === undefined || to === undefined) {
      losses.relation(`"${r.type}" between spans that were not imported`);
      continue;
    }
    const fromLabel = labelOf.get(from) as string;
    const toLabel = labelOf.get(to) as string;
    if (!byLabel.has(fromLabel) || !byLabel.has(toLabel)) continue; // a label not decided yet: checked at import
    const type = matchRelationType(opts.relationTypes, r.type);
    if (!type) {
      losses.relation(`"${r.type}" (not a relation type of this project)`);
      continue;
    }
    if (!relationTypeAllows(type, fromLabel, toLabel)) {
      const name = (id: string) => byLabel.get(id)?.name ?? id;
      losses.relation(`"${type.name}" from ${name(fromLabel)} to ${name(toLabel)} (the project's "${type.name}" joins ${type.from.map(name).join('/')} to ${type.to.map(name).join('/')})`);
      continue;
    }
    if (from === to) {
      losses.relation(`"${type.name}" from a span to itself`);
      continue;
    }
    const key = `${type.id}:${from}:${to}`;
    if (relationKeys.has(key) || (!type.directed && relationKeys.has(`${type.id}:${to}:${from}`))) {
      losses.repeatedRelation();
      continue;
    }
    relationKeys.add(key);
    if (checkOnly) continue;
    relations.push({ id: opts.newId(), type: type.id, from, to, createdAt: opts.stamp, updatedAt: opts.stamp });
  }
  return { spans: checkOnly ? spans : sortSpans(spans), relations };
}
