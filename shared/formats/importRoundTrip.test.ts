import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRAT_ADAPTER, FILE_ADAPTERS } from './exportAdapters';
import type { ExportRecord, ExportSettings } from './exportRecord';
import { settings as baseSettings, T0 } from './exportTestKit';
import { buildAnnotations, ImportLosses } from './importedAnnotations';
import { groupImportFiles, parseAnnotationGroup, type ImportInputFile } from './importGroups';
import { matchLabel } from './labelMapping';
import { ALL, CAPABILITIES, comparable, LABELS, projectArb, RELATION_TYPES, stripAttributesNotCarried, type Comparable } from './roundTrip.testkit';

/**
 * Issue 14, "Done means": each of Factmark's export formats, imported back, gives what was
 * exported: the same spans, labels, attribute values and relations, over generated projects whose
 * texts hold astral characters (emoji, ZWJ sequences, mathematical letters), combining marks,
 * right-to-left and CJK script, and line breaks inside spans. What a format cannot hold is listed
 * in roundTrip.testkit.ts (CAPABILITIES) and is the exporter's to declare; the importer must
 * bring back all the rest. CoNLL and CSV hold no document text and are refused on import with
 * that reason (importFidelity.test.ts). main/cli/importRoundTrip.test.ts runs the same through
 * the real exporter and `factmark import`.
 */

// ------------------------------------------------------------------ export, then import

const enc = (name: string, s: string): ImportInputFile => ({ name, bytes: new TextEncoder().encode(s) });

function exportAs(format: string, records: ExportRecord[], s: ExportSettings): ImportInputFile[] {
  if (format === 'brat') {
    const files = records.flatMap((r) => {
      const out = BRAT_ADAPTER.record(r, r.meta.id, s.labels).files;
      return [enc(`brat/${out.name}.txt`, out.txt), enc(`brat/${out.name}.ann`, out.ann)];
    });
    // What the exporter writes beside the documents: not documents themselves.
    return [...files, enc('brat/annotation.conf', BRAT_ADAPTER.annotationConf(s.labels, [], s.relationTypes)), enc('brat/README.md', '# card\n\nExported by Factmark 9.9.9 on x.\n')];
  }
  const adapter = FILE_ADAPTERS[format as keyof typeof FILE_ADAPTERS];
  let items = 0;
  let body = adapter.header(s);
  for (const r of records) {
    const out = adapter.record(r, s, items);
    items += out.items;
    body += out.text;
  }
  body += adapter.footer(s, items);
  const ext = { jsonl: 'jsonl', doccano: 'jsonl', labelstudio: 'json', w3c: 'jsonld' }[format]!;
  const files = [enc(`all.${ext}`, body), enc(`all.${ext}.README.md`, '# card\n')];
  // W3C annotations point at documents: their texts come along, named by document id.
  if (format === 'w3c') files.push(...records.map((r) => enc(`${r.meta.id}.txt`, r.text)));
  return files;
}

function importBack(files: ImportInputFile[]): { byText: Map<string, Comparable>; warnings: string[]; kinds: string[] } {
  const groups = groupImportFiles(files);
  const byText = new Map<string, Comparable>();
  const warnings: string[] = [];
  let n = 0;
  for (const g of groups) {
    if (g.kind === 'ignored') continue;
    if (g.kind === 'text') {
      // A text no annotation points at (W3C writes nothing for a document without spans): a document without spans.
      byText.set(new TextDecoder().decode(g.main.bytes), { spans: [], relations: [] });
      continue;
    }
    const parsed = parseAnnotationGroup(g);
    if (!parsed.ok) throw new Error(`${g.label}: ${parsed.error.reason} (line ${parsed.error.line})`);
    warnings.push(...parsed.warnings);
    const losses = new ImportLosses();
    for (const doc of parsed.documents) {
      const built = buildAnnotations(doc, { labels: LABELS, relationTypes: RELATION_TYPES, target: (l) => matchLabel(LABELS, l), stamp: T0, newId: () => `n${n++}` }, losses);
      byText.set(doc.text, comparable(built.spans, built.relations, ALL));
    }
    warnings.push(...losses.warnings(g.main.name));
  }
  return { byText, warnings, kinds: groups.map((g) => g.kind) };
}

const FORMATS: [string, Partial<ExportSettings>][] = [
  ['jsonl', { unit: 'codepoint' }],
  ['jsonl', { unit: 'utf16' }],
  ['labelstudio', { unit: 'utf16' }],
  ['labelstudio', { unit: 'codepoint' }],
  ['doccano', { unit: 'utf16' }],
  ['doccano', { unit: 'codepoint' }],
  ['w3c', { unit: 'codepoint' }],
  ['brat', { unit: 'codepoint' }],
];

describe('every export format imports back to what was exported (property, astral text included)', () => {
  it.each(FORMATS.map(([f, o]) => [`${f} (${o.unit})`, f, o] as const))('%s', (_name, format, over) => {
    const s = baseSettings({ ...over, labels: LABELS, relationTypes: RELATION_TYPES });
    const carry = CAPABILITIES[format]!;
    fc.assert(
      fc.property(projectArb, (records) => {
        const back = importBack(exportAs(format, records, s));
        // No export file is ever taken for a document, and nothing is refused.
        expect(back.kinds.filter((k) => k === 'unsupported')).toEqual([]);
        for (const r of records) {
          const expected = comparable(r.spans, r.relations ?? [], carry);
          const got = back.byText.get(r.text);
          // Every document comes back, with or without spans.
          expect(got, `document ${r.meta.id} is missing`).toBeDefined();
          expect({ spans: got!.spans.map((x) => (carry === ALL ? x : stripAttributesNotCarried(x, carry))), relations: got!.relations }).toEqual(expected);
        }
        // Whatever came back was said to be complete: no attribute or relation was reported lost.
        expect(back.warnings.filter((w) => /not kept/.test(w))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

