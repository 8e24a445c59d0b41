import type { SuggestionView } from '../../../shared/api/contract';

/**
 * What each suggester is called on screen: its internal id ("actors", "gazetteer") never is.
 * A suggester added later without a name here is simply not named.
 */
const SUGGESTER_NAMES: Record<string, string> = {
  numbers: 'a figure in the text',
  actors: 'a name in the text',
  gazetteer: 'an actor tagged before in this project',
  claims: 'an attribution cue such as “said”',
};

export function suggesterName(suggester: SuggestionView['suggester'] | string): string | null {
  return SUGGESTER_NAMES[suggester] ?? null;
}
