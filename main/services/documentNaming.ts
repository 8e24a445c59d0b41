/**
 * How an imported file becomes a document: its id (from the file name, unique in the project) and
 * its title. Shared by the plain-text importer (documentImporter) and the journaled writer that
 * every importer goes through (importCommit), so neither has to import the other.
 */

const MAX_TITLE_CODE_POINTS = 200;
const MAX_ID_BASE_LENGTH = 100;

/** The file name without any folder part (browsers and OSes use either separator). */
export const baseName = (name: string) => name.split(/[\\/]/).pop() || name;

/** A document id from a file name: its stem with everything outside [A-Za-z0-9_-] turned into '-'. */
export function slugId(fileName: string): string {
  const stem = baseName(fileName).replace(/\.[^.]*$/, '');
  const slug = stem
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_ID_BASE_LENGTH)
    .replace(/-+$/, '');
  return slug || 'document';
}

/** `base`, else base-2, base-3, ... (compared case-insensitively: macOS and Windows disks are). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const isMarkdown = (name: string) => /\.(md|markdown)$/i.test(name);

/** The first markdown '# ' heading of a .md file, else the first non-empty line, at most 200 characters. */
export function titleFor(text: string, fileName: string): string {
  const heading = isMarkdown(fileName) ? /^#[ \t]+(.*\S)/m.exec(text)?.[1] : undefined;
  const line = heading ?? text.split('\n').find((l) => l.trim() !== '') ?? '';
  const codePoints = Array.from(line.trim());
  return codePoints.length > MAX_TITLE_CODE_POINTS
    ? `${codePoints.slice(0, MAX_TITLE_CODE_POINTS - 1).join('').trimEnd()}…`
    : codePoints.join('');
}
