import { useEffect, useMemo, useRef } from 'react';
import type { LabelDef } from '../../../shared/model/schemas';

export interface ShownSpan {
  start: number;
  end: number;
  label: string;
}

/**
 * A text with spans drawn as marks (read-only, for comparing annotators): the text is cut at every
 * span boundary and each piece is marked with the shortest span covering it, its title naming
 * every label that covers it, so nested spans stay visible.
 */
export function SpanText({ text, spans, labels, current, testId, label = 'Tagged text' }: { text: string; spans: readonly ShownSpan[]; labels: readonly LabelDef[]; current?: { start: number; end: number } | null; testId?: string; label?: string }) {
  const pieces = useMemo(() => {
    const cuts = new Set<number>([0, text.length]);
    for (const s of spans) {
      cuts.add(s.start);
      cuts.add(s.end);
    }
    const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    const out: { start: number; end: number; covering: ShownSpan[] }[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i]!;
      const end = points[i + 1]!;
      out.push({ start, end, covering: spans.filter((s) => s.start <= start && s.end >= end) });
    }
    return out;
  }, [text, spans]);
  const box = useRef<HTMLDivElement>(null);
  // The current stop scrolls into view as the adjudicator steps through a long document.
  useEffect(() => {
    box.current?.querySelector('.mark-current')?.scrollIntoView?.({ block: 'nearest' });
  }, [current?.start, current?.end]);
  const colour = (label: string) => labels.find((l) => l.id === label)?.color ?? '#888888';
  const name = (label: string) => labels.find((l) => l.id === label)?.name ?? label;
  return (
    // Focusable: a scrolling text must scroll from the keyboard too; dir="auto" for RTL documents.
    <div className="compare-text" data-testid={testId} ref={box} tabIndex={0} role="region" aria-label={label} dir="auto">
      {pieces.map((p) => {
        const piece = text.slice(p.start, p.end);
        if (p.covering.length === 0)
          return (
            <span key={p.start} data-start={p.start}>
              {piece}
            </span>
          );
        const inner = [...p.covering].sort((a, b) => a.end - a.start - (b.end - b.start))[0]!;
        const isCurrent = current != null && p.start >= current.start && p.end <= current.end;
        return (
          <mark
            key={p.start}
            data-start={p.start}
            className={isCurrent ? 'mark-current' : undefined}
            data-labels={p.covering.map((c) => c.label).join(' ')}
            title={p.covering.map((c) => name(c.label)).join(', ')}
            style={{ ['--mark-color' as string]: colour(inner.label) }}
          >
            {piece}
          </mark>
        );
      })}
    </div>
  );
}

/**
 * The text offsets of the browser selection inside a SpanText box (every piece carries its
 * data-start), whitespace at either end left out; null when the selection is empty or elsewhere.
 */
export function selectionOffsets(box: HTMLElement, text: string): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const at = (node: Node, offset: number): number | null => {
    const piece = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>('[data-start]');
    if (!piece || !box.contains(piece)) return null;
    return Number(piece.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  let start = at(range.startContainer, range.startOffset);
  let end = at(range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}
