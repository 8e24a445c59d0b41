import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { doccanoNotes } from './exportDoccano';
import { FILE_ADAPTERS, formatSchema } from './exportAdapters';
import { labelStudioConfig, type LabelStudioTask } from './exportLabelStudio';
import { record, settings, spanAt } from './exportTestKit';

/**
 * Exports as other tools' own readers take them (issue 14, item 9): the W3C test suite's
 * collection and page schemas, label-studio-converter's reading of tasks, doccano's importer.
 */
const TEXT = 'Hi 😀! The army said 72 soldiers died. Reuters denied it.';
const claim = spanAt(TEXT, 'The army said 72 soldiers died', 'claim');
const army = spanAt(TEXT, 'army', 'actor');
const n72 = spanAt(TEXT, '72', 'number');
const reuters = spanAt(TEXT, 'Reuters', 'actor');
const rec = record('doc1', TEXT, [claim, army, n72, reuters]);

function stream(format: 'w3c' | 'labelstudio', part: string | null = null): string {
  const a = FILE_ADAPTERS[format];
  const s = settings({ unit: format === 'labelstudio' ? 'utf16' : 'codepoint' });
  let text = a.header(s, part);
  let items = 0;
  for (const r of [rec, record('doc2', 'Nothing tagged here.', []), rec]) {
    const out = a.record(r, s, items);
    items += out.items;
    text += out.text;
  }
  return text + a.footer(s, items);
}

describe('W3C AnnotationCollection and its page, against the test suite’s definitions', () => {
  const DEFS = join(__dirname, '..', '..', 'test-fixtures', 'external', 'w3c-web-annotation', 'web-annotation-tests', 'definitions');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const f of readdirSync(DEFS)) ajv.addSchema(JSON.parse(readFileSync(join(DEFS, f), 'utf8')));
  const check = (ref: string, value: unknown) => {
    const validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema ${ref}`);
    return validate(value) ? 'valid' : JSON.stringify(validate.errors?.slice(0, 2));
  };

  it('gives the page an id (5.2-pageIdValidated: a single URI), partOf its collection, and the collection an id (5.1)', () => {
    const parsed = JSON.parse(stream('w3c'));
    const page = parsed.first;
    // 5.1-collectionIdValidated and 5.2-pageIdValidated both apply id.json#/definitions/idValueFound.
    expect(check('id.json#/definitions/idValueFound', parsed)).toBe('valid');
    expect(check('id.json#/definitions/idValueFound', page)).toBe('valid');
    expect(check('collections.json#/definitions/annotationCollectionTypeValueFound', parsed)).toBe('valid');
    expect(check('collections.json#/definitions/annotationPageTypeValueFound', page)).toBe('valid');
    expect(check('collections.json#/definitions/partOfFound', page)).toBe('valid');
    expect(check('collections.json#/definitions/startIndexFound', page)).toBe('valid');
    expect(check('collections.json#/definitions/itemsFound', page)).toBe('valid');
    expect(check('collections.json#/definitions/firstRequiredIfTotalMoreThanZero', parsed)).toBe('valid');
    expect(page.partOf).toBe(parsed.id);
    expect(page.id).not.toBe(parsed.id);
    // The definition really checks: a page without an id fails it.
    expect(check('id.json#/definitions/idValueFound', { ...page, id: undefined })).not.toBe('valid');
  });

  it('gives each split’s file a collection of its own', () => {
    const train = JSON.parse(stream('w3c', 'train'));
    const dev = JSON.parse(stream('w3c', 'dev'));
    expect(train.id).not.toBe(dev.id);
    expect(train.first.id).not.toBe(dev.first.id);
  });
});

describe('Label Studio tasks as label-studio-converter reads them', () => {
  /**
   * label-studio-converter (converter.py, annotation_result_from_task / get_data) reads `task["id"]`
   * (KeyError without it), `task["data"]`, the annotations not `was_cancelled`, and from each
   * result with a `from_name` that is a tag of the labeling config: its `value` (start, end, text,
   * labels). Results without `from_name` (relations) are skipped.
   */
  function convert(tasks: LabelStudioTask[], config: string) {
    const tags = [...config.matchAll(/<Labels name="([^"]+)" toName="([^"]+)"/g)].map((m) => m[1]);
    const labels = new Set([...config.matchAll(/<Label value="([^"]+)"/g)].map((m) => m[1]));
    return tasks.map((task) => {
      if (!('id' in task)) throw new Error("KeyError: 'id'");
      const annotations = task.annotations.filter((a) => !(a as { was_cancelled?: boolean }).was_cancelled);
      const outputs = annotations.flatMap((a) => a.result.filter((r) => 'from_name' in r && tags.includes(r.from_name)));
      return { id: task.id, input: task.data, outputs: outputs as Extract<LabelStudioTask['annotations'][number]['result'][number], { from_name: string }>[], labels };
    });
  }

  it('gives every task an integer id, and every span converts to the characters it tags', () => {
    const tasks = JSON.parse(stream('labelstudio')) as LabelStudioTask[];
    expect(tasks.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(tasks.map((t) => t.annotations[0]?.id)).toEqual([1, 2, 3]);
    const converted = convert(tasks, labelStudioConfig(settings().labels));
    expect(converted.map((c) => c.outputs.length)).toEqual([4, 0, 4]);
    for (const c of converted) {
      for (const o of c.outputs) {
        expect(c.input.text.slice(o.value.start, o.value.end)).toBe(o.value.text);
        expect(c.labels.has(o.value.labels[0])).toBe(true);
      }
    }
    // Without ids, as before, the converter stops.
    expect(() => convert(tasks.map(({ id: _id, ...rest }) => rest as LabelStudioTask), labelStudioConfig(settings().labels))).toThrow(/KeyError/);
  });
});

describe('doccano', () => {
  it('counts the spans doccano’s importer would drop without “Allow overlapping entity”, and the card says so', () => {
    // doccano's SpanCleaner keeps, in start order, a span only if it starts at or after the last kept end.
    expect(doccanoNotes(rec)['overlap-needs-setting']).toEqual({ actor: 1, number: 1 });
    expect(doccanoNotes(record('d', TEXT, [army, reuters]))['overlap-needs-setting']).toEqual({});
    expect(formatSchema('doccano', settings())).toMatch(/Allow overlapping entity/);
  });
});
