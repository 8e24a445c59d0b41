import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { suggestionFileSchema } from '../../shared/suggest/suggestionFile';
import { failure, importText, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';
import { suggestionFilePath } from './suggestionService';

afterEach(removeTempDirs);

const TEXT = 'The storm lasted 72 hours. Officials said 40 percent of homes lost power for 3 days.\n';

describe('getSuggestions / rejectSuggestion', () => {
  it('proposes numbers, leaves out spans already tagged with the same label', async () => {
    const { service } = await projectWithAnnotator();
    const docId = await importText(service, 'storm.txt', TEXT);
    const all = unwrap(await service.getSuggestions({ docId })).suggestions;
    const hours = all.find((s) => s.label === 'number' && TEXT.slice(s.start, s.end) === '72 hours');
    expect(hours).toBeDefined();
    expect(hours!.attributes?.value).toBe(72);
    expect(hours!.id).toBe(`number:${hours!.start}-${hours!.end}`);
    unwrap(await service.saveAnnotations({ docId, status: 'todo', spans: [span('a', hours!.start, hours!.end, 'number')] }));
    const after = unwrap(await service.getSuggestions({ docId })).suggestions;
    expect(after.some((s) => s.label === 'number' && s.start === hours!.start)).toBe(false);
    expect(after.length).toBe(all.length - 1);
  });

  it('remembers a rejection in the suggestions file and never proposes it again', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'storm.txt', TEXT);
    const all = unwrap(await service.getSuggestions({ docId })).suggestions;
    const [first, second] = all.filter((s) => s.label === 'number');
    const left = unwrap(await service.rejectSuggestion({ docId, suggestionId: first!.id })).suggestions;
    expect(left.some((s) => s.id === first!.id)).toBe(false);
    const leftAgain = unwrap(await service.rejectSuggestion({ docId, span: { start: second!.start, end: second!.end, label: 'number' } })).suggestions;
    expect(leftAgain.some((s) => s.id === second!.id)).toBe(false);
    const file = suggestionFileSchema.parse(JSON.parse(readFileSync(suggestionFilePath(dir, 'alice', docId), 'utf8')));
    expect(file.rejected.map((r) => r.quote)).toEqual([TEXT.slice(first!.start, first!.end), TEXT.slice(second!.start, second!.end)]);
    const fresh = unwrap(await service.getSuggestions({ docId })).suggestions;
    expect(fresh.map((s) => s.id)).toEqual(leftAgain.map((s) => s.id));
  });

  it('refuses a suggestion outside the text and a malformed id', async () => {
    const { service } = await projectWithAnnotator();
    const docId = await importText(service, 'storm.txt', TEXT);
    expect(failure(await service.rejectSuggestion({ docId, span: { start: 0, end: 10_000, label: 'number' } })).code).toBe('invalid-input');
    expect(failure(await service.rejectSuggestion({ docId, suggestionId: 'nonsense' })).code).toBe('invalid-input');
  });
});

describe('dataset card', () => {
  it('counts the exported spans that were suggested, then accepted, per suggester and label', async () => {
    const { service } = await projectWithAnnotator({ trustedPaths: true });
    const docId = await importText(service, 'storm.txt', TEXT);
    const fromSuggestion = (id: string, start: number, end: number, label: string, suggester: string) => ({
      ...span(id, start, end, label),
      origin: { format: 'suggestion' as const, file: suggester },
    });
    const at = (q: string) => TEXT.indexOf(q);
    unwrap(
      await service.saveAnnotations({
        docId,
        status: 'done',
        spans: [
          fromSuggestion('a', at('72 hours'), at('72 hours') + 8, 'number', 'numbers'),
          fromSuggestion('b', at('40 percent'), at('40 percent') + 10, 'number', 'numbers'),
          fromSuggestion('c', at('Officials'), at('Officials') + 9, 'actor', 'actors'),
          span('d', at('3 days'), at('3 days') + 6, 'number'),
        ],
      }),
    );
    const out = unwrap(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'all', outPath: join(tempDir(), 'x.jsonl') }));
    const card = readFileSync(out.cardPath, 'utf8');
    expect(card).toContain('3 spans of the exported documents were proposed by');
    expect(card).toMatch(/\| `numbers` \| [^\n]*\b2 \| 2 \|/);
    expect(card).toMatch(/\| `actors` \| [^\n]*\| 1 \|/);
  });
});
