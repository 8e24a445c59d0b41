import { useEffect, useId, useRef, type ReactNode } from 'react';
import { setOverlay } from '../stores/appStore';
import { holdModalBackground } from '../layout/modalBackground';
import { useFocusableWhenScrolling } from '../layout/useFocusableWhenScrolling';

interface DialogProps {
  title: string;
  testId?: string;
  children: ReactNode;
  onClose?: () => void;
  wide?: boolean;
}

/**
 * A modal dialog: focus moves into it on open and back where it was on close; Esc closes it; the
 * page behind is inert. Its body scrolls under a fixed title, and a `.dialog-footer` inside it
 * (the row with the dialog's main button) stays visible at the bottom however short the window.
 */
export function Dialog({ title, testId, children, onClose, wide }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const release = holdModalBackground();
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    (first ?? ref.current)?.focus();
    return () => {
      release();
      previous?.focus();
    };
  }, []);
  const body = useRef<HTMLDivElement>(null);
  useFocusableWhenScrolling(body, titleId);
  const close = onClose ?? (() => setOverlay(null));
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={ref}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        tabIndex={-1}
      >
        {/* A div, not a <header>: a header here would count as a second banner landmark. */}
        <div className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close icon-button" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        <div className="dialog-body" ref={body}>
          {children}
        </div>
      </div>
    </div>
  );
}
