import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../model/labels';
import { manifestLine, readManifest } from './cardManifest';
import { countSuggested, datasetCard, type CardSummary } from './datasetCard';
import { buildNotices } from './exportNotices';

const summary = (extra: Partial<CardSummary> = {}): CardSummary => ({
  format: 'jsonl',
  projectName: 'Aleppo',
  createdAt: '2026-11-22T10:00:00.000Z',
  factmarkVersion: '9.9.9',
  unit: 'codepoint',
  labels: DEFAULT_LABELS,
  scope: 'all documents',
  annotators: ['alice'],
  files: ['x.jsonl'],
  spans: { all: { number: 3, actor: 2, claim: 1 } },
  documents: { all: ['a', 'b'] },
  split: null,
  dropped: null,
  schema: 'One JSON object per line.',
  ...extra,
});

describe('countSuggested', () => {
  it('counts only spans whose origin is a suggestion, by suggester and label', () => {
    const into = {};
    countSuggested(into, [
      { label: 'number', origin: { format: 'suggestion', file: 'numbers' } },
      { label: 'number', origin: { format: 'suggestion', file: 'numbers' } },
      { label: 'claim', origin: { format: 'suggestion', file: 'numbers' } },
      { label: 'actor', origin: { format: 'suggestion', file: 'gazetteer' } },
      { label: 'actor', origin: { format: 'brat', file: 'a.ann' } },
      { label: 'actor' },
    ]);
    countSuggested(into, [{ label: 'actor', origin: { format: 'suggestion', file: 'actors' } }]);
    expect(into).toEqual({ numbers: { number: 2, claim: 1 }, gazetteer: { actor: 1 }, actors: { actor: 1 } });
  });
});

describe('dataset card: suggested, then accepted', () => {
  it('states how many spans were suggested then accepted, per suggester and label', () => {
    const card = datasetCard(summary({ suggested: { numbers: { number: 2 }, gazetteer: { actor: 1 }, claims: { claim: 1 } } }));
    expect(card).toContain('## Suggested, then accepted');
    expect(card).toContain('4 spans of the exported documents were proposed by');
    expect(card).toContain('| suggester | Claim | Actor | Number | total |');
    expect(card).toContain('| `numbers` | 0 | 0 | 2 | 2 |');
    expect(card).toContain('| `gazetteer` | 0 | 1 | 0 | 1 |');
    expect(card).toContain('| `claims` | 1 | 0 | 0 | 1 |');
  });

  it('says none were when no span came from a suggestion, and has no section when not counted', () => {
    expect(datasetCard(summary({ suggested: {} }))).toContain('0 spans of the exported documents were proposed by');
    expect(datasetCard(summary())).not.toContain('Suggested, then accepted');
  });
});

describe('dataset card: what the export does not carry', () => {
  it('lists each notice, says when nothing was left out, and names the file it describes', () => {
    const notices = buildNotices('conll', {
      'attributes-not-written': { value: 3, status: 1 },
      'spans-widened': { number: 1 },
      'tokens-split': { tokens: 2 },
    });
    const card = datasetCard(summary({ format: 'conll', notices, describes: 'all.conll' }));
    expect(card).toContain('This card describes `all.conll`.');
    expect(card).toContain('## What this export does not carry');
    expect(card).toContain('- CoNLL (token per line, IOB2 / BIOES): 1 span is written over whole tokens wider than the span');
    expect(card).toContain('4 attribute values are not in the file (the format has no place for them; export JSONL to keep them): status 1, value 3.');
    expect(card).toContain('2 tokens were cut at span boundaries');
    expect(datasetCard(summary({ notices: [] }))).toContain('Every span, attribute value and relation of the exported annotations is in the file.');
    expect(datasetCard(summary())).not.toContain('does not carry');
  });
});

describe('card manifest', () => {
  it('round-trips the files a card records, and recognises only Factmark cards', () => {
    const manifest = { version: 1 as const, files: { 'all.jsonl': 'a'.repeat(64) } };
    const card = `${manifestLine(manifest)}\n${datasetCard(summary())}`;
    expect(readManifest(card)).toEqual(manifest);
    expect(readManifest(datasetCard(summary()))).toBeNull();
    expect(readManifest('# My notes\n')).toBeNull();
    expect(readManifest('<!-- factmark-dataset-card {"version":2,"files":{}} -->')).toBeNull();
  });
});
