import { attributeCounts, attributeShare, type AttributeCounts } from './attributeAgreement';
import { addBinaryTables, binaryTable, cohenKappa, emptyBinaryTable, type BinaryTable } from './cohenKappa';
import { addCoincidences, binaryLayerCoincidences, nominalAlpha, tableCoincidences, type Coincidences } from './krippendorffAlpha';
import { addSpanCounts, emptySpanCounts, f1, spanCountsByLabel, type SpanCounts } from './spanF1';
import { labelLayer } from './tokenLayers';
import { characterContinuum, labelUnits } from './unitizingLayers';
import { addUnitizingTallies, alphaOf, emptyUnitizingTally, unitizingAlpha, unitizingDisagreement, unitizingTally, type Segment, type UnitizingTally } from './unitizingAlpha';
import type { AgreementSpan, TokenRange } from './types';

/**
 * Agreement of a project: every measure per label and overall, per document and for the project,
 * per pair of annotators and for all of them together. Each measure is kept as counts that add up
 * (span counts, 2×2 tables, coincidence matrices, attribute comparisons), so a project figure is
 * the figure of the pooled counts, never an average of averages. See docs/agreement.md.
 */
export interface AgreementDocument {
  docId: string;
  title: string;
  /** The document's tokens (shared/text/tokenize.ts), sorted. */
  tokens: readonly TokenRange[];
  /** Spans by annotator; an annotator missing here has no file for the document and is left out of it. */
  annotations: ReadonlyMap<string, readonly AgreementSpan[]>;
  /** The document's text: the continuum of unitizing alpha (its characters, i.e. code points). Without it, the continuum ends at the last token or span. */
  text?: string;
}

/** The figures of one label (or of all labels: "overall"). null: undefined for these data (see each measure). */
export interface AgreementFigures {
  /** Span F1, exact boundaries and label. */
  f1Exact: number | null;
  /** Span F1, same label and overlapping, one-to-one greedy by largest overlap. */
  f1Overlap: number | null;
  /** Cohen's kappa on tokens (per label layer, pooled); for several annotators, over all their pairs pooled. */
  kappa: number | null;
  /** Krippendorff's nominal alpha on tokens per label layer, every annotator of the set at once. */
  alpha: number | null;
  /**
   * Krippendorff's unitizing alpha uα (2016) on the characters, per label layer (units of the label
   * vs gaps); overall: the layers' disagreements pooled (1 − ΣD_o / ΣD_e). See unitizingAlpha.ts.
   */
  alphaU: number | null;
  /** Share of equal attribute values on overlap-matched spans. */
  attributes: number | null;
  /** Spans in the comparison (each annotator's, summed) and spans without an exact partner (summed over pairs). */
  spans: number;
  unmatched: number;
}

export interface AgreementGroup {
  /** The annotators compared (two for a pair). */
  annotators: string[];
  /** Documents that at least two of them annotated. */
  documents: number;
  overall: AgreementFigures;
  labels: Record<string, AgreementFigures>;
}

export interface DocumentAgreement extends AgreementGroup {
  docId: string;
  title: string;
}

export interface AgreementReport {
  annotators: string[];
  labels: string[];
  /** Every pair (a < b in the order of `annotators`). */
  pairs: AgreementGroup[];
  /** All annotators together. */
  all: AgreementGroup;
  /** Documents that at least two annotators annotated, most disagreement first (lowest exact F1, then most unmatched spans). */
  documents: DocumentAgreement[];
}

/** The pooled counts behind one group's figures, per label. */
interface Tally {
  spansExact: SpanCounts;
  spansOverlap: SpanCounts;
  table: BinaryTable;
  coincidences: Coincidences;
  unitizing: UnitizingTally;
  attributes: AttributeCounts;
  spans: number;
}

const emptyTally = (): Tally => ({ spansExact: emptySpanCounts(), spansOverlap: emptySpanCounts(), table: emptyBinaryTable(), coincidences: new Map(), unitizing: emptyUnitizingTally(), attributes: { compared: 0, equal: 0 }, spans: 0 });

