import type { DraftLabel } from './schemaDraft';

export function LabelChecks({ labels, chosen, onChange, name }: { labels: readonly DraftLabel[]; chosen: readonly string[]; onChange(ids: string[]): void; name: string }) {
  return (
    <div className="multi-field" role="group" aria-label={name}>
      {labels.map((l) => (
        <label key={l.key} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(l.id)}
            onChange={(e) => onChange(e.target.checked ? labels.filter((x) => x.id === l.id || chosen.includes(x.id)).map((x) => x.id) : chosen.filter((x) => x !== l.id))}
          />
          {l.name}
        </label>
      ))}
    </div>
  );
}
