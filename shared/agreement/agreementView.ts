import type { AgreementReport } from './projectAgreement';

/** The agreement of a project as the API answers it (getAgreement, `factmark agree --json`). */
export interface AgreementView extends AgreementReport {
  /** Annotation files left out, each with the reason (the text changed under them, or they are invalid). */
  skipped: { docId: string; annotator: string; reason: string }[];
  /** Documents in the project, and those fewer than two of the annotators worked on. */
  totalDocuments: number;
  singleAnnotatorDocuments: number;
}

/** The annotator the curation mode writes: gold files are ordinary annotation files of this name. */
export const GOLD_ANNOTATOR = 'gold';
