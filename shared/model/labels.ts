import type { LabelDef } from './schemas';

/** The product's default label set: every new project starts with it. */
export const DEFAULT_LABELS: LabelDef[] = [
  { id: 'claim', name: 'Claim', color: '#c2410c', hotkeys: ['1', 'c'] },
  { id: 'actor', name: 'Actor', color: '#2563eb', hotkeys: ['2', 'a'] },
  { id: 'number', name: 'Number', color: '#16a34a', hotkeys: ['3', 'n'] },
];

/** Find the label a key press stands for (case-insensitive, single printable keys only). */
export function labelForKey(labels: readonly LabelDef[], key: string): LabelDef | undefined {
  const k = key.toLowerCase();
  return labels.find((l) => l.hotkeys.some((h) => h.toLowerCase() === k));
}
