import { useId } from 'react';
import { labelColorWarnings } from '../../../shared/color/contrast';
import { LabelChip } from '../ui/LabelChip';

/**
 * A label's colour in the schema editor: the picker, how its chip will read, and a warning when
 * the colour is too light to see as a band or outline, or so dark that text over nested spans of
 * it loses its 4.5:1 contrast. The colour is still accepted: the user decides.
 */
export function LabelColorField({ name, color, onChange }: { name: string; color: string; onChange(color: string): void }) {
  const warningId = useId();
  const warnings = labelColorWarnings(color);
  return (
    <span className="label-color-field">
      <input
        type="color"
        aria-label="Label colour"
        data-testid="schema-label-color"
        value={color}
        aria-describedby={warnings.length > 0 ? warningId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <LabelChip name={name || 'Label'} color={color} />
      {warnings.length > 0 && (
        <span id={warningId} className="form-warning" role="status" data-testid="schema-color-warning">
          {warnings.map((w) => w.message).join(' ')}
        </span>
      )}
    </span>
  );
}
