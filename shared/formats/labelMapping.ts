import type { LabelDef } from '../model/schemas';

/**
 * Labels of an imported file meet the project's labels here. A file's label matches a project
 * label when it equals its id, or its id or name ignoring case ("PERSON" matches a label named
 * "Person"). Anything else is unknown: the user adds it to the project or maps it onto an existing
 * label; nothing is ever dropped silently.
 */
export type LabelDecision = { action: 'add' } | { action: 'map'; to: string };

export function matchLabel(labels: readonly LabelDef[], source: string): string | null {
  const exact = labels.find((l) => l.id === source);
  if (exact) return exact.id;
  const lower = source.trim().toLowerCase();
  const loose = labels.find((l) => l.id.toLowerCase() === lower || l.name.trim().toLowerCase() === lower);
  return loose ? loose.id : null;
}

/** Colours for added labels: distinct from the defaults, readable as fills and bands. */
const PALETTE = ['#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4d7c0f', '#7c3aed', '#0f766e', '#b45309', '#be123c', '#1d4ed8', '#15803d', '#a16207'];

/** A label id for a file's label: lower-case letters, digits, - and _, at most 40, unique. */
export function labelIdFor(source: string, taken: ReadonlySet<string>): string {
  let base = source
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (base === '') base = 'label';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 40 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** New project labels for the file labels the user chose to add (no hotkeys: the user may set them). */
export function labelsToAdd(existing: readonly LabelDef[], sources: readonly string[]): { added: LabelDef[]; idBySource: Map<string, string> } {
  const taken = new Set(existing.map((l) => l.id));
  const added: LabelDef[] = [];
  const idBySource = new Map<string, string>();
  for (const source of sources) {
    const id = labelIdFor(source, taken);
    taken.add(id);
    const name = source.trim().slice(0, 60) || id;
    added.push({ id, name, color: PALETTE[(existing.length + added.length) % PALETTE.length] as string, hotkeys: [], attributes: [] });
    idBySource.set(source, id);
  }
  return { added, idBySource };
}
