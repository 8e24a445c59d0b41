import type { SuggestionView } from '../../../shared/api/contract';
import type { LabelDef } from '../../../shared/model/schemas';
import { suggesterName } from './suggesterNames';

/** "Suggested Claim (the claim model: …), said by “Dmitry Peskov”": for the bar's tooltip and the outline's. */
export function describeSuggestion(s: SuggestionView, labels: readonly LabelDef[]): string {
  const name = labels.find((l) => l.id === s.label)?.name ?? s.label;
  const source = suggesterName(s.suggester);
  return `Suggested ${name}${source ? ` (${source})` : ''}${s.claimant ? `, said by “${s.claimant.quote}”` : ''}${scoreText(s)}`;
}

/** ", score 0.82": the confidence the threshold slider compares with (rule suggestions may have none). */
export const scoreText = (s: Pick<SuggestionView, 'score'>): string => (s.score === undefined ? '' : `, score ${s.score.toFixed(2)}`);

/** The bar's short form: "Claim, said by “Reuters”, score 0.82" or "Number suggestion" (internal names never shown). */
export function shortSuggestion(s: SuggestionView, labels: readonly LabelDef[]): string {
  const name = labels.find((l) => l.id === s.label)?.name ?? s.label;
  return `${s.claimant ? `${name}, said by “${s.claimant.quote}”` : `${name} suggestion`}${scoreText(s)}`;
}
