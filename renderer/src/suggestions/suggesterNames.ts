import type { SuggestionView } from '../../../shared/api/contract';

/**
 * What each suggester is called on screen: its internal id ("actors", "gazetteer") never is.
 * A suggester added later without a name here is simply not named.
 */
const SUGGESTER_NAMES: Record<string, string> = {
  numbers: 'a figure in the text',
  actors: 'the actor model, learning from this project',
  gazetteer: 'an actor tagged before in this project',
  claims: 'the claim model: attribution cues and sentence scores',
};

export function suggesterName(suggester: SuggestionView['suggester'] | string): string | null {
  return SUGGESTER_NAMES[suggester] ?? null;
}
