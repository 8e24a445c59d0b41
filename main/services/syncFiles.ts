import type { SyncFileKind } from '../../shared/api/syncViews';
import {
  annotationFileSchema,
  describeZodError,
  documentMetaSchema,
  entitiesFileSchema,
  projectFileSchema,
} from '../../shared/model/schemas';
import { stableJson } from './atomicJson';
import { entitiesJson } from './entityStore';
import { annotationJson, projectFileJson } from './projectStore';
import { mergeJson, type Json } from './syncJsonMerge';

/**
 * Which project files a sync commits, and whose they are (docs/project-format.md, "Working as
 * a team"): an annotator's own annotation files, the project-level files (project.json,
 * entities.json, claims.json, the documents), other annotators' annotation files. Everything
 * else (exports/, files set aside as invalid, temporary files of interrupted writes, .factmark/)
 * is never committed by Factmark.
 */
export type SyncOwner = 'mine' | 'project' | 'others';

const DOC_FILE = /^documents\/[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.(json|txt)$/;
const ANNOTATION_FILE = /^annotations\/([^/]+)\/([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.json$/;
const PROJECT_FILES = new Set(['project.json', 'entities.json', 'claims.json', '.gitignore', '.gitattributes']);

/** Whose a path (inside the project, with `/`) is; null: Factmark never commits it. */
export function ownerOf(path: string, me: string): SyncOwner | null {
  if (PROJECT_FILES.has(path) || DOC_FILE.test(path)) return 'project';
  const m = ANNOTATION_FILE.exec(path);
  if (m) return m[1] === me ? 'mine' : 'others';
  return null;
}

export function kindOf(path: string): SyncFileKind {
  if (path === 'project.json') return 'project';
  if (path === 'entities.json') return 'entities';
  if (DOC_FILE.test(path)) return 'document';
  if (ANNOTATION_FILE.test(path)) return 'annotation';
  return 'other';
}

/** The annotator and document of an annotation file path, or null. */
export function annotationOf(path: string): { annotator: string; docId: string } | null {
  const m = ANNOTATION_FILE.exec(path);
  return m ? { annotator: m[1] as string, docId: m[2] as string } : null;
}

/** The id of a document file path (documents/<id>.json|txt), or null. */
export function documentOf(path: string): string | null {
  return DOC_FILE.test(path) ? path.slice('documents/'.length).replace(/\.(json|txt)$/, '') : null;
}

/**
 * Check a resolved file's content before it is written: a merge the user confirmed must still
 * be a valid file of its kind. Answers the content as the app writes it (stable key order), or
 * a sentence saying what is wrong.
 */
export function normaliseContent(path: string, content: string): { ok: true; content: string } | { ok: false; message: string } {
  const kind = kindOf(path);
  if (kind === 'other' || path.endsWith('.txt')) return { ok: true, content };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (err) {
    return { ok: false, message: `${path} is not valid JSON (${err instanceof Error ? err.message : String(err)}).` };
  }
  if (kind === 'project') {
    const p = projectFileSchema.safeParse(parsed);
    return p.success ? { ok: true, content: projectFileJson(p.data) } : { ok: false, message: `${path} is not a valid project file: ${describeZodError(p.error)}.` };
  }
  if (kind === 'entities') {
    const p = entitiesFileSchema.safeParse(parsed);
    return p.success ? { ok: true, content: entitiesJson(p.data) } : { ok: false, message: `${path} is not a valid entity list: ${describeZodError(p.error)}.` };
  }
  if (kind === 'annotation') {
    const p = annotationFileSchema.safeParse(parsed);
    return p.success ? { ok: true, content: annotationJson(p.data) } : { ok: false, message: `${path} is not a valid annotation file: ${describeZodError(p.error)}.` };
  }
  const p = documentMetaSchema.safeParse(parsed);
  return p.success ? { ok: true, content: stableJson(p.data) } : { ok: false, message: `${path} is not valid document metadata: ${describeZodError(p.error)}.` };
}

function parseJson(text: string | null): Json | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * Both sides' changes to a JSON file combined, if the combination is a valid file of its kind;
 * for project.json, spans' label ids and hotkeys are checked by the schema like any save.
 */
export function proposeMerge(path: string, base: string | null, mine: string | null, theirs: string | null): { merged: string | null; notes: string[] } {
  if (kindOf(path) === 'other' || path.endsWith('.txt') || mine === null || theirs === null) return { merged: null, notes: [] };
  const m = parseJson(mine);
  const t = parseJson(theirs);
  if (m === undefined || t === undefined) return { merged: null, notes: [] };
  const { value, notes } = mergeJson(parseJson(base), m, t);
  if (value === undefined) return { merged: null, notes };
  const normal = normaliseContent(path, JSON.stringify(value));
  return { merged: normal.ok ? normal.content : null, notes };
}
