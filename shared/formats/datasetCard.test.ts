import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../model/labels';
import { countSuggested, datasetCard, type CardSummary } from './datasetCard';

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