function addTally(into: Tally, more: Tally): void {
  addSpanCounts(into.spansExact, more.spansExact);
  addSpanCounts(into.spansOverlap, more.spansOverlap);
  addBinaryTables(into.table, more.table);
  addCoincidences(into.coincidences, more.coincidences);
  addUnitizingTallies(into.unitizing, more.unitizing);
  into.attributes.compared += more.attributes.compared;
  into.attributes.equal += more.attributes.equal;
  into.spans += more.spans;
}

function figures(t: Tally): AgreementFigures {
  const empty = t.spansExact.a + t.spansExact.b === 0;
  return {
    f1Exact: empty ? null : f1(t.spansExact),
    f1Overlap: empty ? null : f1(t.spansOverlap),
    kappa: cohenKappa(t.table),
    alpha: nominalAlpha(t.coincidences),
    alphaU: unitizingAlpha(t.unitizing),
    attributes: attributeShare(t.attributes),
    spans: t.spans,
    unmatched: t.spansExact.a + t.spansExact.b - 2 * t.spansExact.matched,
  };
}

/** Tallies per label of one document for one set of annotators (pairs pooled, alpha over the set). */
function documentTallies(
  doc: AgreementDocument,
  who: readonly string[],
  labels: readonly string[],
  layers: Map<string, Map<string, Uint8Array>>,
  pairCache: Map<string, Map<string, Tally>>,
  units: UnitLayers,
): Map<string, Tally> {
  const out = new Map<string, Tally>(labels.map((l) => [l, emptyTally()]));
  for (let i = 0; i < who.length; i++) {
    for (let j = i + 1; j < who.length; j++) {
      for (const [label, t] of pairTallies(doc, who[i]!, who[j]!, labels, layers, pairCache, units)) addTally(out.get(label)!, { ...t, coincidences: new Map(), unitizing: emptyUnitizingTally(), spans: 0 });
    }
  }
  for (const label of labels) {
    const t = out.get(label)!;
    t.coincidences = binaryLayerCoincidences(who.map((w) => layers.get(w)!.get(label)!));
    t.unitizing = unitizingTally(who.map((w) => units.of(w, label)), units.length);
    t.spans = who.reduce((n, w) => n + doc.annotations.get(w)!.filter((s) => s.label === label).length, 0);
  }
  return out;
}

