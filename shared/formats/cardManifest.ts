/**
 * The first line of every dataset card: a Markdown comment (invisible when the card is rendered)
 * recording which files this export wrote beside it and their SHA-256. It is how a later export
 * recognises files as its own: it may replace a data file only if the card beside it records that
 * file with its current hash (so a file the user wrote, or edited since, is never replaced), and
 * a card only if it is a Factmark card.
 */
export interface CardManifest {
  version: 1;
  /** File name (relative to the card's folder) -> SHA-256 (hex) of the content written. */
  files: Record<string, string>;
}

const PREFIX = '<!-- factmark-dataset-card ';
const SUFFIX = ' -->';

export function manifestLine(manifest: CardManifest): string {
  return `${PREFIX}${JSON.stringify(manifest)}${SUFFIX}`;
}

/** The manifest of a card's text; null when the text is not a Factmark dataset card. */
export function readManifest(card: string): CardManifest | null {
  const firstLine = card.replace(/^\uFEFF/, '').split('\n', 1)[0]?.trimEnd() ?? '';
  if (!firstLine.startsWith(PREFIX) || !firstLine.endsWith(SUFFIX)) return null;
  try {
    const parsed = JSON.parse(firstLine.slice(PREFIX.length, -SUFFIX.length)) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { version, files } = parsed as { version?: unknown; files?: unknown };
    if (version !== 1 || typeof files !== 'object' || files === null || Array.isArray(files)) return null;
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [name, hash] of Object.entries(files)) {
      if (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) out[name] = hash;
    }
    return { version: 1, files: out };
  } catch {
    return null;
  }
}
