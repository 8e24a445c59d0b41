import type { OperationOutput, ParsedInput } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import { sortSpans, validateSpans } from '../../shared/annotation/operations';
import { spanContext } from '../../shared/annotation/reanchor';
import { sortRelations, validateRelations } from '../../shared/annotation/relations';
import { spansAttributeProblem } from '../../shared/model/schemaEdits';
import { ANNOTATION_SCHEMA_VERSION, type AnnotationFile, type Span } from '../../shared/model/schemas';
import { keepVersion } from './annotationHistory';
import { allowedLabels, documentContext, type DocumentContextHost } from './documentContext';
import { guardedWrite } from './guardedWrite';
import { learnFromSave } from './learningService';
import { annotationJson } from './projectStore';
import type { ServiceCore } from './serviceCore';
import type { ServiceOptions } from './serviceOptions';
import { sha256Hex } from './textHash';

/** What a save needs from the service (serviceCore.ts) and its options. */
export type DocumentSaveHost = DocumentContextHost &
  Pick<ServiceCore, 'lockStatus' | 'noteContent' | 'noteWriting' | 'lastWritten' | 'suggestPool' | 'view'> &
  Pick<ServiceOptions, 'testHooks'>;

/** How a save was asked for: a restore or a repair always keeps the state it replaces. */
export interface SaveOptions {
  forceVersion?: boolean;
  /** A drift repair (repairDrift): the one write allowed on a changed text, with the orphans it leaves. */
  repair?: { orphans: Span[] };
}

export type SaveDocument = (
  input: ParsedInput<'saveAnnotations'>,
  options?: SaveOptions,
) => Promise<Result<OperationOutput<'saveAnnotations'>>>;

/**
 * Save one document's annotations for this window's annotator: validated, compared and written
 * (guardedWrite.ts), the replaced state kept in History, the suggesters taught. Used by saves,
 * restores (historyHandlers.ts) and repairs (documentHandlers.ts).
 */
export function createDocumentSaver(host: DocumentSaveHost): SaveDocument {
  const { now, noteContent, noteWriting, lastWritten } = host;
  return async function saveDocument({ docId, status, spans, relations = [], baseRevision }, { forceVersion = false, repair } = {}) {
    const ctx = await documentContext(host, docId);
    if (!ctx.ok) return ctx;
    const { who, dir, project, text, sha256, stored, textFile, file, raw, revision, meta } = ctx.value;
    const readOnly = await host.lockStatus(dir, who);
    if (readOnly !== null) return fail('read-only', `${readOnly} Nothing was saved.`);
    if (baseRevision !== undefined && baseRevision !== revision) {
      return fail(
        'conflict',
        `The annotations of "${meta.title || docId}" were changed on disk since you opened them (by another program, a sync or git); nothing was saved. Choose which version to keep.`,
        file,
      );
    }
    // A repair (repairDrift) is the one write allowed on a changed text: it re-anchors the spans to it.
    if (stored && stored.textSha256 !== sha256 && !repair) {
      return fail(
        'text-changed',
        `The text of "${docId}" changed after it was annotated, so its annotations are read-only; nothing was saved.`,
        textFile,
      );
    }
    const problem = validateSpans(text, spans, allowedLabels(project, stored));
    if (problem) return fail('bad-span', problem);
    // Relations of a type removed from project.json since they were made stay, like such labels.
    const relationProblem = validateRelations(spans, relations, project.relationTypes, stored?.relations?.map((r) => r.type) ?? []);
    if (relationProblem) return fail('bad-relation', relationProblem);
    const attributeProblem = spansAttributeProblem(project.labels, spans, stored?.spans);
    if (attributeProblem) return fail('bad-span', attributeProblem);
    const full: Span[] = sortSpans(
      spans.map((s) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        label: s.label,
        quote: text.slice(s.start, s.end),
        ...spanContext(text, s.start, s.end),
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        ...(s.origin ? { origin: s.origin } : {}),
        ...(s.provenance ? { provenance: s.provenance } : {}),
        ...(s.attributes && Object.keys(s.attributes).length > 0 ? { attributes: s.attributes } : {}),
      })),
    );
    const updatedAt = now().toISOString();
    // A document with tags is started even if the UI did not say so.
    const nextStatus = status === 'todo' && full.length > 0 ? 'in_progress' : status;
    const annotation: AnnotationFile = {
      schemaVersion: ANNOTATION_SCHEMA_VERSION,
      docId,
      textSha256: sha256,
      annotator: who,
      status: nextStatus,
      spans: full,
      relations: sortRelations(relations),
      // Orphans of an earlier repair stay until placed or dropped (repairDrift).
      orphans: repair ? repair.orphans : stored?.orphans,
      updatedAt,
    };
    const json = annotationJson(annotation);
    // Known to the watcher before it lands, so our own write is never reported as someone else's
    // (not even by an event read late, while the next save is being written: knownContents.ts).
    const own = noteWriting(file, json);
    // Compare-and-write (guardedWrite.ts): replaced only if it still holds the bytes read above.
    const replaced = await guardedWrite({
      dir,
      file,
      expected: raw,
      content: json,
      beforeReplace: async (current) => {
        if (!stored) return;
        // A file this service did not write (another tool, a sync, an earlier session) is always
        // kept before it is replaced: "keep mine" in a conflict can then still be undone.
        const external = lastWritten.get(file) !== revision;
        await keepVersion({ dir, annotator: who, docId, previousRaw: current, previous: stored, nextStatus, now: now(), force: forceVersion || external });
      },
      keep: async (mine) => {
        await keepVersion({ dir, annotator: who, docId, previousRaw: mine, previous: annotation, nextStatus, now: now(), force: true });
      },
      ...(host.testHooks?.beforeFinalCheck ? { beforeFinalCheck: () => host.testHooks!.beforeFinalCheck!(file) } : {}),
    }).catch((err: unknown) => {
      own.failed();
      throw err;
    });
    if (!replaced.ok) {
      own.failed();
      noteContent(file, replaced.current);
      return fail(
        'conflict',
        replaced.displaced
          ? `The annotations of "${meta.title || docId}" were rewritten by another program while they were being saved; that version was put back and yours kept in History. Choose which version to keep.`
          : `The annotations of "${meta.title || docId}" were changed on disk since you opened them (by another program, a sync or git); nothing was saved. Choose which version to keep.`,
        file,
      );
    }
    own.landed();
    const written = sha256Hex(json);
    lastWritten.set(file, written);
    // Every tag, accept, relabel, correction and removal teaches the suggesters (off this answer's
    // path); a repair moves spans for the text, not by the annotator's choice.
    if (!repair) learnFromSave({ dir, who, docId, text, sha256, now: updatedAt, pool: host.suggestPool() }, stored, { status: nextStatus, spans: full }).catch((err: unknown) =>
      console.warn(`Factmark: learning from the save of ${docId} failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    return ok({ updatedAt, revision: written, project: await host.view(dir, project, who) });
  };
}
