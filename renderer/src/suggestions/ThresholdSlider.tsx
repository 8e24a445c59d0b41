import { useStore } from '../stores/createStore';
import { suggestionStore, thresholdOf } from './suggestionStore';
import { setSuggestionThreshold } from './suggestionActions';
import './suggestions.css';

/**
 * A label's threshold in the suggestion bar: suggestions scored below it are hidden (and left out
 * of Tab and "Accept all"). Arrow keys move it by 0.05, Page Up/Down by 0.1 (a native range input).
 */
export function ThresholdSlider({ label, name }: { label: string; name: string }) {
  const value = useStore(suggestionStore, (s) => thresholdOf(s, label));
  return (
    <label className="suggestion-threshold" title={`${name} suggestions scored below ${value.toFixed(2)} are hidden`}>
      <span className="visually-hidden">Minimum score of the {name} suggestions</span>
      <input
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={value}
        data-testid="suggestions-threshold"
        data-label={label}
        aria-valuetext={`${value.toFixed(2)}`}
        onChange={(e) => setSuggestionThreshold(label, Number(e.target.value))}
      />
      <output aria-hidden="true">≥{value.toFixed(2)}</output>
    </label>
  );
}
