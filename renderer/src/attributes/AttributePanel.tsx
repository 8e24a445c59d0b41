import { useEffect, useState, type KeyboardEvent } from 'react';
import type { AttributeDef, AttributeValue, LabelDef, Span } from '../../../shared/model/schemas';
import { missingRequired } from '../../../shared/model/schemaEdits';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { setSpanAttributes } from './attributeActions';
import { documentStore } from '../stores/appDocumentStore';
import { EntityPicker } from './EntityPicker';
import { ownValue } from '../../../shared/model/keyed';
import { asciiDigits } from '../../../shared/text/scripts';

type Values = Record<string, AttributeValue>;

/**
 * A choice field: the options as a radio group. With focus on it, 1-9 pick an option, 0 or
 * Backspace clears it, arrows move; the app's shortcuts leave it alone (data-own-keys).
 */
function ChoiceField({ def, value, disabled, onChange }: { def: Extract<AttributeDef, { type: 'choice' }>; value: string | undefined; disabled: boolean; onChange(v: string | undefined): void }) {
  const index = value === undefined ? -1 : def.options.indexOf(value);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (disabled || e.ctrlKey || e.metaKey || e.altKey) return;
    const n = /^[1-9]$/.test(e.key) ? Number(e.key) : NaN;
    let next: string | undefined | null = null;
    if (!Number.isNaN(n) && def.options[n - 1] !== undefined) next = def.options[n - 1];
    else if (e.key === '0' || e.key === 'Backspace' || e.key === 'Delete') next = undefined;
    else if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = def.options[Math.min(def.options.length - 1, index + 1)];
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = def.options[Math.max(0, index - 1)];
    else return;
    e.preventDefault();
    e.stopPropagation();
    onChange(next ?? undefined);
  };
  return (
    <div
      className="choice-field"
      role="radiogroup"
      aria-label={def.name}
      data-own-keys="true"
      data-testid={`attr-${def.id}`}
      tabIndex={disabled ? -1 : 0}
      onKeyDown={onKeyDown}
    >
      {def.options.map((o, i) => (
        <button
          key={o}
          type="button"
          role="radio"
          tabIndex={-1}
          aria-checked={o === value}
          className={o === value ? 'choice on' : 'choice'}
          disabled={disabled}
          onClick={() => onChange(o === value ? undefined : o)}
        >
          {i < 9 && <kbd>{i + 1}</kbd>} {o}
        </button>
      ))}
    </div>
  );
}

/** A text or number field: edited freely, committed on Enter or when focus leaves it. */
function TypedField({ def, value, disabled, onChange }: { def: AttributeDef; value: AttributeValue | undefined; disabled: boolean; onChange(v: AttributeValue | undefined): void }) {
  const shown = value === undefined ? '' : String(value);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(shown);
    setError(null);
  }, [shown]);
  const commit = () => {
    const t = draft.trim();
    if (def.type === 'number') {
      if (t === '') return onChange(undefined);
      // Digits of any script ("٧٢") are read as numbers.
      const n = Number(asciiDigits(t).replace(/,/g, ''));
      if (!Number.isFinite(n)) {
        setError(`${def.name} must be a number.`);
        return;
      }
      setError(null);
      if (n !== value) onChange(n);
      return;
    }
    if (t !== shown) onChange(t === '' ? undefined : t);
  };
  const listId = def.type === 'text' && def.suggestions ? `suggest-${def.id}` : undefined;
  return (
    <>
      <input
        data-testid={`attr-${def.id}`}
        aria-label={def.name}
        aria-invalid={error !== null}
        dir="auto"
        inputMode={def.type === 'number' ? 'decimal' : undefined}
        value={draft}
        disabled={disabled}
        list={listId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {listId && def.type === 'text' && (
        <datalist id={listId}>
          {def.suggestions?.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {error && <span className="form-error attr-error">{error}</span>}
    </>
  );
}

function Field({ def, values, disabled, set, spanText }: { def: AttributeDef; values: Values; disabled: boolean; set(id: string, v: AttributeValue | undefined): void; spanText: string }) {
  const value = ownValue(values, def.id);
  switch (def.type) {
    case 'entity':
      return disabled ? (
        <span data-testid={`attr-${def.id}`}>{typeof value === 'string' ? value : '—'}</span>
      ) : (
        <div data-testid={`attr-${def.id}`}>
          <EntityPicker value={typeof value === 'string' ? value : undefined} spanText={spanText} onChange={(id) => set(def.id, id)} />
        </div>
      );
    case 'choice':
      return <ChoiceField def={def} value={typeof value === 'string' ? value : undefined} disabled={disabled} onChange={(v) => set(def.id, v)} />;
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="multi-field" data-testid={`attr-${def.id}`} role="group" aria-label={def.name}>
          {def.options.map((o) => (
            <label key={o} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(o)}
                disabled={disabled}
                onChange={(e) => set(def.id, e.target.checked ? def.options.filter((x) => x === o || chosen.includes(x)) : chosen.filter((x) => x !== o))}
              />
              {o}
            </label>
          ))}
        </div>
      );
    }
    case 'boolean':
      return (
        <input
          type="checkbox"
          data-testid={`attr-${def.id}`}
          aria-label={def.name}
          checked={value === true}
          disabled={disabled}
          onChange={(e) => set(def.id, e.target.checked)}
        />
      );
    default:
      return <TypedField def={def} value={value} disabled={disabled} onChange={(v) => set(def.id, v)} />;
  }
}

