import { csvRow } from '../formats/exportCsv';
import { sourceName } from './collectClaims';
import type { ReviewCluster, ReviewResult } from './types';

/**
 * The review set: the clusters with their claims, sources, attributions, numbers and flags, as
 * JSON, as CSV (one row per claim, for a spreadsheet, with the flags that name that claim) and as one self-contained HTML page
 * (inline CSS, no scripts, no external assets: readable offline and printable). Pure: the
 * caller writes the files, piece by piece (the *Chunks generators) for large reviews.
 */
export interface ReviewSetInfo {
  project: string;
  annotator: string;
  createdAt: string;
  factmarkVersion: string;
}

export const REVIEW_FORMAT_VERSION = 1;

const flagLabel: Record<string, string> = {
  'number-conflict': 'numbers disagree',
  'attribution-different': 'different sources',
  'attribution-partial': 'sources differ in part',
  'attribution-missing': 'attribution missing',
};

/** One cluster as review.json writes it. */
const clusterJson = (c: ReviewCluster, i: number) => ({
  rank: i + 1,
  id: c.id,
  outlets: c.outlets,
  decided: c.decided,
  flags: c.flags,
  claims: c.claims.map((m) => ({
    key: m.key,
    text: m.text,
    source: { ...m.source, name: sourceName(m.source) },
    start: m.start,
    end: m.end,
    claimants: m.claimants.map((x) => ({ name: x.name, quote: x.quote, entity: x.entityId, derived: x.derived, ...(x.derivedFrom ? { derivedFrom: x.derivedFrom } : {}) })),
    entities: m.entities,
    numbers: m.numbers.map((n) => ({
      quote: n.quote,
      value: n.value,
      approx: n.approx,
      valueMax: n.valueMax,
      unit: n.unit,
      quantity: n.quantity,
      normalised: n.normalised,
      interval: n.interval,
      derived: n.derived,
    })),
  })),
});

/**
 * review.json, piece by piece: the same text as JSON.stringify(whole, null, 2), one cluster at a
 * time. 200,000 claims make about 260 MB of JSON; built as one string, twice that would pass V8's
 * longest string (2^29 - 24 characters) and the review could not be written at all.
 */
