import type { CSSProperties } from 'react';
import type { SuggestionView } from '../../../shared/api/contract';
import type { LabelDef } from '../../../shared/model/schemas';
import { describeSuggestion, shortSuggestion } from './describeSuggestion';
import { acceptAllSuggestions, toggleSuggestionLabel } from './suggestionActions';
import { useSuggestionGroups } from './suggestionGroups';
import { ThresholdSlider } from './ThresholdSlider';

export interface SuggestionBarProps {
  /** The open document (its groups are remembered while it is open). */
  docId: string;
  /** Its suggestions are still being computed (a long article takes a while). */
  loading?: boolean;
  /** The open document's suggestions minus spans already tagged (hidden labels included). */
  available: readonly SuggestionView[];
  hiddenLabels: readonly string[];
  labels: readonly LabelDef[];
  disabled: boolean;
  /** The suggestion Tab moved to, if any: the bar says what it is (and who said a claim). */
  focused?: SuggestionView | null;
  /** All the document's suggestions, below the thresholds too: a label keeps its group (and its slider) when all are below. */
  scored?: readonly SuggestionView[];
}


/** Above the article: show or hide each label's suggestions, and accept all of a label at once. */
export function SuggestionBar({ docId, loading = false, available, hiddenLabels, labels, disabled, focused = null, scored }: SuggestionBarProps) {
  // Schema order, and a group at 0 stays (disabled): nothing moves under the pointer. A label
  // whose suggestions are all below its threshold keeps its group (and its slider).
  const groups = useSuggestionGroups(docId, labels, available, scored);
  // Always there with one fixed height: suggestions arriving must not move the text being selected.
  return (
    <div className="suggestion-bar" data-testid="suggestion-bar" data-loading={loading ? 'true' : undefined} role="toolbar" aria-label="Suggestions">
      <span title="Tab steps through the suggestions, Enter accepts, x rejects" role="status">
        {loading && groups.length === 0 ? 'Suggestions: loading…' : groups.length === 0 ? 'Suggestions: none' : 'Suggestions:'}
      </span>
      {groups.map(({ id, name, color, count }) => {
        const shown = !hiddenLabels.includes(id);
        return (
          <span key={id} className="suggestion-group">
            <button
              type="button"
              data-testid="suggestions-toggle"
              data-label={id}
              aria-pressed={shown}
              disabled={count === 0}
              title={shown ? `Hide the ${name} suggestions` : `Show the ${name} suggestions`}
              style={{ '--suggestion-color': color ?? '#6b7280' } as CSSProperties}
              onClick={() => toggleSuggestionLabel(id)}
            >
              {name} ({count})
            </button>
            {shown && (
              <button
                type="button"
                data-testid="suggestions-accept-all"
                data-label={id}
                disabled={disabled || count === 0}
                title={`Accept the ${name} suggestions shown on this page, above the threshold (one undoable step; more than 20 ask first)`}
                onClick={() => acceptAllSuggestions(id)}
              >
                Accept all
              </button>
            )}
            {shown && <ThresholdSlider label={id} name={name} />}
          </span>
        );
      })}
      {focused && (
        <span
          data-testid="suggestion-focus"
          title={`${describeSuggestion(focused, labels)}. Enter accepts${focused.claimant ? ' it with the attributed-to relation' : ''}, x rejects, a label key accepts it as that label.`}
          style={{ marginLeft: 'auto', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}
        >
          {shortSuggestion(focused, labels)}
        </span>
      )}
    </div>
  );
}
