import { summarize } from './stats.mjs';

/**
 * Results are sections of rows. A row is either a distribution (samples → n, median, p95, max)
 * or a single value (sizes, counts); both print in one aligned table and serialize to JSON.
 */
export function createReport(machine, legend = []) {
  const sections = [];
  // Sections are printed by key ('1', '4a', ...), not in the order they were measured: the API
  // figures of the sample are taken while its server is still up, before the synthetic runs.
  const ordered = () => [...sections].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  return {
    section(key, title, note) {
      const rows = [];
      sections.push({ key, title: `${key}. ${title}`, note, rows });
      return {
        timing(metric, samples, unit = 'ms') {
          const clean = samples.filter((s) => typeof s === 'number' && Number.isFinite(s));
          rows.push({ metric, unit, ...summarize(clean) });
        },
        value(metric, value, unit) {
          rows.push({ metric, unit, value });
        },
      };
    },
    toJSON: () => ({ machine, legend, sections: ordered() }),
    toText: () => formatText(machine, legend, ordered()),
  };
}

const fmt = (v, unit) => {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') return v;
  if (unit === 'ms') return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
};

function formatRow(row) {
  if ('value' in row) return [row.metric, '', '', '', fmt(row.value, row.unit), row.unit];
  return [row.metric, String(row.n), fmt(row.median, row.unit), fmt(row.p95, row.unit), fmt(row.max, row.unit), row.unit];
}

function formatText(machine, legend, sections) {
  const header = ['metric', 'n', 'median', 'p95', 'max / value', 'unit'];
  const all = sections.flatMap((s) => s.rows.map(formatRow));
  const widths = header.map((h, i) => Math.max(h.length, ...all.map((r) => r[i].length)));
  // The metric column is left-aligned, the figures right-aligned.
  const line = (cells) => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const out = [
    `Factmark bench, ${machine.date}`,
    `machine: ${machine.os}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB RAM`,
    `node ${machine.node}, ${machine.chromium}`,
    ...legend,
    '',
  ];
  for (const s of sections) {
    out.push(s.title);
    if (s.note) out.push(`  ${s.note}`);
    out.push(`  ${line(header)}`);
    for (const row of s.rows) out.push(`  ${line(formatRow(row))}`);
    out.push('');
  }
  return out.join('\n');
}
