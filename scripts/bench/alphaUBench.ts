// Unitizing alpha alone on an agreement benchmark project (bundled and run by scripts/bench-agree.mjs):
// the files are read first (not timed); then, per label, uα over all annotators and over each pair
// of them for every document, pooled over documents and label layers as `factmark agree` does
// (shared/agreement/projectAgreement.ts).
// Prints one JSON line: milliseconds (wall and CPU, median of 3 runs) and the overall value.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUnitizingTallies, alphaOf, emptyUnitizingTally, unitizingDisagreement, unitizingTally, type UnitizingTally } from '../../shared/agreement/unitizingAlpha';
import { characterContinuum, labelUnits } from '../../shared/agreement/unitizingLayers';
import type { AgreementSpan } from '../../shared/agreement/types';

const dir = process.argv[2]!;
const annotators = readdirSync(join(dir, 'annotations')).sort();
const labels = (JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')) as { labels: { id: string }[] }).labels.map((l) => l.id);
const docs = readdirSync(join(dir, 'documents'))
  .filter((n) => n.endsWith('.txt'))
  .map((n) => {
    const id = n.slice(0, -4);
    const text = readFileSync(join(dir, 'documents', n), 'utf8');
    const annotations = new Map<string, AgreementSpan[]>(annotators.map((a) => [a, (JSON.parse(readFileSync(join(dir, 'annotations', a, `${id}.json`), 'utf8')) as { spans: AgreementSpan[] }).spans]));
    return { text, annotations };
  });

/** uα over all annotators, overall (the label layers' disagreements pooled); each pair's tallies are made too, as `factmark agree` makes them. */
function run(): number | null {
  const groups = [annotators, ...annotators.flatMap((a, i) => annotators.slice(i + 1).map((b) => [a, b]))];
  const tallies: UnitizingTally[][] = groups.map(() => labels.map(() => emptyUnitizingTally()));
  for (const doc of docs) {
    const continuum = characterContinuum(doc.text, [], doc.annotations);
    labels.forEach((label, l) => {
      const units = new Map(annotators.map((a) => [a, labelUnits(doc.annotations.get(a)!, label, continuum.at)]));
      groups.forEach((group, g) => addUnitizingTallies(tallies[g]![l]!, unitizingTally(group.map((a) => units.get(a)!), continuum.length)));
    });
  }
  let observed = 0;
  let expected = 0;
  for (const t of tallies[0]!) {
    const d = unitizingDisagreement(t);
    observed += d.observed;
    expected += d.expected;
  }
  return alphaOf(observed, expected);
}

const times: { wall: number; cpu: number }[] = [];
let value: number | null = null;
for (let k = 0; k < 3; k++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  value = run();
  const c = process.cpuUsage(c0);
  times.push({ wall: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000 });
}
times.sort((a, b) => a.wall - b.wall);
console.log(JSON.stringify({ documents: docs.length, annotators: annotators.length, labels: labels.length, wallMs: times[1]!.wall, cpuMs: times[1]!.cpu, alphaU: value }));
