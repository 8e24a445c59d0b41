import { z } from 'zod';

/**
 * The JSON on disk is the product's contract (docs/project-format.md). Every file is validated
 * with these schemas on read; `schemaVersion` lets later versions migrate old files.
 */
export const PROJECT_SCHEMA_VERSION = 1;
export const ANNOTATION_SCHEMA_VERSION = 1;
export const DOCUMENT_SCHEMA_VERSION = 1;

const isoDate = z.string().datetime({ offset: true });

export const labelDefSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'label ids are lower-case letters, digits, - and _'),
    name: z.string().min(1).max(60),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #rrggbb'),
    hotkeys: z.array(z.string().length(1)).max(4),
  })
  .strict();
export type LabelDef = z.infer<typeof labelDefSchema>;

export const projectFileSchema = z
  .object({
    schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
    name: z.string().min(1).max(200),
    labels: z
      .array(labelDefSchema)
      .min(1)
      .refine((ls) => new Set(ls.map((l) => l.id)).size === ls.length, 'label ids must be unique'),
    settings: z
      .object({
        /** Snap selections to whole words unless Alt is held. */
        snapToWords: z.boolean().default(true),
      })
      .strict()
      .default({ snapToWords: true }),
  })
  .strict();
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
export const SPAN_ORIGIN_FORMATS = ['brat', 'jsonl', 'doccano', 'labelstudio', 'w3c'] as const;
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
    updatedAt: isoDate,
  })
  .strict();
export type AnnotationFile = z.infer<typeof annotationFileSchema>;

/** Turn zod issues into one short sentence a user can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
