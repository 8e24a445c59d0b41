import { isRecord } from './importTypes';

/**
 * The one guard every record importer shares: a record that holds span-like data under a key
 * the importer did not read (doccano 1.x `annotations`, a tool's `entities`, `ner`, `marks`, ...)
 * is never passed over in silence. Each parser tells which keys it read; any other key whose
 * name looks like annotations and whose value holds something is counted, with its lines, in a
 * warning: the user learns that the file carries data Factmark did not take.
 */
const SPAN_LIKE =
  /^(drafts?|spans?|entit(y|ies)|ents|labels?|annotations?|annots?|relations?|relationships?|links?|ner|tags?|mentions?|regions?|results?|predictions?|completions?|marks?|highlights?|arcs?|chunks?|triples?|offsets?)$/i;

/** A key name that looks like it holds annotations (also as the last part of `my_entities`, `nerTags`). */
export function looksSpanLike(key: string): boolean {
  const parts = key.split(/[_\-\s.]+|(?<=[a-z])(?=[A-Z])/).filter((p) => p !== '');
  return parts.length > 0 && SPAN_LIKE.test(parts[parts.length - 1] as string);
}

/** How many items a value holds: list entries, object keys; 0 for empty values and scalars. */
function itemCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (isRecord(value)) return Object.keys(value).length;
  return 0;
}

export class UnreadFields {
  private readonly byKey = new Map<string, { records: number; items: number; lines: number[] }>();

  /** Key names already looked at: a file's records repeat the same few keys. */
  private readonly names = new Map<string, boolean>();

  private spanLike(key: string): boolean {
    let known = this.names.get(key);
    if (known === undefined) {
      known = looksSpanLike(key);
      this.names.set(key, known);
    }
    return known;
  }

  constructor(
    private readonly file: string,
    /** What `check`'s position counts: file lines, or tasks of a JSON list. */
    private readonly unit: 'line' | 'task' = 'line',
  ) {}

  /** Look at one record: `read` are the keys the parser used (or deliberately set aside with a warning of its own). */
  check(record: Record<string, unknown>, read: readonly string[], position: number): void {
    for (const key in record) {
      if (read.includes(key) || !this.spanLike(key)) continue;
      const value = record[key];
      const items = itemCount(value);
      if (items === 0) continue;
      const entry = this.byKey.get(key) ?? { records: 0, items: 0, lines: [] };
      entry.records++;
      entry.items += items;
      if (entry.lines.length < 10 && !entry.lines.includes(position)) entry.lines.push(position);
      this.byKey.set(key, entry);
    }
  }

  /** One warning per key that held unread data (empty when there was none). */
  warnings(): string[] {
    return [...this.byKey].map(([key, e]) => {
      const where = ` (${this.unit}${e.lines.length === 1 ? '' : 's'} ${e.lines.join(', ')}${e.records > e.lines.length ? ', …' : ''})`;
      return `${this.file}: ${e.records} record${e.records === 1 ? ' holds' : 's hold'} "${key}" (${e.items} item${e.items === 1 ? '' : 's'}) that Factmark did not read${where}; if those are annotations, they were not imported.`;
    });
  }
}
