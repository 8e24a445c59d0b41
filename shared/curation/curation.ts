import type { AttributeValue, Relation } from '../model/schemas';

/**
 * Adjudication: building the `gold` annotator's file of a document from several annotators' files.
 *
 * The spans of all annotators are grouped into clusters: spans of one label that overlap, directly
 * or through a chain of overlapping spans. In a cluster each annotator has a *version*: the spans
 * they made there (maybe none). Versions are equal when their spans have the same offsets and
 * attribute values. A cluster whose versions are all equal is accepted into the gold by itself
 * (policy `unanimity`); with policy `majority`, a version more than half of the annotators share
 * is accepted (and nothing is written when that version is empty). Every other cluster is a
 * *stop* the adjudicator decides: pick annotator k's version, accept the proposal (the version most
 * annotators share, ties to the earlier annotator), or reject (no gold span there).
 */
export const CURATION_POLICIES = ['unanimity', 'majority'] as const;
export type CurationPolicy = (typeof CURATION_POLICIES)[number];

export interface CurationSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  attributes?: Record<string, AttributeValue> | undefined;
}

export interface AnnotatorSpans {
  annotator: string;
  spans: readonly CurationSpan[];
  relations?: readonly Relation[] | undefined;
}

/** One annotator's version of a cluster. */
export interface StopVersion {
  annotator: string;
  spans: CurationSpan[];
}

export interface CurationStop {
  /** Stable for the same files: `<label>:<start>-<end>` of the cluster's extent. */
  id: string;
  label: string;
  start: number;
  end: number;
  /** Every annotator's version, in annotator order (an empty list: they tagged nothing here). */
  versions: StopVersion[];
  /** The annotator whose version `a` accepts: the version most annotators share, ties to the earlier. */
  proposal: string;
}

/** A span accepted into the gold, with where it came from. */
export interface GoldCandidate {
  span: CurationSpan;
  /** The annotators whose version held this span. */
  proposedBy: string[];
  /** Each proposer's own span id (to carry their relations over). */
  sources: Record<string, string>;
  rule: 'unanimity' | 'majority' | 'adjudicator' | 'edited';
}

export interface CurationPlan {
  annotators: string[];
  accepted: GoldCandidate[];
  stops: CurationStop[];
}

/**
 * What the adjudicator decided at a stop: one annotator's version, nothing, or their own edit of
 * a version (`base`: whose version was edited; its attribute values are kept; `spans`: the new
 * offsets, each intersecting the stop and overlapping no other cluster's spans of the label).
 */
export type StopDecision = { kind: 'pick'; annotator: string } | { kind: 'reject' } | { kind: 'edit'; base: string; spans: { start: number; end: number }[] };

function attributesKey(a: CurationSpan['attributes']): string {
  if (!a) return '';
  return JSON.stringify(
    Object.keys(a)
      .sort()
      .map((k) => {
        const v = a[k];
        return [k, Array.isArray(v) ? [...v].sort() : v];
      }),
  );
}

