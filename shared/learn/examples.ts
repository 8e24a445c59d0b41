import { z } from 'zod';
import { annotatorNameSchema } from '../model/schemas';

/**
 * .factmark/learning/<annotator>/<docId>.json: what one annotator's decisions on one document teach
 * the suggesters (docs/project-format.md). Every span tagged, suggestion accepted or rejected, span
 * relabelled, corrected or removed is an example; "unmarked" examples are the places where a string
 * the annotator tagged appears again and was left untagged (implicit negatives, counted only in the
 * part of the document the annotator has worked through). Not annotations: nothing here is exported;
 * the file is rebuilt from the annotation file and the rejections if it is missing.
 */
export const LEARNING_SCHEMA_VERSION = 1;

export const EXAMPLE_KINDS = ['tag', 'accept', 'reject', 'relabel', 'correct', 'remove', 'unmarked'] as const;
export type ExampleKind = (typeof EXAMPLE_KINDS)[number];

const range = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() });

export const learningExampleSchema = z
  .object({
    kind: z.enum(EXAMPLE_KINDS),
    label: z.string().min(1).max(40),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    quote: z.string().max(2000),
    /** The sentence around the span (its text, clipped, and where it starts in the document): the examples replay without the document. */
    sentence: z.object({ start: z.number().int().nonnegative(), text: z.string().max(4000) }).strict(),
    /** The context of the span (memory.ts contextAt: the word before it, "loc" after a place preposition, …). */
    context: z.string().max(40),
    /** relabel: the label it had; correct: the range it had. */
    from: range.extend({ label: z.string().min(1).max(40), quote: z.string().max(2000), context: z.string().max(40) }).strict().optional(),
    /** When the decision was made (ISO); examples are replayed in this order. */
    at: z.string().datetime(),
  })
  .strict();
export type LearningExample = z.infer<typeof learningExampleSchema>;

export const learningFileSchema = z
  .object({
    schemaVersion: z.literal(LEARNING_SCHEMA_VERSION),
    docId: z.string().min(1),
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    annotator: annotatorNameSchema,
    examples: z.array(learningExampleSchema),
    updatedAt: z.string().datetime(),
  })
  .strict();
export type LearningFile = z.infer<typeof learningFileSchema>;

/** Decisions that move the project's weights (the unmarked ones only count in the memory). */
export const isDecision = (e: Pick<LearningExample, 'kind'>) => e.kind !== 'unmarked';
/** Decisions that say "this is a <label>". */
export const isPositive = (e: Pick<LearningExample, 'kind'>) => e.kind === 'tag' || e.kind === 'accept' || e.kind === 'relabel' || e.kind === 'correct';
