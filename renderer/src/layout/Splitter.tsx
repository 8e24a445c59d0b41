import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

const KEY_STEP = 0.05;

export interface SplitterProps {
  /** What the splitter resizes (its accessible name says so). */
  label: string;
  /** The id of the element above it, which it resizes. */
  controls: string;
  /** Current share (0..1) of the container's height above the splitter. */
  share: number;
  min: number;
  max: number;
  onChange(share: number): void;
}

/**
 * A horizontal bar between two stacked regions: drag it, or focus it and use ↑/↓ (Home/End for
 * the limits). A WAI-ARIA window splitter (role="separator" with a value).
 */
export function Splitter({ label, controls, share, min, max, onChange }: SplitterProps) {
  const ref = useRef<HTMLDivElement>(null);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const container = ref.current?.parentElement;
    if (!container || e.button !== 0) return;
    e.preventDefault();
    const box = container.getBoundingClientRect();
    const move = (ev: globalThis.PointerEvent) => onChange(clamp((ev.clientY - box.top) / Math.max(1, box.height)));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next =
      e.key === 'ArrowUp' ? share - KEY_STEP : e.key === 'ArrowDown' ? share + KEY_STEP : e.key === 'Home' ? min : e.key === 'End' ? max : null;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    onChange(clamp(next));
  };
  return (
    <div
      ref={ref}
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-controls={controls}
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      aria-valuenow={Math.round(share * 100)}
      tabIndex={0}
      data-own-keys="true"
      data-testid="span-splitter"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
