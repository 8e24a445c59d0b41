import type { Interval } from './numberInterval';

/**
 * The review of a project's claims across its documents (issue: compare claims across articles).
 * A claim is keyed by "<docId>/<spanId>" (one annotator's spans): stable while the span exists.
 */
export type ClaimKey = string;

export const claimKey = (docId: string, spanId: string): ClaimKey => `${docId}/${spanId}`;

/** Where a claim was published. `outlet` is null when the document's metadata has none. */
export interface ClaimSource {
  docId: string;
  title: string;
  outlet: string | null;
}

/**
 * Who a claim is attributed to: an `attributed_to` relation to an Actor span, or, when the claim
 * has none, an actor named in its attribution frame (deriveClaimant.ts), marked `derived`.
 */
export interface Claimant {
  spanId: string;
  quote: string;
  /** The actor's entity; for an actor without one, the project entity its words name (entities.json names and aliases), if any. */
  entityId: string | null;
  /** The entity's canonical name, else the actor's words. */
  name: string;
  /** Read from the claim's frame, not from a relation: shown as derived, written only when the reviewer confirms it. */
  derived: boolean;
  /** Derived only: where it was read (the claim's frame, the next sentence referring back to it, the subject a pronoun stands for). */
  derivedFrom?: 'frame' | 'next-sentence' | 'pronoun';
  /** Derived only: the words describing it with their qualifier ("two sources in the Syrian military"). */
  description?: string;
  /** Other names of the same claimant in the frame ("also known as the White Helmets"): their words and spans. */
  aliases?: { spanId: string; quote: string }[];
}

/** A Number attribute the review can read from the span's words when the annotator left it empty. */
export type NumberField = 'value' | 'approx' | 'value_max' | 'unit' | 'quantity';

export interface ReviewNumber {
  spanId: string;
  quote: string;
  value: number;
  approx: string;
  valueMax: number | null;
  unit: string | null;
  quantity: string | null;
  /** The value as an interval and in words ("> 300"). */
  interval: Interval;
  normalised: string;
  /** The attributes read from the words (empty in the annotator's file), shown as derived; [] when all are the annotator's. */
  derived: NumberField[];
}

export interface ReviewClaim {
  key: ClaimKey;
  docId: string;
  spanId: string;
  start: number;
  end: number;
  text: string;
  source: ClaimSource;
  claimants: Claimant[];
  /** Numbers inside the claim's span. */
  numbers: ReviewNumber[];
  /** Entities of the actors inside the claim's span (sorted ids). */
  entities: string[];
  /** The actors inside it that name no entity, by their content words ("fighter" for "300+ Insurgents"), sorted: compared like entities. */
  actorNames: string[];
}

export type FlagKind = 'number-conflict' | 'attribution-different' | 'attribution-partial' | 'attribution-missing';

export interface ReviewFlag {
  kind: FlagKind;
  /** One sentence: what disagrees, where. */
  reason: string;
  /** The claims involved (keys). */
  claims: ClaimKey[];
  /** For a conflict with a claim of another cluster: that cluster's id. */
  otherCluster?: string;
}

export interface ReviewCluster {
  /** The key of its first claim (by document, then position): stable while that claim is in it. */
  id: string;
  claims: ReviewClaim[];
  /** Distinct sources (outlet, else document). */
  outlets: number;
  flags: ReviewFlag[];
  /** A reviewer's decision changed this cluster. */
  decided: boolean;
}

export interface ReviewResult {
  clusters: ReviewCluster[];
  claims: number;
  /** Decisions naming claims that no longer exist (kept in claims.json, not applied). */
  staleDecisions: number;
}

/** The review as the UI and the CLI get it (operation getReview). */
export interface ReviewView extends ReviewResult {
  /** Whose annotation files were read. */
  annotator: string;
  /** Decisions in claims.json for this annotator's claims. */
  decisions: number;
  /** Why claims.json (or a document) could not be used, when it could not; null when all is well. */
  problems: string[];
}

/** What confirming derived values did (operation confirmDerivedValues), with the review after it. */
export interface ConfirmDerivedView {
  review: ReviewView;
  /** Number spans that were given the attributes read from their words. */
  numbers: number;
  /** `attributed_to` relations added for claimants read from frames. */
  relations: number;
  /** The documents whose annotation files changed. */
  documents: string[];
  /** Derived values the project's schema does not allow, left out, one sentence each. */
  skipped: string[];
  /** Undoes this confirmation (undoConfirmDerivedValues) while this session lasts and the files are unchanged; null when nothing was written. */
  undoId: string | null;
}
