import { useEffect, useId, useRef, type ReactNode } from 'react';
import { setOverlay } from '../stores/appStore';

interface DialogProps {
  title: string;
  testId?: string;
  children: ReactNode;
  onClose?: () => void;
  wide?: boolean;
}

/** A modal dialog: focus moves into it on open and back where it was on close; Esc closes it. */
export function Dialog({ title, testId, children, onClose, wide }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    (first ?? ref.current)?.focus();
    return () => previous?.focus();
  }, []);
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
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close icon-button" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
