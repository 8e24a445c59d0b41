import { useEffect, useState } from 'react';

/** An input edited freely and committed on Enter or blur (lists typed with commas, numbers). */
export function CommitInput({ value, onCommit, ...rest }: { value: string; onCommit(v: string): void; 'aria-label': string; placeholder?: string; 'data-testid'?: string; className?: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      {...rest}
      dir="auto"
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onCommit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onCommit(draft);
        }
      }}
    />
  );
}
