import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuEntry {
  key: string;
  label: string;
  title?: string;
  disabled?: boolean;
  /** CSS class of the entry's <li> (e.g. to show it only when the bar hides its button). */
  className?: string;
  /** A heading before this entry (starts a group). */
  group?: string;
  onSelect(): void;
}

/**
 * A button that opens a menu (WAI-ARIA menu button): Enter, Space or ↓ open it on the first item,
 * ↑ on the last; ↑/↓/Home/End move, Enter chooses, Esc or Tab closes and focus returns to the
 * button. Hidden entries (display: none through their class) are skipped.
 */
export function MenuButton({ label, buttonContent, className, entries, testId, emptyText = 'Nothing here yet.' }: { label: string; buttonContent: ReactNode; className?: string; entries: readonly MenuEntry[]; testId?: string; emptyText?: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const items = () => [...(root.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]:not(:disabled)') ?? [])].filter((el) => el.offsetParent !== null);
  const focusItem = (index: number) => {
    const all = items();
    all[(index + all.length) % Math.max(1, all.length)]?.focus();
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  const openAt = (where: 'first' | 'last') => {
    setOpen(true);
    requestAnimationFrame(() => focusItem(where === 'first' ? 0 : -1));
  };
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusItem(at + 1);
    else if (e.key === 'ArrowUp') focusItem(at - 1);
    else if (e.key === 'Home') focusItem(0);
    else if (e.key === 'End') focusItem(-1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className={className ? `menu ${className}` : 'menu'} ref={root}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        data-testid={testId}
        onClick={() => (open ? close(false) : openAt('first'))}
        onKeyDown={onButtonKey}
      >
        {buttonContent}
      </button>
      {open && (
        <ul className="menu-list" role="menu" id={menuId} aria-label={label} data-own-keys="true" onKeyDown={onMenuKey}>
          {entries.length === 0 && (
            <li className="menu-empty" role="none">
              {emptyText}
            </li>
          )}
          {entries.map((entry) => (
            <li key={entry.key} role="none" className={entry.className}>
              {entry.group && (
                <span className="menu-group" aria-hidden="true">
                  {entry.group}
                </span>
              )}
              <button
                type="button"
                role="menuitem"
                title={entry.title}
                disabled={entry.disabled}
                onClick={() => {
                  close(true);
                  entry.onSelect();
                }}
              >
                {entry.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
