import type { CSSProperties } from 'react';
import type { SuggestionView } from '../../../shared/api/contract';
import type { LabelDef } from '../../../shared/model/schemas';
import { describeSuggestion, shortSuggestion } from '../suggestions/describeSuggestion';
import { acceptAllSuggestions, toggleSuggestionLabel } from '../suggestions/suggestionActions';
import { ThresholdSlider } from '../suggestions/ThresholdSlider';

export interface SuggestionBarProps {
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
export function SuggestionBar({ available, hiddenLabels, labels, disabled, focused = null, scored }: SuggestionBarProps) {
  const ids = [...new Set((scored ?? available).map((s) => s.label))];
  // Always there with one fixed height: suggestions arriving must not move the text being selected.
  return (
    <div className="suggestion-bar" data-testid="suggestion-bar" role="toolbar" aria-label="Suggestions">
      <span title="Tab steps through the suggestions, Enter accepts, x rejects">{ids.length === 0 ? 'Suggestions: none' : 'Suggestions:'}</span>
      {ids.map((id) => {
        const label = labels.find((l) => l.id === id);
        const name = label?.name ?? id;
        const count = available.filter((s) => s.label === id).length;
        const shown = !hiddenLabels.includes(id);
        return (
          <span key={id} className="suggestion-group">
            <button
              type="button"
              data-testid="suggestions-toggle"
              data-label={id}
              aria-pressed={shown}
              title={shown ? `Hide the ${name} suggestions` : `Show the ${name} suggestions`}
              style={{ '--suggestion-color': label?.color ?? '#6b7280' } as CSSProperties}
              onClick={() => toggleSuggestionLabel(id)}
            >
              {name} ({count})
            </button>
            {shown && (
              <button
                type="button"
                data-testid="suggestions-accept-all"
                data-label={id}
                disabled={disabled}
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
