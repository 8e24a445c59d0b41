import type { SuggestionView } from '../../../shared/api/contract';
import type { LabelDef } from '../../../shared/model/schemas';
import { suggesterName } from './suggesterNames';

/** "Suggested Claim (an attribution cue such as “said”), said by “Dmitry Peskov”": for the bar's tooltip and the outline's. */
export function describeSuggestion(s: SuggestionView, labels: readonly LabelDef[]): string {
  const name = labels.find((l) => l.id === s.label)?.name ?? s.label;
  const source = suggesterName(s.suggester);
  return `Suggested ${name}${source ? ` (${source})` : ''}${s.claimant ? `, said by “${s.claimant.quote}”` : ''}`;
}

/** The bar's short form: "Claim, said by “Reuters”" or "Number suggestion" (internal names never shown). */
export function shortSuggestion(s: SuggestionView, labels: readonly LabelDef[]): string {
  const name = labels.find((l) => l.id === s.label)?.name ?? s.label;
  return s.claimant ? `${name}, said by “${s.claimant.quote}”` : `${name} suggestion`;
}
