import type { FactmarkHandlers } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/result';
import { validateSpans } from '../../shared/annotation/operations';
import { applyRepair, planDrift } from '../../shared/annotation/driftRepair';
import type { AnnotationFile } from '../../shared/model/schemas';
import { allowedLabels, documentContext, type DocumentContextHost } from './documentContext';
import type { SaveDocument } from './documentSave';
import { annotationPath, setAnnotationAside } from './projectStore';
import type { ServiceCore } from './serviceCore';

/** What the document operations need from the service (serviceCore.ts), and the one save (documentSave.ts). */
export type DocumentHost = DocumentContextHost & Pick<ServiceCore, 'noteContent' | 'inOrder'> & { saveDocument: SaveDocument };

/** The repair proposal (text changed) and the orphans waiting to be placed, for DocumentView. */
function driftViews(text: string, sha256: string, stored: AnnotationFile | null, textChanged: boolean) {
  if (!stored) return { drift: null, orphans: [] };
  if (textChanged) return { drift: { ...planDrift(text, stored.spans, stored.orphans ?? []), textSha256: sha256 }, orphans: [] };
  return { drift: null, orphans: planDrift(text, [], stored.orphans ?? []).orphans };
}

/** The document operations of the contract: read a document, save its annotations, repair them after its text changed. */
export function documentHandlers(host: DocumentHost): Pick<FactmarkHandlers, 'getDocument' | 'saveAnnotations' | 'repairDrift'> {
  const { now, inOrder, saveDocument } = host;
  return {
    getDocument: async ({ docId }) => {
      const ctx = await documentContext(host, docId);
      if (!ctx.ok) return ctx;
      const { who, dir, project, meta, text, sha256, file, raw } = ctx.value;
      let stored = ctx.value.stored;
      let revision = ctx.value.revision;
      host.noteContent(file, raw);
      const textChanged = stored !== null && stored.textSha256 !== sha256;
      if (stored && !textChanged) {
        // Offsets outside the text would break the editor: such a file is set aside like any invalid one.
        const problem = validateSpans(text, stored.spans, allowedLabels(project, stored));
        if (problem) {
          await setAnnotationAside(annotationPath(dir, who, docId), problem, now());
          stored = null;
          revision = null;
        }
      }
      return ok({
        meta,
        text,
        status: stored?.status ?? 'todo',
        spans: stored?.spans ?? [],
        relations: stored?.relations ?? [],
        updatedAt: stored?.updatedAt ?? null,
        textChanged,
        revision,
        ...driftViews(text, sha256, stored, textChanged),
      });
    },

    // Saves of one document run one after another, so the last save requested is the one on disk.
    saveAnnotations: (input) => inOrder(`save:${input.docId}`, () => saveDocument(input)),

    repairDrift: ({ docId, textSha256, accept, place, drop }) =>
      inOrder(`save:${docId}`, async () => {
        const ctx = await documentContext(host, docId);
        if (!ctx.ok) return ctx;
        const { text, sha256, stored, textFile, revision } = ctx.value;
        if (!stored) return fail('not-found', `"${docId}" has no annotations of yours to repair.`);
        if (textSha256 !== undefined && textSha256 !== sha256) {
          return fail('text-changed', `The text of "${docId}" changed again since the repair was proposed; nothing was saved. Review the repair again.`, textFile);
        }
        const textChanged = stored.textSha256 !== sha256;
        const orphans = stored.orphans ?? [];
        if (!textChanged && orphans.length === 0) return fail('invalid-input', `"${docId}" needs no repair: its text did not change and it has no orphans.`);
        const plan = planDrift(text, textChanged ? stored.spans : [], orphans);
        const applied = applyRepair(text, stored.spans, orphans, plan, { accept, place, drop }, textChanged, now().toISOString());
        if (!applied.ok) return fail('invalid-input', applied.message);
        // Written like a save (validated, versioned first, against the current text's hash).
        return saveDocument(
          {
            docId,
            status: stored.status,
            spans: applied.spans,
            // A span left an orphan (or dropped) takes its relations with it.
            relations: (stored.relations ?? []).filter((r) => applied.spans.some((s) => s.id === r.from) && applied.spans.some((s) => s.id === r.to)),
            baseRevision: revision,
          },
          { forceVersion: true, repair: { orphans: applied.orphans } },
        );
      }),
  };
}
