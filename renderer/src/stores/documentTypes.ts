import type { FactmarkApi } from '../../../shared/api/contract';
import type { DocumentView, ProjectView } from '../../../shared/api/views';
import type { AttributeValue, DocStatus, DocumentMeta, LabelDef, RelationType, Span } from '../../../shared/model/schemas';
import type { Annotations, RelationDraft } from '../../../shared/annotation/relations';
import type { History } from '../../../shared/annotation/history';
import type { SaveState } from './autosaver';
import type { Store } from './createStore';

// The open document's state and the document store's interface (documentStore.ts composes it from
// spanEditing.ts, the edits, and its own loading, saving and conflict handling).

/** The document open in the centre pane: its immutable text and the annotator's editable spans. */
export interface OpenDocument {
  docId: string;
  meta: DocumentMeta;
  text: string;
  /** The stored annotations were made against another text: nothing may be changed. */
  textChanged: boolean;
  status: DocStatus;
  /** Undo/redo covers the spans and their relations; the status is a separate, explicit choice. */
  history: History<Annotations>;
  selectedSpanId: string | null;
  /** A relation picked in the side panel (Delete removes it); null when none. */
  selectedRelationId: string | null;
  updatedAt: string | null;
  /** The revision of the annotation file these edits build on; sent with every save. */
  revision: string | null;
  /** When textChanged: the re-anchoring proposal, for the Repair flow (RepairPanel). */
  drift: DocumentView['drift'];
  /** Spans an earlier repair left unplaced, waiting to be placed or dropped. */
  orphans: NonNullable<DocumentView['orphans']>;
}

/** How to settle edits that clash with a file changed on disk by someone else. */
export type ConflictChoice = 'mine' | 'theirs' | 'both';

export interface DocumentState {
  /** The document being shown or loaded. */
  docId: string | null;
  loading: boolean;
  loadError: string | null;
  doc: OpenDocument | null;
  saveState: SaveState;
  saveMessage: string | null;
  /** The open document's file changed on disk while it had unsaved edits: the user must choose. */
  conflict: { message: string } | null;
  /** Another window holds this annotator's lock: nothing may be changed here (the reason). */
  lockedReason: string | null;
}

/**
 * `notice`: something the user should know although it worked (e.g. an undo history cleared).
 * `superseded`: a load given up because another document was asked for meanwhile; not an error
 * (the user's latest choice is what opens), so nothing is reported.
 */
export type ChangeResult = { ok: true; notice?: string } | { ok: false; message: string; superseded?: true };

/** A span to add exactly as given (no snapping), with its origin and attribute values. */
export interface SpanAddition {
  start: number;
  end: number;
  label: string;
  origin?: Span['origin'];
  attributes?: Record<string, AttributeValue>;
  /** Relations from the new span (e.g. a claim's attributed_to) to the span with this range and label, tagged or added in the same step. */
  links?: readonly { type: string; to: { start: number; end: number; label: string } }[];
}

export interface DocumentStoreDeps {
  api: Pick<FactmarkApi, 'getDocument' | 'saveAnnotations' | 'listVersions' | 'restoreVersion'>;
  /** A save answered with the project's new view (counts, statuses). */
  onProjectUpdated(project: ProjectView): void;
  newId(): string;
  now(): string;
  autosaveDelayMs?: number;
  /** The open project's labels and relation types, which relations are checked against (none when left out). */
  schema?(): { labels: readonly LabelDef[]; relationTypes: readonly RelationType[] };
}

export interface DocumentStore extends Store<DocumentState> {
  /** Save the open document, then load another. False (and nothing switched) when the save failed. */
  open(docId: string): Promise<ChangeResult>;
  /** Save and forget the open document (project switch). */
  close(): Promise<ChangeResult>;
  reload(): Promise<ChangeResult>;
  tagRange(range: { start: number; end: number }, label: string, words: boolean): ChangeResult;
  relabelSelected(label: string): ChangeResult;
  /** Add spans as they are (accepted suggestions: origin and attributes given), all as one undoable step. */
  addSpans(drafts: readonly SpanAddition[]): ChangeResult;
  /** Set a span's attribute values (all of them), as one undoable step. */
  setSpanAttributes(spanId: string, values: Record<string, AttributeValue>): ChangeResult;
  /** Remove the selected relation if one is selected, else the selected span (and its relations). */
  removeSelected(): ChangeResult;
  /** Link two spans of the open document by a relation type of the project. */
  addRelation(draft: RelationDraft): ChangeResult;
  removeRelation(relationId: string): ChangeResult;
  selectRelation(relationId: string | null): void;
  undo(): boolean;
  redo(): boolean;
  selectSpan(spanId: string | null): void;
  setStatus(status: DocStatus): ChangeResult;
  flush(): Promise<boolean>;
  hasUnsaved(): boolean;
  /** The open document's file changed on disk: reload it, or ask (unsaved edits). */
  externalChange(): Promise<'reloaded' | 'conflict' | 'none'>;
  resolveConflict(choice: ConflictChoice): Promise<ChangeResult>;
  /** Make the open document the kept version `versionId` (saved as a new version). */
  restore(versionId: string): Promise<ChangeResult>;
  setLocked(reason: string | null): void;
}
