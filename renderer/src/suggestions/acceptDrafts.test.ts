import { describe, expect, it } from 'vitest';
import type { SuggestionView } from '../../../shared/api/contract';
import { ok, fail } from '../../../shared/api/result';
import type { ProjectView } from '../../../shared/api/views';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../../../shared/model/labels';
import { createDocumentStore } from '../stores/documentStore';
import { acceptanceDrafts, claimantRelationType } from './acceptDrafts';
import { describeSuggestion, shortSuggestion } from './describeSuggestion';
import { documentView } from '../stores/storeTestKit';

const TEXT = 'Rebels entered the city on Friday, the Syrian army reported.';
const at = (q: string) => ({ start: TEXT.indexOf(q), end: TEXT.indexOf(q) + q.length });
const claimRange = at('Rebels entered the city on Friday');
const armyRange = at('Syrian army');
const claim: SuggestionView = { id: 'claim', ...claimRange, label: 'claim', suggester: 'claims', claimant: { ...armyRange, quote: 'Syrian army' } };
const army: SuggestionView = { id: 'army', ...armyRange, label: 'actor', suggester: 'actors' };
const friday: SuggestionView = { id: 'friday', ...at('Friday'), label: 'number', suggester: 'numbers', attributes: { value: 5 } };
const types = DEFAULT_RELATION_TYPES;

describe('acceptanceDrafts', () => {
  it('accepts a claim with its suggested claimant and links them by attributed_to', () => {
    const drafts = acceptanceDrafts([claim], { suggestions: [claim, army], spans: [], relationTypes: types });
    expect(drafts).toEqual([
      { ...armyRange, label: 'actor', origin: { format: 'suggestion', file: 'actors' } },
      { ...claimRange, label: 'claim', origin: { format: 'suggestion', file: 'claims' }, links: [{ type: 'attributed_to', to: { ...armyRange, label: 'actor' } }] },
    ]);
  });

  it('links to the actor span already tagged, and adds it only once for several claims', () => {
    const tagged = acceptanceDrafts([claim], { suggestions: [claim], spans: [{ ...armyRange, label: 'actor' }], relationTypes: types });
    expect(tagged).toHaveLength(1);
    expect(tagged[0]?.links).toEqual([{ type: 'attributed_to', to: { ...armyRange, label: 'actor' } }]);
    const second = { ...claim, id: 'c2', start: 0, end: 6 };
    const twice = acceptanceDrafts([claim, second], { suggestions: [claim, second, army], spans: [], relationTypes: types });
    expect(twice.filter((d) => d.label === 'actor')).toHaveLength(1);
    expect(twice.filter((d) => d.links)).toHaveLength(2);
  });

  it('no link without a claimant span or suggestion, without a relation type, or accepted as another label', () => {
    expect(acceptanceDrafts([claim], { suggestions: [claim], spans: [], relationTypes: types })[0]?.links).toBeUndefined();
    expect(acceptanceDrafts([claim], { suggestions: [claim, army], spans: [], relationTypes: [] })).toHaveLength(1);
    const asActor = acceptanceDrafts([claim], { suggestions: [claim, army], spans: [], relationTypes: types }, 'actor');
    expect(asActor).toEqual([{ ...claimRange, label: 'actor', origin: { format: 'suggestion', file: 'claims' } }]);
    // Pre-filled values only for the label they were computed for.
    expect(acceptanceDrafts([friday], { suggestions: [], spans: [], relationTypes: types })[0]?.attributes).toEqual({ value: 5 });
    expect(acceptanceDrafts([friday], { suggestions: [], spans: [], relationTypes: types }, 'claim')[0]?.attributes).toBeUndefined();
  });

  it('claimantRelationType prefers attributed_to, else any claim -> actor type', () => {
    expect(claimantRelationType(types, 'claim')?.id).toBe('attributed_to');
    const other = { id: 'quoted', name: 'quoted', from: ['claim'], to: ['actor'], directed: true };
    expect(claimantRelationType([other], 'claim')?.id).toBe('quoted');
    expect(claimantRelationType([other], 'number')).toBeNull();
  });

  it('describes a claim with its claimant, in words: internal suggester names never reach the screen', () => {
    expect(describeSuggestion(claim, DEFAULT_LABELS)).toBe('Suggested Claim (the claim model: attribution cues and sentence scores), said by “Syrian army”');
    expect(describeSuggestion(army, DEFAULT_LABELS)).toBe('Suggested Actor (the actor model, learning from this project)');
    expect(shortSuggestion(claim, DEFAULT_LABELS)).toBe('Claim, said by “Syrian army”');
    expect(shortSuggestion(army, DEFAULT_LABELS)).toBe('Actor suggestion');
  });

  it('shows the score the threshold slider compares with', () => {
    expect(shortSuggestion({ ...army, score: 0.8249 }, DEFAULT_LABELS)).toBe('Actor suggestion, score 0.82');
    expect(describeSuggestion({ ...claim, score: 0.5 }, DEFAULT_LABELS)).toBe('Suggested Claim (the claim model: attribution cues and sentence scores), said by “Syrian army”, score 0.50');
  });
});

describe('documentStore.addSpans with links', () => {
  it('adds the claim, its claimant and the attributed_to relation as one undoable step', async () => {
    const view = documentView(TEXT);
    let n = 0;
    const store = createDocumentStore({
      api: {
        getDocument: async () => ok(view),
        saveAnnotations: async () => ok({ updatedAt: '2024-01-02T00:00:00Z', revision: 'b'.repeat(64), project: {} as ProjectView }),
        listVersions: async () => ok({ versions: [] }),
        restoreVersion: async () => fail('not-found', 'none'),
      },
      onProjectUpdated: () => undefined,
      schema: () => ({ labels: DEFAULT_LABELS, relationTypes: DEFAULT_RELATION_TYPES }),
      newId: () => `s${++n}`,
      now: () => '2024-01-02T00:00:00Z',
      autosaveDelayMs: 60_000,
    });
    await store.open('d1');
    expect(store.addSpans(acceptanceDrafts([claim], { suggestions: [claim, army], spans: [], relationTypes: types }))).toEqual({ ok: true });
    const present = () => store.get().doc!.history.present;
    const armySpan = present().spans.find((s) => s.label === 'actor');
    const claimSpan = present().spans.find((s) => s.label === 'claim');
    expect(armySpan?.quote).toBe('Syrian army');
    expect(present().relations).toMatchObject([{ type: 'attributed_to', from: claimSpan!.id, to: armySpan!.id }]);
    expect(store.undo()).toBe(true);
    expect(present()).toEqual({ spans: [], relations: [] });
    await store.close();
  });
});
