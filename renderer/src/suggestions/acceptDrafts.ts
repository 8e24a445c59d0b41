import type { SuggestionView } from '../../../shared/api/contract';
import type { RelationType } from '../../../shared/model/schemas';
import type { SpanAddition } from '../stores/documentStore';

/** What accepting suggestions needs to know about the open document. */
export interface AcceptContext {
  /** All the document's suggestions (hidden labels too): a claimant may be an actor suggestion. */
  suggestions: readonly SuggestionView[];
  /** The spans tagged now. */
  spans: readonly { start: number; end: number; label: string }[];
  relationTypes: readonly RelationType[];
}

/** The relation type a claim's claimant is proposed as: attributed_to, else any type joining claim -> actor. */
export function claimantRelationType(types: readonly RelationType[], fromLabel: string): RelationType | null {
  const fits = (t: RelationType) => t.from.includes(fromLabel) && t.to.includes('actor');
  return types.find((t) => t.id === 'attributed_to' && fits(t)) ?? types.find(fits) ?? null;
}

const sameRange = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;

/**
 * The spans (and links) accepting `suggestions` adds, as `label` (a label key accepts as another
 * label). A claim whose attribution frame names a claimant gets the attributed_to relation to it:
 * to the actor span already tagged there, or to the actor suggestion there, accepted with it. Each
 * span is added once, however many claims name it.
 */
export function acceptanceDrafts(suggestions: readonly SuggestionView[], ctx: AcceptContext, label?: string): SpanAddition[] {
  const drafts: SpanAddition[] = [];
  const has = (r: { start: number; end: number; label: string }) => drafts.some((d) => sameRange(d, r) && d.label === r.label);
  for (const s of suggestions) {
    const as = label ?? s.label;
    const draft: SpanAddition = {
      start: s.start,
      end: s.end,
      label: as,
      origin: { format: 'suggestion', file: s.suggester },
      // Pre-filled values only fit the label they were computed for.
      ...(s.attributes && as === s.label ? { attributes: s.attributes } : {}),
    };
    const type = s.claimant && as === s.label ? claimantRelationType(ctx.relationTypes, as) : null;
    if (s.claimant && type) {
      const claimant = s.claimant;
      const tagged = ctx.spans.some((t) => t.label === 'actor' && sameRange(t, claimant));
      const suggested = tagged ? null : ctx.suggestions.find((o) => o.label === 'actor' && sameRange(o, claimant));
      if (suggested && !has(suggested)) drafts.push(...acceptanceDrafts([suggested], ctx));
      if (tagged || suggested) draft.links = [{ type: type.id, to: { start: claimant.start, end: claimant.end, label: 'actor' } }];
    }
    if (!has(draft)) drafts.push(draft);
  }
  return drafts;
}
