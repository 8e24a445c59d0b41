import type { AttributeValue } from '../model/schemas';

/**
 * What agreement needs of a span: its UTF-16 offsets (end exclusive), its label and its
 * attribute values. Annotation files' spans fit as they are.
 */
export interface AgreementSpan {
  start: number;
  end: number;
  label: string;
  attributes?: Record<string, AttributeValue> | undefined;
}

/** A token as the project's tokenizer gives it (shared/text/tokenize.ts): UTF-16 offsets, end exclusive. */
export interface TokenRange {
  start: number;
  end: number;
}

/** How two spans are paired: same start, end and label; or same label and at least one shared character. */
export type SpanMatching = 'exact' | 'overlap';