const sortSpans = (spans: CurationSpan[]) => spans.sort((x, y) => x.start - y.start || x.end - y.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
const versionKey = (spans: readonly CurationSpan[]) => spans.map((s) => `${s.start}:${s.end}:${attributesKey(s.attributes)}`).join('|');

/** Spans of one label grouped into clusters of overlapping spans (connected components), sorted by start. */
function clusters(items: { annotator: string; span: CurationSpan }[]): { annotator: string; span: CurationSpan }[][] {
  const sorted = [...items].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const out: { annotator: string; span: CurationSpan }[][] = [];
  let current: { annotator: string; span: CurationSpan }[] = [];
  let reach = -1;
  for (const item of sorted) {
    // Sorted by start: the item joins the current cluster when it starts before the cluster's furthest end.
    if (current.length > 0 && item.span.start < reach) {
      current.push(item);
      reach = Math.max(reach, item.span.end);
    } else {
      if (current.length > 0) out.push(current);
      current = [item];
      reach = item.span.end;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Group annotators by equal versions; the largest group first (ties: the group of the earlier annotator). */
function versionGroups(versions: StopVersion[]): { key: string; annotators: string[]; spans: CurationSpan[] }[] {
  const groups = new Map<string, { key: string; annotators: string[]; spans: CurationSpan[]; first: number }>();
  versions.forEach((v, i) => {
    const key = versionKey(v.spans);
    const g = groups.get(key);
    if (g) g.annotators.push(v.annotator);
    else groups.set(key, { key, annotators: [v.annotator], spans: v.spans, first: i });
  });
  return [...groups.values()].sort((a, b) => b.annotators.length - a.annotators.length || a.first - b.first);
}

function candidates(group: { annotators: string[]; spans: CurationSpan[] }, versions: StopVersion[], rule: GoldCandidate['rule']): GoldCandidate[] {
  return group.spans.map((span, i) => {
    const sources: Record<string, string> = {};
    for (const who of group.annotators) sources[who] = versions.find((v) => v.annotator === who)!.spans[i]!.id;
    return { span, proposedBy: [...group.annotators], sources, rule };
  });
}

/** The curation of one document: what is accepted by the policy, and the stops left to decide. */
export function planCuration(inputs: readonly AnnotatorSpans[], policy: CurationPolicy): CurationPlan {
  const annotators = inputs.map((i) => i.annotator);
  const n = annotators.length;
  const byLabel = new Map<string, { annotator: string; span: CurationSpan }[]>();
  for (const input of inputs) {
    for (const span of input.spans) {
      const list = byLabel.get(span.label);
      if (list) list.push({ annotator: input.annotator, span });
      else byLabel.set(span.label, [{ annotator: input.annotator, span }]);
    }
  }
  const accepted: GoldCandidate[] = [];
  const stops: CurationStop[] = [];
  for (const [label, items] of byLabel) {
    for (const cluster of clusters(items)) {
      const versions: StopVersion[] = annotators.map((annotator) => ({ annotator, spans: sortSpans(cluster.filter((c) => c.annotator === annotator).map((c) => c.span)) }));
      const groups = versionGroups(versions);
      const top = groups[0]!;
      if (top.annotators.length === n) {
        accepted.push(...candidates(top, versions, 'unanimity'));
        continue;
      }
      if (policy === 'majority' && top.annotators.length * 2 > n) {
        accepted.push(...candidates(top, versions, 'majority'));
        continue;
      }
      const start = Math.min(...cluster.map((c) => c.span.start));
      const end = Math.max(...cluster.map((c) => c.span.end));
      const proposal = groups.find((g) => g.spans.length > 0)!.annotators[0]!;
      stops.push({ id: `${label}:${start}-${end}`, label, start, end, versions, proposal });
    }
  }
  accepted.sort((x, y) => x.span.start - y.span.start || y.span.end - x.span.end || (x.span.label < y.span.label ? -1 : 1));
  stops.sort((x, y) => x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : 1));
  return { annotators, accepted, stops };
}

/**
 * Why an edit cannot stand at this stop (null: it can): every edited span must be non-empty,
 * share a character with the stop and overlap no span of the same label outside the stop (that
 * belongs to another cluster, decided on its own).
 */
export function editProblem(stop: CurationStop, spans: readonly { start: number; end: number }[], inputs: readonly AnnotatorSpans[]): string | null {
  if (spans.length === 0) return 'An edit needs at least one span; reject the stop instead.';
  const inStop = new Set(stop.versions.flatMap((v) => v.spans.map((s) => s.id)));
  for (const e of spans) {
    if (!(e.end > e.start)) return 'An edited span must cover at least one character.';
    if (e.end <= stop.start || e.start >= stop.end) return 'An edited span must overlap the disagreement it decides.';
    for (const input of inputs) {
      for (const s of input.spans) {
        if (s.label !== stop.label || inStop.has(s.id)) continue;
        if (s.start < e.end && e.start < s.end) return `The edited span runs into another ${stop.label} (${s.start}-${s.end}); keep it within this disagreement.`;
      }
    }
  }
  return null;
}

/** The spans a decision puts into the gold (none for a reject). */
export function decidedCandidates(stop: CurationStop, decision: StopDecision): GoldCandidate[] {
  if (decision.kind === 'reject') return [];
  if (decision.kind === 'edit') {
    const base = stop.versions.find((v) => v.annotator === decision.base) ?? stop.versions.find((v) => v.annotator === stop.proposal)!;
    const template = base.spans[0];
    const sameCount = base.spans.length === decision.spans.length;
    return [...decision.spans]
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((e, i) => ({
        span: { id: `edit-${e.start}-${e.end}`, start: e.start, end: e.end, label: stop.label, ...(template?.attributes ? { attributes: (sameCount ? base.spans[i]! : template).attributes } : {}) },
        proposedBy: [base.annotator],
        sources: sameCount ? { [base.annotator]: base.spans[i]!.id } : {},
        rule: 'edited' as const,
      }));
  }
  const chosen = stop.versions.find((v) => v.annotator === decision.annotator);
  if (!chosen) return [];
  // Everyone whose version equals the chosen one proposed it too.
  const key = versionKey(chosen.spans);
  const group = { annotators: stop.versions.filter((v) => versionKey(v.spans) === key).map((v) => v.annotator), spans: chosen.spans };
  return candidates(group, stop.versions, 'adjudicator');
}
