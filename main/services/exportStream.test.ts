import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportJsonl, type ExportDocument } from '../../shared/formats/exportJsonl';
import { sortSpans } from '../../shared/annotation/operations';
import { annotationFileSchema, documentMetaSchema, projectFileSchema } from '../../shared/model/schemas';
import { importText, projectWithAnnotator, removeTempDirs, span, TEST_VERSION, unwrap } from './serviceTestKit';
import { mulberry32 } from '../../shared/formats/splits';

afterEach(removeTempDirs);

const WORDS = ['Russia', 'pledged', '72', 'hours', 'of', 'calm,', 'said', '𝔘N', 'officials', '👍🏽', 'on', 'Tuesday.', 'Prices', 'rose', '3.5%'];
const LABELS = ['claim', 'actor', 'number'];

describe('the streamed JSONL export', () => {
  it('writes exactly what the pure exportJsonl makes of the same project', async () => {
    const now = new Date(2026, 10, 22, 18, 0, 0);
    const { service, dir } = await projectWithAnnotator({ now: () => now });
    const random = mulberry32(6);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    for (let d = 0; d < 40; d++) {
      const words = Array.from({ length: 20 + Math.floor(random() * 40) }, () => pick(WORDS));
      const text = words.join(d % 3 === 0 ? ' ' : '\n\n'.repeat(random() < 0.1 ? 1 : 0) || ' ');
      const docId = await importText(service, `doc-${d}.txt`, text);
      if (d % 7 === 6) continue; // never opened: exported as not started
      const bounds = [...text.matchAll(/\S+/gu)].map((m) => [m.index, m.index + m[0].length] as const);
      const byKey = new Map<string, ReturnType<typeof span>>();
      for (let i = 0; i < Math.floor(random() * 12); i++) {
        const from = Math.floor(random() * bounds.length);
        const to = Math.min(bounds.length - 1, from + Math.floor(random() * 4));
        const s = span(`s${i}`, (bounds[from] as readonly [number, number])[0], (bounds[to] as readonly [number, number])[1], pick(LABELS));
        byKey.set(`${s.start}:${s.end}:${s.label}`, s);
      }
      const spans = [...byKey.values()];
      unwrap(await service.saveAnnotations({ docId, status: pick(['todo', 'in_progress', 'done'] as const), spans }));
    }

    const report = unwrap(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'all' }));
    const project = projectFileSchema.parse(JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')));
    const docs: ExportDocument[] = readdirSync(join(dir, 'documents'))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((name) => {
        const meta = documentMetaSchema.parse(JSON.parse(readFileSync(join(dir, 'documents', name), 'utf8')));
        const text = readFileSync(join(dir, 'documents', `${meta.id}.txt`), 'utf8');
        let annotation = null;
        try {
          annotation = annotationFileSchema.parse(JSON.parse(readFileSync(join(dir, 'annotations', 'alice', name), 'utf8')));
        } catch {
          // not started
        }
        return { meta, text, status: annotation?.status ?? 'todo', annotator: 'alice', spans: sortSpans(annotation?.spans ?? []), relations: annotation?.relations ?? [] };
      });
    const expected = exportJsonl(docs, { unit: 'codepoint', labels: project.labels, factmarkVersion: TEST_VERSION, createdAt: now.toISOString() });
    expect(docs.length).toBe(40);
    expect(report.documents).toBe(40);
    expect(readFileSync(report.path, 'utf8')).toBe(expected.content);
    expect(JSON.parse(readFileSync(report.sidecarPath, 'utf8'))).toEqual(expected.sidecar);
  });
});
