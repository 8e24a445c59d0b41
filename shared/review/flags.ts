import { claimantId, sourceName } from './collectClaims';
import { overlaps, whyIncompatible } from './numberInterval';
import { unitKey } from './similarity';
import type { ReviewClaim, ReviewFlag, ReviewNumber } from './types';

/**
 * What a reviewer must look at in a cluster:
 * - numbers that cannot both be true: same kind of quantity, compatible units (same unit, or one
 *   not given), intervals that do not overlap ("4" vs "at least 25"; "300+" vs "at least 400" is fine);
 * - the same across clusters, for casualty and displacement figures of claims that share an
 *   entity (an actor inside the claim or its claimant);
 * - attribution: different sources for the same claim, or attributed in one outlet and not in another.
 */

/** Quantities compared across clusters: figures about the same people, not durations or dates. */
export const CROSS_CLUSTER_QUANTITIES = new Set(['casualties killed', 'casualties injured', 'displaced']);

const comparable = (a: ReviewNumber, b: ReviewNumber) => {
  if ((a.quantity ?? '') !== (b.quantity ?? '')) return false;
  const ua = unitKey(a.unit);
  const ub = unitKey(b.unit);
  return ua === '' || ub === '' || ua === ub;
};

const what = (n: ReviewNumber) => `"${n.quote}"${n.unit ? ` ${n.unit}` : ''}${n.quantity ? ` (${n.quantity})` : ''}`;

/** Number conflicts between two claims of different documents, one flag per pair of numbers. */
export function numberConflicts(a: ReviewClaim, b: ReviewClaim, onlyQuantities?: ReadonlySet<string>): { reason: string; numbers: [ReviewNumber, ReviewNumber] }[] {
  if (a.docId === b.docId) return [];
  const out: { reason: string; numbers: [ReviewNumber, ReviewNumber] }[] = [];
  for (const na of a.numbers) {
    for (const nb of b.numbers) {
      if (!comparable(na, nb)) continue;
      if (onlyQuantities && !onlyQuantities.has(na.quantity ?? '')) continue;
      if (overlaps(na.interval, nb.interval)) continue;
      out.push({
        reason: `${sourceName(a.source)} says ${what(na)}, ${sourceName(b.source)} says ${what(nb)}: ${whyIncompatible(
          { value: na.value, approx: na.approx, ...(na.valueMax !== null ? { valueMax: na.valueMax } : {}) },
          { value: nb.value, approx: nb.approx, ...(nb.valueMax !== null ? { valueMax: nb.valueMax } : {}) },
        )}.`,
        numbers: [na, nb],
      });
    }
  }
  return out;
}

export function clusterFlags(claims: readonly ReviewClaim[]): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      for (const c of numberConflicts(claims[i]!, claims[j]!)) flags.push({ kind: 'number-conflict', reason: c.reason, claims: [claims[i]!.key, claims[j]!.key] });
    }
  }
  flags.push(...attributionFlags(claims));
  return flags;
}

const names = (c: ReviewClaim) => c.claimants.map((x) => x.name).join(' and ');

export function attributionFlags(claims: readonly ReviewClaim[]): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const attributed = claims.filter((c) => c.claimants.length > 0);
  const bare = claims.filter((c) => c.claimants.length === 0);
  if (attributed.length > 0 && bare.length > 0) {
    flags.push({
      kind: 'attribution-missing',
      reason: `Attributed to ${attributed.map((c) => `${names(c)} in ${sourceName(c.source)}`).join('; ')}, but unattributed in ${bare.map((c) => sourceName(c.source)).join(', ')}.`,
      claims: [...attributed, ...bare].map((c) => c.key),
    });
  }
  for (let i = 0; i < attributed.length; i++) {
    for (let j = i + 1; j < attributed.length; j++) {
      const a = attributed[i]!;
      const b = attributed[j]!;
      if (a.docId === b.docId) continue;
      const ids = new Set(a.claimants.map(claimantId));
      if (b.claimants.some((c) => ids.has(claimantId(c)))) continue;
      flags.push({
        kind: 'attribution-different',
        reason: `Attributed to ${names(a)} in ${sourceName(a.source)} but to ${names(b)} in ${sourceName(b.source)}.`,
        claims: [a.key, b.key],
      });
    }
  }
  return flags;
}

const entitiesOf = (c: ReviewClaim) => new Set([...c.entities, ...c.claimants.flatMap((x) => (x.entityId ? [x.entityId] : []))]);

/** Casualty and displacement conflicts between claims of two clusters that share an entity. */
export function crossClusterFlags(a: readonly ReviewClaim[], b: readonly ReviewClaim[], entityName: (id: string) => string): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  for (const ca of a) {
    const ea = entitiesOf(ca);
    for (const cb of b) {
      const shared = [...entitiesOf(cb)].filter((e) => ea.has(e)).sort();
      if (shared.length === 0) continue;
      for (const c of numberConflicts(ca, cb, CROSS_CLUSTER_QUANTITIES)) {
        flags.push({ kind: 'number-conflict', reason: `${c.reason} (another cluster; both involve ${shared.map(entityName).join(', ')})`, claims: [ca.key, cb.key] });
      }
    }
  }
  return flags;
}
