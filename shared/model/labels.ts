import type { LabelDef, RelationType } from './schemas';

/**
 * The product's default schema: every new project starts with it (docs/user-guide.md, "Label schema").
 * Claims carry a verification status; actors a kind and a canonical entity; numbers a normalised
 * value, so that "300+" and "more than 300" compare as the same figure.
 */
export const DEFAULT_LABELS: LabelDef[] = [
  {
    id: 'claim',
    name: 'Claim',
    color: '#c2410c',
    hotkeys: ['1', 'c'],
    attributes: [
      { id: 'status', name: 'Status', type: 'choice', required: false, options: ['unverified', 'supported', 'disputed', 'false'], default: 'unverified' },
      { id: 'hedged', name: 'Hedged', type: 'boolean', required: false, default: false },
      { id: 'note', name: 'Note', type: 'text', required: false },
    ],
  },
  {
    id: 'actor',
    name: 'Actor',
    color: '#2563eb',
    hotkeys: ['2', 'a'],
    attributes: [
      {
        id: 'kind',
        name: 'Kind',
        type: 'choice',
        required: false,
        options: ['person', 'organisation', 'state or government', 'armed group', 'media', 'anonymous source'],
      },
      { id: 'entity', name: 'Entity', type: 'entity', required: false },
    ],
  },
  {
    id: 'number',
    name: 'Number',
    color: '#16a34a',
    hotkeys: ['3', 'n'],
    attributes: [
      { id: 'value', name: 'Value', type: 'number', required: true },
      {
        id: 'approx',
        name: 'Approximation',
        type: 'choice',
        required: false,
        options: ['exact', 'at least', 'at most', 'about', 'more than', 'fewer than', 'range'],
        default: 'exact',
      },
      { id: 'value_max', name: 'Maximum (ranges)', type: 'number', required: false },
      { id: 'unit', name: 'Unit', type: 'text', required: false, suggestions: ['people', 'hours', 'days', 'years', '%', 'km', 'USD'] },
      {
        id: 'quantity',
        name: 'Quantity',
        type: 'choice',
        required: false,
        options: ['casualties killed', 'casualties injured', 'displaced', 'duration', 'date or year', 'money', 'count', 'other'],
      },
    ],
  },
];

export const DEFAULT_RELATION_TYPES: RelationType[] = [
  { id: 'attributed_to', name: 'attributed to', from: ['claim'], to: ['actor'], directed: true },
];

/** Find the label a key press stands for (case-insensitive, single printable keys only). */
export function labelForKey(labels: readonly LabelDef[], key: string): LabelDef | undefined {
  const k = key.toLowerCase();
  return labels.find((l) => l.hotkeys.some((h) => h.toLowerCase() === k));
}
