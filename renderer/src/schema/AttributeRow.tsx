import type { AttributeType } from '../../../shared/model/schemas';
import { CommitInput } from './CommitInput';
import type { DraftAttr } from './schemaDraft';

const TYPES: AttributeType[] = ['choice', 'multi', 'text', 'number', 'boolean', 'entity'];

const splitList = (s: string) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];

function retype(a: DraftAttr, type: AttributeType): DraftAttr {
  const base = { key: a.key, origId: a.origId, id: a.id, name: a.name, required: a.required };
  const options = 'options' in a ? a.options : ['yes', 'no'];
  switch (type) {
    case 'choice':
      return { ...base, type, options };
    case 'multi':
      return { ...base, type, options };
    case 'text':
      return { ...base, type };
    case 'number':
      return { ...base, type };
    case 'boolean':
      return { ...base, type };
    case 'entity':
      return { ...base, type };
  }
}

function DefaultField({ a, update }: { a: DraftAttr; update(patch: Partial<DraftAttr>): void }) {
  const label = `Default of ${a.name}`;
  switch (a.type) {
    case 'choice':
      return (
        <select aria-label={label} value={a.default ?? ''} onChange={(e) => update({ default: e.target.value || undefined } as Partial<DraftAttr>)}>
          <option value="">(no default)</option>
          {a.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <select
          aria-label={label}
          value={a.default === undefined ? '' : String(a.default)}
          onChange={(e) => update({ default: e.target.value === '' ? undefined : e.target.value === 'true' } as Partial<DraftAttr>)}
        >
          <option value="">(no default)</option>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      );
    case 'number':
      return (
        <CommitInput
          aria-label={label}
          placeholder="default"
          value={a.default === undefined ? '' : String(a.default)}
          onCommit={(v) => update({ default: v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v) } as Partial<DraftAttr>)}
        />
      );
    case 'text':
      return <CommitInput aria-label={label} placeholder="default" value={a.default ?? ''} onCommit={(v) => update({ default: v || undefined } as Partial<DraftAttr>)} />;
    case 'multi':
      return (
        <CommitInput aria-label={label} placeholder="defaults, comma separated" value={(a.default ?? []).join(', ')} onCommit={(v) => update({ default: splitList(v).length ? splitList(v) : undefined } as Partial<DraftAttr>)} />
      );
    case 'entity':
      return <span className="muted">from the entity list</span>;
  }
}

export function AttributeRow({ a, update, remove, move }: { a: DraftAttr; update(patch: Partial<DraftAttr>): void; remove(): void; move(d: -1 | 1): void }) {
  return (
    <div className="schema-attr" data-testid="schema-attribute" data-attr-id={a.id}>
      <CommitInput aria-label="Attribute id" value={a.id} onCommit={(v) => update({ id: v.trim() })} />
      <CommitInput aria-label="Attribute name" value={a.name} onCommit={(v) => update({ name: v.trim() })} />
      <select aria-label={`Type of ${a.name}`} value={a.type} onChange={(e) => update(retype(a, e.target.value as AttributeType))}>
        {TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <label className="check" title="Spans of this label need a value">
        <input type="checkbox" checked={a.required} onChange={(e) => update({ required: e.target.checked })} />
        required
      </label>
      <span className="input-with-button">
        <button type="button" className="schema-small" aria-label={`Move ${a.name} up`} onClick={() => move(-1)}>
          ↑
        </button>
        <button type="button" className="schema-small" aria-label={`Move ${a.name} down`} onClick={() => move(1)}>
          ↓
        </button>
        <button type="button" className="schema-small" aria-label={`Delete ${a.name}`} onClick={remove}>
          ×
        </button>
      </span>
      <div className="schema-attr-extra">
        {(a.type === 'choice' || a.type === 'multi') && (
          <CommitInput aria-label={`Options of ${a.name}`} placeholder="options, comma separated" value={a.options.join(', ')} onCommit={(v) => update({ options: splitList(v) } as Partial<DraftAttr>)} />
        )}
        {a.type === 'text' && (
          <CommitInput
            aria-label={`Suggestions for ${a.name}`}
            placeholder="suggestions, comma separated"
            value={(a.suggestions ?? []).join(', ')}
            onCommit={(v) => update({ suggestions: splitList(v).length ? splitList(v) : undefined } as Partial<DraftAttr>)}
          />
        )}
        <DefaultField a={a} update={update} />
      </div>
    </div>
  );
}
