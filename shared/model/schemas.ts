import { z } from 'zod';

/**
 * The JSON on disk is the product's contract (docs/project-format.md). Every file is validated
 * with these schemas on read; `schemaVersion` lets later versions migrate old files.
 */
export const PROJECT_SCHEMA_VERSION = 1;
export const ANNOTATION_SCHEMA_VERSION = 1;
export const DOCUMENT_SCHEMA_VERSION = 1;

const isoDate = z.string().datetime({ offset: true });

/** Attribute and relation ids: stable keys written into annotation files. */
const keyId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'ids are lower-case letters, digits and _');
const attributeBase = {
  id: keyId,
  name: z.string().min(1).max(60),
  required: z.boolean().default(false),
};

/**
 * A per-label attribute (docs/project-format.md, "Label schema"). `entity` links an Actor to a
 * canonical name in the project's entities.json; `text` may carry suggestions (e.g. units).
 */
export const attributeDefSchema = z.discriminatedUnion('type', [
  z.object({ ...attributeBase, type: z.literal('choice'), options: z.array(z.string().min(1).max(60)).min(1).max(50), default: z.string().optional() }).strict(),
  z.object({ ...attributeBase, type: z.literal('multi'), options: z.array(z.string().min(1).max(60)).min(1).max(50), default: z.array(z.string()).optional() }).strict(),
  z.object({ ...attributeBase, type: z.literal('text'), suggestions: z.array(z.string().max(60)).max(50).optional(), default: z.string().max(2000).optional() }).strict(),
  z.object({ ...attributeBase, type: z.literal('number'), default: z.number().finite().optional() }).strict(),
  z.object({ ...attributeBase, type: z.literal('boolean'), default: z.boolean().optional() }).strict(),
  z.object({ ...attributeBase, type: z.literal('entity') }).strict(),
]);
export type AttributeDef = z.infer<typeof attributeDefSchema>;
export type AttributeType = AttributeDef['type'];

/** An attribute's value on a span: choice/text/entity -> string, multi -> string[], number, boolean. */
export const attributeValueSchema = z.union([z.string().max(2000), z.array(z.string().max(200)).max(50), z.number().finite(), z.boolean()]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;

export const labelDefSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'label ids are lower-case letters, digits, - and _'),
    name: z.string().min(1).max(60),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #rrggbb'),
    hotkeys: z.array(z.string().length(1)).max(4),
    attributes: z
      .array(attributeDefSchema)
      .max(50)
      .refine((as) => new Set(as.map((a) => a.id)).size === as.length, 'attribute ids must be unique within a label')
      .default([]),
  })
  .strict();
export type LabelDef = z.infer<typeof labelDefSchema>;

/** A relation type between spans, e.g. attributed_to: Claim -> Actor. */
export const relationTypeSchema = z
  .object({
    id: keyId,
    name: z.string().min(1).max(60),
    /** Label ids allowed at the source and at the target. */
    from: z.array(z.string().min(1)).min(1),
    to: z.array(z.string().min(1)).min(1),
    directed: z.boolean().default(true),
  })
  .strict();
export type RelationType = z.infer<typeof relationTypeSchema>;

export const projectFileSchema = z
  .object({
    schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
    name: z.string().min(1).max(200),
    labels: z
      .array(labelDefSchema)
      .min(1)
      .refine((ls) => new Set(ls.map((l) => l.id)).size === ls.length, 'label ids must be unique'),
    relationTypes: z
      .array(relationTypeSchema)
      .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, 'relation type ids must be unique')
      .default([]),
    settings: z
      .object({
        /** Snap selections to whole words unless Alt is held. */
        snapToWords: z.boolean().default(true),
        /** Blind mode: an annotator sees no one else's annotations of a document until they mark it done. */
        blind: z.boolean().optional(),
      })
      .strict()
      .default({ snapToWords: true }),
  })
  .strict()
  .superRefine((p, ctx) => {
    // Nothing may point at a label that does not exist.
    const ids = new Set(p.labels.map((l) => l.id));
    p.relationTypes.forEach((r, i) => {
      for (const end of ['from', 'to'] as const) {
        for (const id of r[end]) if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['relationTypes', i, end], message: `unknown label "${id}"` });
      }
    });
    const keys = new Map<string, string>();
    p.labels.forEach((l, i) => {
      for (const k of l.hotkeys) {
        const key = k.toLowerCase();
        const other = keys.get(key);
        if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['labels', i, 'hotkeys'], message: `hotkey "${k}" is used by both ${other} and ${l.id}` });
        keys.set(key, l.id);
      }
    });
  });
export type ProjectFile = z.infer<typeof projectFileSchema>;

/** Document ids name files: letters, digits, - and _ only. */
export const docIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'not a document id');

export const documentMetaSchema = z
  .object({
    schemaVersion: z.literal(DOCUMENT_SCHEMA_VERSION),
    id: docIdSchema,
    title: z.string().max(500),
    outlet: z.string().max(200).nullable(),
    date: z.string().max(40).nullable(),
    /** The file name the text was imported from. */
    source: z.string().max(500).nullable(),
    /** SHA-256 (hex) of the UTF-8 bytes of documents/<id>.txt. */
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Length in UTF-16 code units, the unit of all stored offsets. */
    length: z.number().int().nonnegative(),
    importedAt: isoDate,
    /** What the importer changed or noticed (CRLF normalised, BOM removed, ...). */
    importNotices: z.array(z.string()).default([]),
  })
  .strict();
