import type { DocStatus } from '../model/schemas';
import type { CurationPlan, CurationPolicy, CurationSpan, StopDecision } from './curation';

/** One document's curation as the API answers it (getCuration). */
export interface CurationView {
  docId: string;
  title: string;
  text: string;
  policy: CurationPolicy;
  /** The annotators compared, in the order keys 1..9 pick them. */
  annotators: string[];
  /** Each annotator's spans and status on this document. */
  annotations: { annotator: string; status: DocStatus; spans: CurationSpan[] }[];
  plan: CurationPlan;
  /** Decisions recovered from the gold file, when one exists. */
  decisions: Record<string, StopDecision>;
  /** The gold file's revision (SHA-256 of its bytes), null when there is none yet; sent back with saveGold. */
  goldRevision: string | null;
  /** Identifies the annotators' files the plan was made from; saveGold refuses if they changed since. */
  basis: string;
}
