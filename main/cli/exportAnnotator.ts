import { join } from 'node:path';
import { GOLD_ANNOTATOR } from '../../shared/agreement/agreementView';
import type { ExportOptions } from '../../shared/formats/exportOptions';
import { annotationFileSchema, type DocStatus } from '../../shared/model/schemas';
import { readJsonFile, readdirOrEmpty } from '../services/atomicJson';
import { hasGoldFiles } from '../services/curationGoldDefault';
import { annotatorDir, listAnnotators } from '../services/projectStore';
import { describeAnnotator, type CliAnnotator } from './annotator';

/**
 * Whose annotations `factmark export` writes (issue 14, item 11). An export never holds nobody's
 * work silently while others have some:
 *  - `--annotator NAME` is taken as asked, unless NAME has no annotations in the project while
 *    others have spans in the export's scope (a typo, or the wrong person): refused, naming them;
 *  - otherwise the annotator is the app's (cliAnnotator), or `gold` when the project has
 *    adjudicated files (as in the app); when that one has no spans in scope and others do, the
 *    project's only annotator is taken (and the note says so), else the export is refused,
 *    naming who has spans and how many.
 */
export type ExportAnnotatorChoice =
  | { ok: true; annotator: string; note: string | null }
  | { ok: false; message: string };

interface Work {
  /** Annotation files of documents in the project, any status. */
  files: number;
  /** Spans in the files whose status is in the scope (counting stops early when asked). */
  spans: number;
}

function scopeStatuses(scope: ExportOptions['scope']): Set<DocStatus> {
  if (Array.isArray(scope)) return new Set(scope);
  return new Set<DocStatus>(scope === 'all' ? ['todo', 'in_progress', 'done'] : [scope]);
}

function describeScope(scope: ExportOptions['scope']): string {
  if (Array.isArray(scope)) return `documents with status ${scope.join(' or ')}`;
  return scope === 'all' ? 'any document' : scope === 'done' ? 'documents marked done' : `documents with status ${scope}`;
}

async function workOf(dir: string, annotator: string, docIds: ReadonlySet<string>, statuses: ReadonlySet<DocStatus>, stopAtFirstSpan: boolean): Promise<Work> {
  const folder = annotatorDir(dir, annotator);
  const work: Work = { files: 0, spans: 0 };
  for (const name of (await readdirOrEmpty(folder)).sort()) {
    if (!name.endsWith('.json') || !docIds.has(name.slice(0, -'.json'.length))) continue;
    const read = await readJsonFile(join(folder, name), annotationFileSchema).catch(() => null);
    if (!read?.ok) continue;
    work.files++;
    if (statuses.has(read.value.status)) work.spans += read.value.spans.length;
    if (stopAtFirstSpan && work.spans > 0) break;
  }
  return work;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function chooseExportAnnotator(dir: string, chosen: CliAnnotator, scope: ExportOptions['scope']): Promise<ExportAnnotatorChoice> {
  const docIds = new Set((await readdirOrEmpty(join(dir, 'documents'))).filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -'.txt'.length)));
  const statuses = scopeStatuses(scope);
  const explicit = chosen.source === 'option';
  const gold = !explicit && (await hasGoldFiles(dir));
  const annotator = gold ? GOLD_ANNOTATOR : chosen.name;
  const who = gold ? `${GOLD_ANNOTATOR} (the adjudicated annotations, exported by default when a project has them)` : describeAnnotator(chosen);
  const taking = explicit ? null : `Exporting the annotations of ${who}; --annotator NAME exports someone else's.`;

  const own = await workOf(dir, annotator, docIds, statuses, true);
  if (own.spans > 0) return { ok: true, annotator, note: taking };

  const others: { name: string; spans: number }[] = [];
  const present = (await listAnnotators(dir)).filter((name) => name !== annotator);
  for (const name of present) {
    const work = await workOf(dir, name, docIds, statuses, false);
    if (work.spans > 0) others.push({ name, spans: work.spans });
  }
  // Nobody has spans there: nothing is hidden by exporting this annotator's (empty) work.
  if (others.length === 0) return { ok: true, annotator, note: taking };
  const where = describeScope(scope);
  if (explicit && own.files > 0) {
    // Asked for by name, and that annotator did work here (e.g. documents with nothing to tag).
    return { ok: true, annotator, note: `${annotator} has no spans in ${where}; ${list(others)}.` };
  }
  const only = others[0];
  if (!explicit && own.files === 0 && present.length === 1 && only) {
    return {
      ok: true,
      annotator: only.name,
      note: `${who} has no annotations in this project; exporting those of ${only.name}, its only annotator (${plural(only.spans, 'span', 'spans')} in ${where}). Use --annotator NAME to choose.`,
    };
  }
  return {
    ok: false,
    message:
      `nothing of ${who} to export: no spans in ${where}, while ${list(others)}. ` +
      `Nothing was written. Choose whose annotations to export with --annotator NAME, or export everyone's with --all-annotators.`,
  };
}

function list(others: readonly { name: string; spans: number }[]): string {
  const parts = others.map((o) => `${o.name} has ${plural(o.spans, 'span', 'spans')}`);
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
