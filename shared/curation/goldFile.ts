import type { Relation, Span, SpanProvenance } from '../model/schemas';
import { decidedCandidates, type AnnotatorSpans, type CurationPlan, type GoldCandidate, type StopDecision } from './curation';

/** The gold spans and relations of a curated document (before quotes and context are added by the service). */
export interface GoldContent {
  spans: (Omit<Span, 'quote' | 'prefix' | 'suffix'> & { provenance: SpanProvenance })[];
  relations: Relation[];
  /** Stops not decided yet (the file is then saved `in_progress`). */
  undecided: number;
}

/** A gold span id from its offsets and label: the same span gets the same id on every save. */
function goldId(c: GoldCandidate, taken: Set<string>): string {
  const base = `g-${c.span.label}-${c.span.start}-${c.span.end}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * The gold file's content: the spans the policy accepted plus each decided stop's choice, every
 * one with its provenance (who proposed it, who decided, by which rule). A relation of an
 * annotator is carried over when both its spans went into the gold from that annotator's version.
 */
export function buildGold(
  plan: CurationPlan,
  decisions: Readonly<Record<string, StopDecision>>,
  inputs: readonly AnnotatorSpans[],
  adjudicator: string,
  now: string,
): GoldContent {
  const chosen: GoldCandidate[] = [...plan.accepted];
  let undecided = 0;
  for (const stop of plan.stops) {
    const d = decisions[stop.id];
    if (!d) undecided++;
    else chosen.push(...decidedCandidates(stop, d));
  }
  chosen.sort((x, y) => x.span.start - y.span.start || y.span.end - x.span.end || (x.span.label < y.span.label ? -1 : 1));
  const taken = new Set<string>();
  const idOf = new Map<string, string>();
  const spans = chosen.map((c) => {
    const id = goldId(c, taken);
    for (const [who, sourceId] of Object.entries(c.sources)) idOf.set(`${who}\u0000${sourceId}`, id);
    return {
      id,
      start: c.span.start,
      end: c.span.end,
      label: c.span.label,
      createdAt: now,
      updatedAt: now,
      ...(c.span.attributes && Object.keys(c.span.attributes).length > 0 ? { attributes: { ...c.span.attributes } } : {}),
      provenance: { proposedBy: [...c.proposedBy], decidedBy: adjudicator, rule: c.rule },
    };
  });
  const relations: Relation[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    for (const r of input.relations ?? []) {
      const from = idOf.get(`${input.annotator}\u0000${r.from}`);
      const to = idOf.get(`${input.annotator}\u0000${r.to}`);
      if (!from || !to || from === to) continue;
      const key = `${r.type}\u0000${from}\u0000${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      relations.push({ id: `gr-${relations.length + 1}`, type: r.type, from, to, createdAt: now, updatedAt: now });
    }
  }
  return { spans, relations, undecided };
}

/**
 * Decisions recovered from a gold file written earlier, so a curation resumes where it stopped:
 * a stop is decided when the gold's spans of its label inside its extent equal one annotator's
 * non-empty version (that annotator is picked); when the gold holds none there and the file is
 * `done`, the stop was rejected; otherwise it is still open.
 */
export function decisionsFromGold(
  plan: CurationPlan,
  gold: { status: string; spans: readonly { start: number; end: number; label: string; provenance?: { proposedBy: string[]; rule: string } | undefined }[] } | null,
): Record<string, StopDecision> {
  const out: Record<string, StopDecision> = {};
  if (!gold) return out;
  for (const stop of plan.stops) {
    // A cluster's spans cover its extent without a gap, so no other cluster's gold span touches it.
    const here = gold.spans.filter((s) => s.label === stop.label && s.start < stop.end && s.end > stop.start);
    const inside = here
      .map((s) => `${s.start}:${s.end}`)
      .sort()
      .join('|');
    if (inside === '') {
      if (gold.status === 'done') out[stop.id] = { kind: 'reject' };
      continue;
    }
    const match = stop.versions.find((v) => v.spans.length > 0 && v.spans.map((s) => `${s.start}:${s.end}`).sort().join('|') === inside);
    if (match) out[stop.id] = { kind: 'pick', annotator: match.annotator };
    else {
      const base = here.find((s) => s.provenance?.rule === 'edited')?.provenance?.proposedBy[0];
      out[stop.id] = { kind: 'edit', base: base && stop.versions.some((v) => v.annotator === base) ? base : stop.proposal, spans: here.map((s) => ({ start: s.start, end: s.end })).sort((a, b) => a.start - b.start || a.end - b.end) };
    }
  }
  return out;
}
