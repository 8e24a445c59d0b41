import { z } from 'zod';
import { annotatorNameSchema, docStatusSchema } from '../model/schemas';
import { pathInputSchema } from '../api/pathInput';

/**
 * The options of an export, as the API (contract.ts), the CLI and the dialog share them.
 * Defaults keep the first export format's behaviour: JSONL, documents marked done, the current
 * annotator, offsets in code points.
 */
export const EXPORT_FORMATS = ['jsonl', 'conll', 'brat', 'w3c', 'labelstudio', 'doccano', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const OFFSET_UNITS = ['codepoint', 'utf16'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

export const SPLIT_NAMES = ['train', 'dev', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Document metadata fields a split can group by, so copies of one story never straddle splits. */
export const GROUP_BY_FIELDS = ['outlet', 'date', 'source', 'title'] as const;
export type GroupByField = (typeof GROUP_BY_FIELDS)[number];

export const CONLL_SCHEMES = ['iob2', 'bioes'] as const;
export type ConllScheme = (typeof CONLL_SCHEMES)[number];

export const OVERLAP_POLICIES = ['longest-wins', 'per-label-columns'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

/** Scope words; a list of statuses is also accepted. */
export const SCOPES = ['done', 'all', 'todo', 'in_progress'] as const;

/** Every annotator's work (one record per document per annotator) rather than one person's. */
export const ALL_ANNOTATORS = '*';

const ratio = z.number().min(0).max(1000);

export const splitOptionsSchema = z
  .object({
    train: ratio,
    dev: ratio,
    test: ratio,
    seed: z.number().int().min(0).max(0xffffffff),
    groupBy: z.enum(GROUP_BY_FIELDS).optional(),
  })
  .strict()
  .refine((s) => s.train + s.dev + s.test > 0, 'split ratios must not all be 0');
export type SplitOptions = z.infer<typeof splitOptionsSchema>;

export const exportOptionsSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('jsonl'),
    /** Absent: the format's own convention (see FORMAT_INFO). */
    unit: z.enum(OFFSET_UNITS).optional(),
    scope: z.union([z.enum(SCOPES), z.array(docStatusSchema).min(1).max(3)]).default('done'),
    /** Whose annotations: absent = `gold` when the project has adjudicated files, else the current annotator; '*' = everyone's. */
    annotator: z.union([annotatorNameSchema, z.literal(ALL_ANNOTATORS)]).optional(),
    split: splitOptionsSchema.optional(),
    /** Default iob2. */
    conllScheme: z.enum(CONLL_SCHEMES).optional(),
    /** Default longest-wins. */
    overlapPolicy: z.enum(OVERLAP_POLICIES).optional(),
    /** A file, or a folder for brat; an existing folder gets the default name inside it. */
    outPath: pathInputSchema().optional(),
  })
  .strict();
export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;
export type ExportOptions = z.output<typeof exportOptionsSchema>;

export interface FormatInfo {
  title: string;
  /** 'file': one data file (per split); 'folder': a folder of files. */
  layout: 'file' | 'folder';
  /** File name suffix of the data file (file layout). */
  extension: string;
  /** The unit used when none is asked for; null: the format has no character offsets. */
  defaultUnit: OffsetUnit | null;
  /** The format's readers expect exactly this unit, whatever is asked. */
  fixedUnit: boolean;
}

export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  jsonl: { title: 'JSONL spans (spaCy / Prodigy)', layout: 'file', extension: '.jsonl', defaultUnit: 'codepoint', fixedUnit: false },
  conll: { title: 'CoNLL (token per line, IOB2 / BIOES)', layout: 'file', extension: '.conll', defaultUnit: null, fixedUnit: true },
  brat: { title: 'brat standoff (.txt + .ann)', layout: 'folder', extension: '', defaultUnit: 'codepoint', fixedUnit: true },
  w3c: { title: 'W3C Web Annotation (JSON-LD)', layout: 'file', extension: '.jsonld', defaultUnit: 'codepoint', fixedUnit: true },
  labelstudio: { title: 'Label Studio tasks (JSON)', layout: 'file', extension: '.json', defaultUnit: 'utf16', fixedUnit: false },
  doccano: { title: 'doccano JSONL', layout: 'file', extension: '.jsonl', defaultUnit: 'utf16', fixedUnit: false },
  csv: { title: 'CSV review sheet', layout: 'file', extension: '.csv', defaultUnit: 'codepoint', fixedUnit: false },
};

/** The unit an export will use, or a sentence saying why the asked one cannot be honoured. */
export function resolveUnit(format: ExportFormat, asked: OffsetUnit | undefined): { unit: OffsetUnit | null } | { error: string } {
  const info = FORMAT_INFO[format];
  if (asked === undefined || info.defaultUnit === asked) return { unit: info.defaultUnit };
  if (info.defaultUnit === null) return { unit: null };
  if (info.fixedUnit) {
    return { error: `${info.title} offsets are always code points (that is what its readers expect); leave the unit unset.` };
  }
  return { unit: asked };
}

export const UNIT_DESCRIPTIONS: Record<OffsetUnit | 'none', string> = {
  codepoint: 'Unicode code points (Python `str` indices: `text[start:end]` is the span), end exclusive',
  utf16: 'UTF-16 code units (JavaScript string indices: `text.slice(start, end)` is the span), end exclusive',
  none: 'no character offsets: one token per line, spans as tags on whole tokens',
};
