import { useId, useMemo, useState } from 'react';
import { entityNamed, searchEntities } from '../../../shared/annotation/entities';
import { useStore } from '../stores/createStore';
import { entityStore, saveEntity } from './entityStore';

export interface EntityPickerProps {
  /** The linked entity's id, if any. */
  value: string | undefined;
  onChange(entityId: string | undefined): void;
  /** The span's text: what the search starts from. */
  spanText: string;
}

const MAX_SHOWN = 8;

/**
 * Link an Actor span to a project-wide entity: a combobox that lists the entities matching what
 * is typed (names and aliases, fuzzy: case, accents and a typo forgiven), pre-filled with the
 * span's text. ↑/↓ move, Enter picks, "Create “…”" makes a new entity; linking a span whose text
 * is not yet one of the entity's names adds it as an alias, so the next "Assad" finds it at once.
 */
export function EntityPicker({ value, onChange, spanText }: EntityPickerProps) {
  const entities = useStore(entityStore, (s) => s.entities);
  const linked = value ? entities.find((e) => e.id === value) : undefined;
  const [editing, setEditing] = useState(false);
  const [query, setQuery] = useState(spanText.trim());
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  const matches = useMemo(() => searchEntities(entities, query, MAX_SHOWN), [entities, query]);
  const exact = entityNamed(entities, query);
  const canCreate = query.trim() !== '' && !exact;
  const options = matches.length + (canCreate ? 1 : 0);

  const addAliasIfNew = async (entityId: string) => {
    const entity = entities.find((e) => e.id === entityId);
    const text = spanText.trim().replace(/\s+/g, ' ');
    if (!entity || !text || entityNamed([entity], text) || entityNamed(entities, text)) return;
    await saveEntity({ id: entity.id, name: entity.name, aliases: [...entity.aliases, text] });
  };

  const pick = async (index: number) => {
    setError(null);
    const match = matches[index];
    if (match) {
      onChange(match.entity.id);
      setEditing(false);
      await addAliasIfNew(match.entity.id);
      return;
    }
    if (!canCreate) return;
    const name = query.trim();
    const aliases = entityNamed([{ id: 'x', name, aliases: [] }], spanText) ? [] : [spanText.trim()].filter(Boolean);
    const created = await saveEntity({ name, aliases });
    if (!created.ok) {
      setError(created.message);
      return;
    }
    onChange(created.entity.id);
    setEditing(false);
  };

  if (linked && !editing) {
    return (
      <div className="entity-picker" data-testid="entity-picker">
        <span className="entity-linked" dir="auto" data-testid="entity-linked" data-entity-id={linked.id} title={[linked.name, ...linked.aliases].join(' · ')}>
          {linked.name}
        </span>
        <button
          type="button"
          onClick={() => {
            setQuery(spanText.trim());
            setActive(0);
            setEditing(true);
          }}
        >
          Change
        </button>
        <button type="button" aria-label="Unlink the entity" onClick={() => onChange(undefined)}>
          ×
        </button>
      </div>
    );
  }

  return (
    <div className="entity-picker" data-testid="entity-picker">
      {value && !linked && <p className="muted">Linked to “{value}”, which is no longer in entities.json.</p>}
      <input
        type="text"
        role="combobox"
        data-testid="entity-input"
        aria-expanded={options > 0}
        aria-controls={listId}
        aria-activedescendant={options > 0 ? `${listId}-${Math.min(active, options - 1)}` : undefined}
        aria-label="Entity"
        dir="auto"
        value={query}
        placeholder="Type a name"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (options > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + options) % options);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            void pick(Math.min(active, options - 1));
          } else if (e.key === 'Escape' && editing) {
            e.stopPropagation();
            setEditing(false);
          }
        }}
      />
      <ul className="entity-options" id={listId} role="listbox" aria-label="Matching entities">
        {matches.map((m, i) => (
          <li
            key={m.entity.id}
            id={`${listId}-${i}`}
            role="option"
            data-testid="entity-option"
            data-entity-id={m.entity.id}
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void pick(i)}
            dir="auto"
          >
            {m.entity.name}
            {m.matched !== m.entity.name && <span className="muted"> ({m.matched})</span>}
          </li>
        ))}
        {canCreate && (
          <li
            id={`${listId}-${matches.length}`}
            role="option"
            data-testid="entity-create"
            aria-selected={active === matches.length}
            className={active === matches.length ? 'active create' : 'create'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void pick(matches.length)}
          >
            Create “{query.trim()}”
          </li>
        )}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