export type DocumentMeta = z.infer<typeof documentMetaSchema>;

export const DOC_STATUSES = ['todo', 'in_progress', 'done'] as const;
export const docStatusSchema = z.enum(DOC_STATUSES);
export type DocStatus = z.infer<typeof docStatusSchema>;

/** Where an imported span came from (absent for spans made in Factmark). */
export const SPAN_ORIGIN_FORMATS = ['brat', 'jsonl', 'doccano', 'labelstudio', 'w3c', 'suggestion'] as const;
export const spanOriginSchema = z
  .object({
    /** The format of the file the span was imported from. */
    format: z.enum(SPAN_ORIGIN_FORMATS),
    /** That file's name (as given to the importer). */
    file: z.string().min(1).max(500),
    /** The span's id in that file (brat T id, Label Studio result id, W3C annotation id, ...). */
    id: z.string().min(1).max(500).optional(),
    /** The label it had in that file, when it was mapped to another label on import. */
    label: z.string().min(1).max(200).optional(),
  })
  .strict();
export type SpanOrigin = z.infer<typeof spanOriginSchema>;

/**
 * Where a gold span came from (adjudication, docs/agreement.md): the annotators whose version
 * held it, the adjudicator who made the gold, and the rule that put it there (all annotators
 * agreed, a majority did, or the adjudicator chose it at a stop).
 */
export const spanProvenanceSchema = z
  .object({
    proposedBy: z.array(z.string().min(1).max(64)).min(1).max(100),
    decidedBy: z.string().min(1).max(64),
    rule: z.enum(['unanimity', 'majority', 'adjudicator', 'edited']),
  })
  .strict();
export type SpanProvenance = z.infer<typeof spanProvenanceSchema>;

/** A span's fields: UTF-16 offsets into the document text, end exclusive, plus its quote. */
const spanFields = z
  .object({
    id: z.string().min(1).max(64),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    label: z.string().min(1).max(40),
    quote: z.string(),
    /** Up to 32 UTF-16 units of text before and after the span, kept to re-anchor it if the text changes. */
    prefix: z.string().max(32).optional(),
    suffix: z.string().max(32).optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
    origin: spanOriginSchema.optional(),
    /** Only on gold spans made by adjudication: who proposed and who decided. */
    provenance: spanProvenanceSchema.optional(),
    /** Attribute values by attribute id (see the label's attributes in project.json). */
    attributes: z.record(z.string(), attributeValueSchema).optional(),
  })
  .strict();
const endAfterStart = { message: 'end must be greater than start' };

/** A span as stored. */
export const spanSchema = spanFields.refine((s) => s.end > s.start, endAfterStart);
/** A span as the UI sends it: the service recomputes the quote from the text. */
export const spanInputSchema = spanFields.omit({ quote: true, prefix: true, suffix: true }).refine((s) => s.end > s.start, endAfterStart);
export type Span = z.infer<typeof spanSchema>;

export const annotatorNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'use letters, digits, space, dot, - or _');

export const relationSchema = z
  .object({
    id: z.string().min(1).max(64),
    type: keyId,
    from: z.string().min(1).max(64),
    to: z.string().min(1).max(64),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .strict()
  .refine((r) => r.from !== r.to, { message: 'a relation joins two different spans' });
export type Relation = z.infer<typeof relationSchema>;

/** entities.json: the project's canonical names that Actor spans link to. */
export const ENTITIES_SCHEMA_VERSION = 1;
export const entitySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/),
    name: z.string().min(1).max(200),
    aliases: z.array(z.string().min(1).max(200)).max(100).default([]),
  })
  .strict();
export type Entity = z.infer<typeof entitySchema>;
export const entitiesFileSchema = z
  .object({
    schemaVersion: z.literal(ENTITIES_SCHEMA_VERSION),
    entities: z.array(entitySchema).refine((es) => new Set(es.map((e) => e.id)).size === es.length, 'entity ids must be unique'),
  })
  .strict();
export type EntitiesFile = z.infer<typeof entitiesFileSchema>;

export const annotationFileSchema = z
  .object({
    schemaVersion: z.literal(ANNOTATION_SCHEMA_VERSION),
    docId: z.string().min(1),
    /** SHA-256 of the text these offsets were made against: a mismatch means the text changed. */
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    annotator: annotatorNameSchema,
    status: docStatusSchema,
    spans: z.array(spanSchema).refine((ss) => new Set(ss.map((s) => s.id)).size === ss.length, 'span ids must be unique'),
    /**
     * Spans that could not be re-anchored with full confidence after the text changed, kept until
     * the annotator places or drops them; their offsets refer to the text they were made against.
     */
    orphans: z.array(spanSchema).optional(),
    /** Relations between spans of this file (type: a relation type id from project.json). */
    relations: z.array(relationSchema).optional(),
    updatedAt: isoDate,
  })
  .strict()
  .superRefine((a, ctx) => {
    const spanIds = new Set(a.spans.map((s) => s.id));
    (a.relations ?? []).forEach((r, i) => {
      if (!spanIds.has(r.from)) ctx.addIssue({ code: 'custom', path: ['relations', i, 'from'], message: `no span "${r.from}"` });
      if (!spanIds.has(r.to)) ctx.addIssue({ code: 'custom', path: ['relations', i, 'to'], message: `no span "${r.to}"` });
    });
  });
export type AnnotationFile = z.infer<typeof annotationFileSchema>;

/** Turn zod issues into one short sentence a user can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
