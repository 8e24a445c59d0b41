import { sourceName } from './collectClaims';
import { sameClaimant, unitKey } from './nameMatch';
import { overlaps, whyIncompatible } from './numberInterval';
import type { Claimant, ReviewClaim, ReviewFlag, ReviewNumber } from './types';

/**
 * What a reviewer must look at in a cluster:
 * - numbers that cannot both be true: same kind of quantity, compatible units (same unit, or one
 *   not given), intervals that do not overlap ("4" vs "at least 25"; "300+" vs "at least 400" is fine);
 * - the same across clusters, for casualty and displacement figures of claims that share an
 *   entity (an actor inside the claim or its claimant);
 * - attribution: different sources for the same claim; the same source, but another one (the outlet
 *   citing it, say) named in some outlets and not in others; attributed in one outlet and not in another.
 * Claimants are the same when their entities are, else when their names' words hold one another
 * (nameMatch.ts). A number whose quantity is unknown (read from words that do not say what it
 * counts) is shown but compared with nothing.
 */

/** Quantities compared across clusters: figures about the same people, not durations or dates. */
export const CROSS_CLUSTER_QUANTITIES = new Set(['casualties killed', 'casualties injured', 'displaced']);

/** A number read from words that do not say what it counts: not compared. */
const unknownKind = (n: ReviewNumber) => n.quantity === null && n.derived.length > 0;

const comparable = (a: ReviewNumber, b: ReviewNumber) => {
  if (unknownKind(a) || unknownKind(b)) return false;
  if ((a.quantity ?? '') !== (b.quantity ?? '')) return false;
  const ua = unitKey(a.unit);
  const ub = unitKey(b.unit);
  return ua === '' || ub === '' || ua === ub;
};

const what = (n: ReviewNumber) => `"${n.quote}"${n.unit ? ` ${n.unit}` : ''}${n.quantity ? ` (${n.quantity})` : ''}`;

/** The pairs of numbers of two claims of different documents that cannot both be true. */
export function conflictingNumbers(a: ReviewClaim, b: ReviewClaim, onlyQuantities?: ReadonlySet<string>): [ReviewNumber, ReviewNumber][] {
  if (a.docId === b.docId) return [];
  const out: [ReviewNumber, ReviewNumber][] = [];
  for (const na of a.numbers) {
    for (const nb of b.numbers) {
      if (!comparable(na, nb)) continue;
      if (onlyQuantities && !onlyQuantities.has(na.quantity ?? '')) continue;
      if (!overlaps(na.interval, nb.interval)) out.push([na, nb]);
    }
  }
  return out;
}

/** Number conflicts between two claims of different documents, one per pair of numbers, with the sentence that says why. */
export function numberConflicts(a: ReviewClaim, b: ReviewClaim, onlyQuantities?: ReadonlySet<string>): { reason: string; numbers: [ReviewNumber, ReviewNumber] }[] {
  return conflictingNumbers(a, b, onlyQuantities).map(([na, nb]) => ({
    reason: `${sourceName(a.source)} says ${what(na)}, ${sourceName(b.source)} says ${what(nb)}: ${whyIncompatible(
      { value: na.value, approx: na.approx, quantity: na.quantity, ...(na.valueMax !== null ? { valueMax: na.valueMax } : {}) },
      { value: nb.value, approx: nb.approx, quantity: nb.quantity, ...(nb.valueMax !== null ? { valueMax: nb.valueMax } : {}) },
    )}.`,
    numbers: [na, nb],
  }));
}

/**
 * Flags of one kind between pairs of claims listed per cluster: beyond this many, the rest are
 * counted in one last flag. A cluster of n claims has up to n²/2 such pairs, and single-link
 * clusters of a 200,000-claim newsroom corpus reach thousands of claims: millions of flags that
 * no reviewer reads and that no review set could hold.
 */
export const LISTED_PAIR_FLAGS = 200;

/** The flag that stands for `more` pair flags of `kind` left unlisted (`across`: with claims of other clusters). */
export function moreFlags(kind: 'number-conflict' | 'attribution-different', more: number, across = false): ReviewFlag {
  const what = kind === 'number-conflict' ? 'with numbers that disagree' : 'attributed to different sources';
  return {
    kind,
    reason: `…and ${more.toLocaleString('en-US')} more pair${more === 1 ? '' : 's'} of claims ${what}${across ? ' with claims of other clusters' : ''}, not listed (the first ${LISTED_PAIR_FLAGS} are).`,
    claims: [],
  };
}

export function clusterFlags(claims: readonly ReviewClaim[]): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  let listed = 0;
  let more = 0;
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      if (listed >= LISTED_PAIR_FLAGS) {
        more += conflictingNumbers(claims[i]!, claims[j]!).length;
        continue;
      }
      for (const c of numberConflicts(claims[i]!, claims[j]!)) {
        flags.push({ kind: 'number-conflict', reason: c.reason, claims: [claims[i]!.key, claims[j]!.key] });
        listed++;
      }
    }
  }
  if (more > 0) flags.push(moreFlags('number-conflict', more));
  // One by one: a cluster of a few hundred claims has more flags than a spread passes as arguments (RangeError).
  for (const f of attributionFlags(claims)) flags.push(f);
  return flags;
}

