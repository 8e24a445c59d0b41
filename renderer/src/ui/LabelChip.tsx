import { chipTextColor } from '../../../shared/color/contrast';

const FALLBACK = '#6b7280';

/** A label's name on its colour, with a text colour that keeps 4.5:1 whatever colour was picked. */
export function LabelChip({ name, color }: { name: string; color: string | undefined }) {
  const background = color ?? FALLBACK;
  return (
    <span className="label-chip" style={{ backgroundColor: background, color: chipTextColor(background) }}>
      {name}
    </span>
  );
}
