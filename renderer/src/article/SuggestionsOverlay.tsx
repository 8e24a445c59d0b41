import { useLayoutEffect, useState, type RefObject } from 'react';
import type { SuggestionView } from '../../../shared/api/contract';
import type { LabelDef } from '../../../shared/model/schemas';
import { describeSuggestion } from '../suggestions/describeSuggestion';
import { rectsOfOffsets } from './domOffsets';
import { observeArticleLayout } from './observeArticleLayout';

interface Box {
  key: string;
  id: string;
  label: string;
  color: string;
  left: number;
  top: number;
  width: number;
  height: number;
  title: string;
  /** The claimant the focused claim suggestion names (accepted with it). */
  claimant: boolean;
}

export interface SuggestionsOverlayProps {
  /** The scrolling container the boxes are drawn in (position: relative). */
  containerRef: RefObject<HTMLElement | null>;
  suggestions: readonly SuggestionView[];
  labels: readonly LabelDef[];
  focusedId: string | null;
  /** Changes whenever the article is redrawn (spans, page), so boxes are measured again. */
  layoutKey: unknown;
}

/**
 * Suggestions drawn as dashed outlines in their label's colour over the article text (never
 * marks: they are not annotations). Only the current page's are drawn.
 */
export function SuggestionsOverlay({ containerRef, suggestions, labels, focusedId, layoutKey }: SuggestionsOverlayProps) {
  const [boxes, setBoxes] = useState<Box[]>([]);

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // Measured in the next animation frame, at most once per frame (observeArticleLayout).
    const measure = () => {
      const articleEl = container.querySelector<HTMLElement>('[data-testid=article]');
      if (!articleEl || suggestions.length === 0) {
        setBoxes([]);
        return;
      }
      const box = container.getBoundingClientRect();
      const next: Box[] = [];
      const claimant = suggestions.find((s) => s.id === focusedId)?.claimant;
      for (const s of suggestions) {
        const label = labels.find((l) => l.id === s.label);
        rectsOfOffsets(articleEl, s.start, s.end).forEach((r, i) => {
          next.push({
            key: `${s.id}#${i}`,
            id: s.id,
            label: s.label,
            color: label?.color ?? '#6b7280',
            left: r.left - box.left + container.scrollLeft,
            top: r.top - box.top + container.scrollTop,
            width: r.width,
            height: r.height,
            title: describeSuggestion(s, labels),
            claimant: !!claimant && s.label === 'actor' && s.start === claimant.start && s.end === claimant.end,
          });
        });
      }
      setBoxes(next);
    };
    return observeArticleLayout(container, measure);
  }, [containerRef, suggestions, labels, layoutKey, focusedId]);

  if (boxes.length === 0) return null;
  return (
    <div className="suggestions-overlay" aria-hidden="true">
      {boxes.map((b) => (
        <div
          key={b.key}
          className={b.id === focusedId ? 'suggestion-box focused' : 'suggestion-box'}
          data-testid="suggestion"
          data-suggestion-id={b.id}
          data-label={b.label}
          data-focused={b.id === focusedId ? 'true' : undefined}
          data-claimant={b.claimant ? 'true' : undefined}
          title={b.title}
          style={{ left: b.left - 1, top: b.top - 1, width: b.width + 2, height: b.height + 2, borderColor: b.color, ...(b.claimant ? { borderStyle: 'solid', borderWidth: 2 } : {}) }}
        />
      ))}
    </div>
  );
}