const names = (c: ReviewClaim) => c.claimants.map((x) => x.name).join(' and ');
const namedIn = (claim: ReviewClaim, x: Claimant) => claim.claimants.some((y) => sameClaimant(x, y));
/** Items named in a flag's sentence; beyond, "and N more" (a cluster of a thousand claims made sentences of 40,000 characters, repeated on each of its CSV rows). */
export const NAMED_IN_REASON = 10;
const capped = (items: readonly string[], sep: string, what: string) =>
  items.length <= NAMED_IN_REASON ? items.join(sep) : `${items.slice(0, NAMED_IN_REASON).join(sep)}${sep}and ${(items.length - NAMED_IN_REASON).toLocaleString('en-US')} more ${what}`;
const list = (items: readonly string[], what = 'outlets') =>
  items.length <= 1 ? items.join('') : items.length > NAMED_IN_REASON ? capped(items, ', ', what) : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function attributionFlags(claims: readonly ReviewClaim[]): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const attributed = claims.filter((c) => c.claimants.length > 0);
  const bare = claims.filter((c) => c.claimants.length === 0);
  if (attributed.length > 0 && bare.length > 0) {
    flags.push({
      kind: 'attribution-missing',
      reason: `Attributed to ${capped(
        attributed.map((c) => `${names(c)} in ${sourceName(c.source)}`),
        '; ',
        'outlets',
      )}, but unattributed in ${capped(
        bare.map((c) => sourceName(c.source)),
        ', ',
        'outlets',
      )}.`,
      claims: [...attributed, ...bare].map((c) => c.key),
    });
  }
  const shareSome = (a: ReviewClaim, b: ReviewClaim) => a.claimants.some((x) => namedIn(b, x));
  let listed = 0;
  let more = 0;
  for (let i = 0; i < attributed.length; i++) {
    for (let j = i + 1; j < attributed.length; j++) {
      const a = attributed[i]!;
      const b = attributed[j]!;
      if (a.docId === b.docId || shareSome(a, b)) continue;
      if (listed++ >= LISTED_PAIR_FLAGS) {
        more++;
        continue;
      }
      flags.push({
        kind: 'attribution-different',
        reason: `Attributed to ${names(a)} in ${sourceName(a.source)} but to ${names(b)} in ${sourceName(b.source)}.`,
        claims: [a.key, b.key],
      });
    }
  }
  if (more > 0) flags.push(moreFlags('attribution-different', more));
  // The same source, but another one named beside it in some outlets only ("… told Reuters").
  const seen: Claimant[] = [];
  for (const a of attributed) {
    for (const x of a.claimants) {
      if (seen.some((y) => sameClaimant(x, y))) continue;
      seen.push(x);
      const naming = attributed.filter((c) => namedIn(c, x));
      const lacking = attributed.filter((c) => !namedIn(c, x) && naming.some((n) => n.docId !== c.docId && shareSome(n, c)));
      if (lacking.length === 0) continue;
      const common = lacking[0]!.claimants.filter((y) => naming.some((n) => namedIn(n, y))).map((y) => y.name);
      flags.push({
        kind: 'attribution-partial',
        reason: `${x.name} is named as a source in ${list(naming.map((c) => sourceName(c.source)))} but not in ${list(lacking.map((c) => sourceName(c.source)))}; all of them name ${list(common, 'sources')}.`,
        claims: [...naming, ...lacking].map((c) => c.key),
      });
    }
  }
  return flags;
}

/** What a claim involves: the entities of the actors in it and of its claimants, and its claimants' names (for actors without entity). */
const involved = (c: ReviewClaim) => ({
  entities: new Set([...c.entities, ...c.claimants.flatMap((x) => (x.entityId ? [x.entityId] : []))]),
  claimants: c.claimants,
});

function shared(a: ReviewClaim, b: ReviewClaim, entityName: (id: string) => string): string[] {
  const ia = involved(a);
  const ib = involved(b);
  const out = new Set([...ib.entities].filter((e) => ia.entities.has(e)).map(entityName));
  for (const x of ia.claimants) if (ib.claimants.some((z) => sameClaimant(x, z))) out.add(x.entityId ? entityName(x.entityId) : x.name);
  return [...out].sort();
}

/** Casualty and displacement conflicts between claims of two clusters that share an entity or a claimant. */
export function crossClusterFlags(a: readonly ReviewClaim[], b: readonly ReviewClaim[], entityName: (id: string) => string): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  for (const ca of a) {
    for (const cb of b) {
      if (ca.docId === cb.docId) continue;
      const conflicts = numberConflicts(ca, cb, CROSS_CLUSTER_QUANTITIES);
      if (conflicts.length === 0) continue;
      const both = shared(ca, cb, entityName);
      if (both.length === 0) continue;
      for (const c of conflicts) {
        flags.push({ kind: 'number-conflict', reason: `${c.reason} (another cluster; both involve ${both.join(', ')})`, claims: [ca.key, cb.key] });
      }
    }
  }
  return flags;
}