/** One pair's tallies on one document, computed once and reused by the pair, the document and "all". */
function pairTallies(
  doc: AgreementDocument,
  a: string,
  b: string,
  labels: readonly string[],
  layers: Map<string, Map<string, Uint8Array>>,
  cache: Map<string, Map<string, Tally>>,
  units: UnitLayers,
): Map<string, Tally> {
  const cacheKey = `${a}\u0000${b}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const sa = doc.annotations.get(a)!;
  const sb = doc.annotations.get(b)!;
  const exact = spanCountsByLabel(sa, sb, 'exact');
  const overlap = spanCountsByLabel(sa, sb, 'overlap');
  const attrs = attributeCounts(sa, sb);
  const out = new Map<string, Tally>();
  for (const label of labels) {
    const la = layers.get(a)!.get(label)!;
    const lb = layers.get(b)!.get(label)!;
    const attr: AttributeCounts = { compared: 0, equal: 0 };
    for (const c of attrs.get(label)?.values() ?? []) {
      attr.compared += c.compared;
      attr.equal += c.equal;
    }
    const e = exact.get(label) ?? emptySpanCounts();
    const table = binaryTable(la, lb);
    out.set(label, {
      spansExact: e,
      spansOverlap: overlap.get(label) ?? emptySpanCounts(),
      table,
      coincidences: tableCoincidences(table),
      unitizing: unitizingTally([units.of(a, label), units.of(b, label)], units.length),
      attributes: attr,
      spans: e.a + e.b,
    });
  }
  cache.set(cacheKey, out);
  return out;
}

function groupOf(annotators: string[], labels: readonly string[], perLabel: Map<string, Tally>, documents: number): AgreementGroup {
  const overall = emptyTally();
  const byLabel: Record<string, AgreementFigures> = {};
  // uα overall: each label layer's disagreements, pooled (the layers are separate unitizations).
  let observed = 0;
  let expected = 0;
  for (const label of labels) {
    const t = perLabel.get(label)!;
    addTally(overall, t);
    byLabel[label] = figures(t);
    const d = unitizingDisagreement(t.unitizing);
    observed += d.observed;
    expected += d.expected;
  }
  return { annotators, documents, overall: { ...figures(overall), alphaU: alphaOf(observed, expected) }, labels: byLabel };
}

/** Each annotator's units per label on a document's characters, made once per document. */
interface UnitLayers {
  length: number;
  of(annotator: string, label: string): Segment[];
}

function unitLayers(doc: AgreementDocument): UnitLayers {
  const continuum = characterContinuum(doc.text, doc.tokens, doc.annotations);
  const cache = new Map<string, Segment[]>();
  return {
    length: continuum.length,
    of(annotator, label) {
      const k = `${annotator}\u0000${label}`;
      let units = cache.get(k);
      if (!units) cache.set(k, (units = labelUnits(doc.annotations.get(annotator) ?? [], label, continuum.at)));
      return units;
    },
  };
}

/**
 * Agreement over documents. `annotators` are compared (in this order; pairs are a < b);
 * `labels` are the label layers (spans of other labels are ignored).
 */
export function computeAgreement(docs: Iterable<AgreementDocument>, annotators: readonly string[], labels: readonly string[]): AgreementReport {
  const pairKeys: [string, string][] = [];
  for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) pairKeys.push([annotators[i]!, annotators[j]!]);
  const newLabelMap = () => new Map<string, Tally>(labels.map((l) => [l, emptyTally()]));
  const pairTotals = pairKeys.map(() => ({ perLabel: newLabelMap(), documents: 0 }));
  const allTotals = { perLabel: newLabelMap(), documents: 0 };
  const documents: DocumentAgreement[] = [];
  const labelSet = new Set(labels);
  for (const doc of docs) {
    const who = annotators.filter((a) => doc.annotations.has(a));
    if (who.length < 2) continue;
    const filtered: AgreementDocument = {
      ...doc,
      annotations: new Map(who.map((w) => [w, doc.annotations.get(w)!.filter((s) => labelSet.has(s.label))])),
    };
    const layers = new Map(who.map((w) => [w, new Map(labels.map((l) => [l, labelLayer(doc.tokens, filtered.annotations.get(w)!, l)]))]));
    const units = unitLayers(filtered);
    const cache = new Map<string, Map<string, Tally>>();
    pairKeys.forEach(([a, b], i) => {
      if (!filtered.annotations.has(a) || !filtered.annotations.has(b)) return;
      const tallies = pairTallies(filtered, a, b, labels, layers, cache, units);
      const total = pairTotals[i]!;
      total.documents++;
      for (const label of labels) addTally(total.perLabel.get(label)!, tallies.get(label)!);
    });
    const docTallies = documentTallies(filtered, who, labels, layers, cache, units);
    allTotals.documents++;
    for (const label of labels) addTally(allTotals.perLabel.get(label)!, docTallies.get(label)!);
    documents.push({ docId: doc.docId, title: doc.title, ...groupOf(who, labels, docTallies, 1) });
  }
  documents.sort(
    (x, y) =>
      (x.overall.f1Exact ?? 1) - (y.overall.f1Exact ?? 1) || y.overall.unmatched - x.overall.unmatched || (x.docId < y.docId ? -1 : x.docId > y.docId ? 1 : 0),
  );
  return {
    annotators: [...annotators],
    labels: [...labels],
    pairs: pairKeys.map(([a, b], i) => groupOf([a, b], labels, pairTotals[i]!.perLabel, pairTotals[i]!.documents)),
    all: groupOf([...annotators], labels, allTotals.perLabel, allTotals.documents),
    documents,
  };
}