export function* reviewJsonChunks(review: ReviewResult, info: ReviewSetInfo): Generator<string> {
  const head = JSON.stringify({ format: 'factmark-review', formatVersion: REVIEW_FORMAT_VERSION, ...info, claims: review.claims, staleDecisions: review.staleDecisions, clusters: [] }, null, 2);
  if (review.clusters.length === 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, -'[]\n}'.length)}[\n`;
  for (const [i, c] of review.clusters.entries()) {
    yield `${i > 0 ? ',\n' : ''}    ${JSON.stringify(clusterJson(c, i), null, 2).replace(/\n/g, '\n    ')}`;
  }
  yield '\n  ]\n}\n';
}

export const reviewJson = (review: ReviewResult, info: ReviewSetInfo): string => [...reviewJsonChunks(review, info)].join('');

export const REVIEW_CSV_COLUMNS = ['cluster', 'rank', 'outlets', 'flags', 'claim', 'document', 'outlet', 'title', 'claim_text', 'attributed_to', 'numbers', 'start', 'end'] as const;

/** UTF-8 with BOM, CRLF, RFC 4180 quoting, formula-like cells defused (shared/formats/exportCsv.ts). */
export function* reviewCsvChunks(review: ReviewResult): Generator<string> {
  yield `\uFEFF${csvRow(REVIEW_CSV_COLUMNS)}`;
  for (const [i, c] of review.clusters.entries()) {
    let out = '';
    // A row carries the flags that name its claim, not the whole cluster's: a cluster of n claims
    // can have n² flags, and repeating them on each of its n rows made a 20,000-claim CSV 485 MB.
    const flagsOf = new Map<string, string[]>();
    for (const f of c.flags) {
      for (const key of new Set(f.claims)) {
        const list = flagsOf.get(key);
        if (list) list.push(`${flagLabel[f.kind]}: ${f.reason}`);
        else flagsOf.set(key, [`${flagLabel[f.kind]}: ${f.reason}`]);
      }
    }
    for (const m of c.claims) {
      out += csvRow([
        c.id,
        i + 1,
        c.outlets,
        (flagsOf.get(m.key) ?? []).join(' | '),
        m.key,
        m.docId,
        m.source.outlet,
        m.source.title,
        m.text,
        m.claimants.map((x) => `${x.name}${x.derived ? ' (derived)' : ''}`).join('; '),
        m.numbers.map((n) => `${n.quote} = ${n.normalised}${n.unit ? ` ${n.unit}` : ''}${n.quantity ? ` (${n.quantity})` : ''}${n.derived.length ? ' (derived)' : ''}`).join('; '),
        m.start,
        m.end,
      ]);
    }
    yield out;
  }
}

export const reviewCsv = (review: ReviewResult): string => [...reviewCsvChunks(review)].join('');

/** Text as HTML text: the five characters that could make markup. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;margin:2rem auto;max-width:70rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}.meta{color:#6b7280;margin:0 0 1.5rem}
section{border:1px solid #d1d5db;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem;break-inside:avoid}
section.conflict{border-left:6px solid #b91c1c}section.attribution{border-left:6px solid #d97706}
h2{font-size:1rem;margin:0 0 .5rem}.count{color:#6b7280;font-weight:normal}
ul.flags{margin:.25rem 0 .5rem;padding-left:1.2rem}li.number-conflict{color:#b91c1c}li.attribution-different,li.attribution-partial,li.attribution-missing{color:#92400e}
table{border-collapse:collapse;width:100%}th,td{border-top:1px solid #e5e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:#6b7280}
.num{white-space:nowrap}.derived{color:#6d28d9}.norm{font-family:ui-monospace,Menlo,Consolas,monospace}.none{color:#9ca3af;font-style:italic}
@media print{body{margin:0;max-width:none;font-size:11pt}section{border-color:#999}}
`;

/** A cluster's heading: its first claim, cut at a word after 140 characters. */
const headline = (text: string) => (text.length <= 140 ? text : `${text.slice(0, 139).replace(/\s+\S*$/, '')}…`);

function clusterHtml(c: ReviewCluster, rank: number): string {
  const conflict = c.flags.some((f) => f.kind === 'number-conflict');
  const cls = conflict ? 'conflict' : c.flags.length ? 'attribution' : '';
  const flags = c.flags.length
    ? `<ul class="flags">${c.flags.map((f) => `<li class="${f.kind}"><strong>${escapeHtml(flagLabel[f.kind]!)}</strong>: ${escapeHtml(f.reason)}</li>`).join('')}</ul>`
    : '';
  const rows = c.claims
    .map((m) => {
      const who = m.claimants.length
        ? m.claimants.map((x) => `${escapeHtml(x.name)}${x.derived ? ' <small class="derived">(derived)</small>' : ''}`).join(', ')
        : '<span class="none">unattributed</span>';
      const nums = m.numbers.length
        ? m.numbers
            .map((n) => `<div class="num">“${escapeHtml(n.quote)}” → <span class="norm">${escapeHtml(n.normalised)}</span>${n.unit ? ` ${escapeHtml(n.unit)}` : ''}${n.quantity ? ` <small>(${escapeHtml(n.quantity)})</small>` : ''}${n.derived.length ? ' <small class="derived">(derived)</small>' : ''}</div>`)
            .join('')
        : '<span class="none">—</span>';
      return `<tr><td>${escapeHtml(sourceName(m.source))}<br><small>${escapeHtml(m.docId)}</small></td><td>${escapeHtml(m.text)}</td><td>${who}</td><td>${nums}</td></tr>`;
    })
    .join('');
  return `<section class="${cls}"><h2>${rank}. ${escapeHtml(headline(c.claims[0]!.text))} <span class="count">· ${c.claims.length} claim${c.claims.length === 1 ? '' : 's'}, ${c.outlets} outlet${c.outlets === 1 ? '' : 's'}${c.decided ? ', reviewed' : ''}</span></h2>${flags}<table><thead><tr><th>Outlet</th><th>Claim as worded</th><th>Attributed to</th><th>Numbers</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function* reviewHtmlChunks(review: ReviewResult, info: ReviewSetInfo): Generator<string> {
  const conflicts = review.clusters.filter((c) => c.flags.some((f) => f.kind === 'number-conflict')).length;
  const title = `Claim review: ${info.project}`;
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="meta">${review.claims} claims in ${review.clusters.length} clusters, ${conflicts} with numbers that disagree · annotations of ${escapeHtml(info.annotator)} · ${escapeHtml(info.createdAt)} · Factmark ${escapeHtml(info.factmarkVersion)}</p>
`;
  for (const [i, c] of review.clusters.entries()) yield `${i > 0 ? '\n' : ''}${clusterHtml(c, i + 1)}`;
  yield `
</body></html>
`;
}

export const reviewHtml = (review: ReviewResult, info: ReviewSetInfo): string => [...reviewHtmlChunks(review, info)].join('');