/** The selected span's attributes (its label's definitions), under the span list. */
export function AttributePanel({ span, label, readOnly }: { span: Span; label: LabelDef | undefined; readOnly: boolean }) {
  const defs = label?.attributes ?? [];
  const values = span.attributes ?? {};
  const missing = missingRequired(label, values);
  if (defs.length === 0) return null;
  const set = (id: string, v: AttributeValue | undefined) => {
    const next: Values = { ...values };
    if (v === undefined) delete next[id];
    else next[id] = v;
    setSpanAttributes(span.id, next);
  };
  return (
    <section className="attribute-panel" data-testid="attribute-panel" aria-label={`Attributes of the selected ${label?.name ?? 'span'}`}>
      <h3>
        {label?.name} attributes
        {missing.length > 0 && (
          <span className="missing-note" data-testid="attr-missing">
            {' '}
            missing: {missing.join(', ')}
          </span>
        )}
      </h3>
      <div className="attr-grid">
        {defs.map((d) => (
          <div key={d.id} className="attr-row">
            <span className="attr-name">
              {d.name}
              {d.required && <abbr title="required">*</abbr>}
            </span>
            <Field def={d} values={values} disabled={readOnly} set={set} spanText={span.quote} />
          </div>
        ))}
      </div>
    </section>
  );
}

/** The AttributePanel for the open document's selected span, if any. */
export function SelectedSpanAttributes() {
  const span = useStore(documentStore, (s) => s.doc?.history.present.spans.find((x) => x.id === s.doc?.selectedSpanId));
  const readOnly = useStore(documentStore, (s) => (s.doc?.textChanged ?? false) || s.lockedReason !== null);
  const labels = useStore(appStore, (s) => s.project?.labels);
  if (!span) return null;
  return <AttributePanel key={span.id} span={span} label={labels?.find((l) => l.id === span.label)} readOnly={readOnly} />;
}

/**
 * Marks of spans that lack a required value get a dashed outline: one style rule per such span,
 * so the article view does not rebuild when a value is set (its marks carry only span ids).
 */
export function MissingRequiredMarks() {
  const spans = useStore(documentStore, (s) => s.doc?.history.present.spans);
  const labels = useStore(appStore, (s) => s.project?.labels);
  const byId = new Map((labels ?? []).map((l) => [l.id, l]));
  const ids = (spans ?? []).filter((s) => missingRequired(byId.get(s.label), s.attributes).length > 0).map((s) => s.id);
  if (ids.length === 0) return null;
  const selectors = ids.map((id) => `.fm-mark[data-span-ids~="${CSS.escape(id)}"]`).join(',\n');
  return <style data-testid="missing-marks-style">{`${selectors} { outline: 1.5px dashed #b91c1c; outline-offset: 1px; }`}</style>;
}
