import type { SuggestionView } from '../../../shared/api/contract';
import type { LabelDef } from '../../../shared/model/schemas';

/** "Suggested Claim, said by “Dmitry Peskov”": a suggestion described for the bar and its tooltip. */
export function describeSuggestion(s: SuggestionView, labels: readonly LabelDef[]): string {
  const name = labels.find((l) => l.id === s.label)?.name ?? s.label;
  return `Suggested ${name} (${s.suggester})${s.claimant ? `, said by “${s.claimant.quote}”` : ''}${scoreText(s)}`;
}

/** ", score 0.82": the confidence the threshold slider compares with (rule suggestions may have none). */
export const scoreText = (s: Pick<SuggestionView, 'score'>): string => (s.score === undefined ? '' : `, score ${s.score.toFixed(2)}`);

/** The bar's short form: "Claim, said by “Reuters”" or "Number (numbers)". */
export function shortSuggestion(s: SuggestionView, labels: readonly LabelDef[]): string {
  const name = labels.find((l) => l.id === s.label)?.name ?? s.label;
  return `${s.claimant ? `${name}, said by “${s.claimant.quote}”` : `${name} (${s.suggester})`}${scoreText(s)}`;
}
