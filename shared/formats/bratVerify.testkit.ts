/**
 * brat's `verify_annotations` checks, for tests: a reading of brat's documented configuration
 * (https://brat.nlplab.org/configuration.html) and of what nlplab/brat's
 * server/src/verify_annotations.py and projectconfig.py check, re-implemented for the parts
 * Factmark's exports use. No brat code is copied.
 *
 * - Types: every text-bound annotation's type is an entity (or event) type of annotation.conf,
 *   every relation's type a relation type ("Error: X is not a known textbound type").
 * - Overlap (verify_entity_overlap): every ordered pair of entities whose extents overlap
 *   (first start < other's last end and last end > other's first start) must be allowed by an
 *   `<OVERLAP>` rule: equal spans (same set of fragments) need `equal`, a span inside another
 *   (each of its fragments inside one of the other's) needs `contain` in a rule whose Arg1 matches
 *   the inner type and Arg2 the outer one (or `<ANY>` either way round), anything else needs
 *   `cross`. `<ANY>` as the overlap type allows all three. Rule arguments match a type by name, by
 *   `<ANY>`, or by `<ENTITY>` for entity types. Without a rule, any overlap is an error.
 * - Relations: the relation's Arg1 and Arg2 types are allowed by one of its rules (either order,
 *   argument labels Arg1/Arg2 matching).
 * - Attributes: an attribute is declared for its target's type (`Arg:`), and a valued attribute
 *   has one of its declared values.
 */
export interface BratConf {
  entities: string[];
  events: string[];
  /** Relation rules, the `<OVERLAP>` ones included: type, argument types by argument label, special arguments. */
  relations: { type: string; args: Record<string, string[]>; argOrder: string[]; special: Record<string, string[]> }[];
  attributes: { type: string; args: string[]; values: string[] | null }[];
}

export interface BratAnn {
  textbounds: { id: string; type: string; fragments: [number, number][] }[];
  relations: { id: string; type: string; arg1: string; arg1Label: string; arg2: string; arg2Label: string }[];
  attributes: { id: string; type: string; target: string; value: string | null }[];
}

function parseArgs(spec: string): { args: Record<string, string[]>; argOrder: string[]; special: Record<string, string[]> } {
  const args: Record<string, string[]> = {};
  const argOrder: string[] = [];
  const special: Record<string, string[]> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\S*?):(\S*)$/.exec(part);
    if (!m) throw new Error(`annotation.conf: cannot parse argument "${part}"`);
    const [, key, types] = m as unknown as [string, string, string];
    if (/^<.*>$/.test(key)) special[key] = [types];
    else {
      const label = key.replace(/(\{\S+\}|\?|\*|\+)$/, '');
      argOrder.push(label);
      args[label] = types.split('|');
    }
  }
  return { args, argOrder, special };
}

export function parseBratConf(text: string): BratConf {
  const conf: BratConf = { entities: [], events: [], relations: [], attributes: [] };
  let section = '';
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || /^\s*#/.test(raw)) continue;
    const sec = /^\s*\[(\w+)\]\s*$/.exec(raw);
    if (sec) {
      section = sec[1] as string;
      continue;
    }
    const line = raw.trim();
    const [head, ...rest] = line.split(/\s+/);
    const name = (head as string).replace(/^!/, '').split('|')[0] as string;
    const spec = rest.join(' ');
    if (section === 'entities') conf.entities.push(name);
    else if (section === 'events') conf.events.push(name);
    else if (section === 'relations') {
      if (/^<\w+>=/.test(line)) continue; // a macro definition
      conf.relations.push({ type: name, ...parseArgs(spec) });
    } else if (section === 'attributes') {
      const { args, special } = parseArgs(spec);
      conf.attributes.push({ type: name, args: args.Arg ?? [], values: args.Value ?? special['<VALUE>'] ?? null });
    }
  }
  return conf;
}

export function parseBratAnn(text: string): BratAnn {
  const ann: BratAnn = { textbounds: [], relations: [], attributes: [] };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [id, body = ''] = line.split('\t');
    if (!id) continue;
    if (id.startsWith('T')) {
      const m = /^(\S+) (.+)$/.exec(body);
      if (!m) throw new Error(`.ann: cannot parse "${line}"`);
      const fragments = (m[2] as string).split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      ann.textbounds.push({ id, type: m[1] as string, fragments });
    } else if (id.startsWith('R')) {
      const [type, a1, a2] = body.split(' ') as [string, string, string];
      const [arg1Label, arg1] = a1.split(':') as [string, string];
      const [arg2Label, arg2] = a2.split(':') as [string, string];
      ann.relations.push({ id, type, arg1, arg1Label, arg2, arg2Label });
    } else if (id.startsWith('A') || id.startsWith('M')) {
      const [type, target, value] = body.split(' ') as [string, string, string | undefined];
      ann.attributes.push({ id, type, target, value: value ?? null });
    }
  }
  return ann;
}

const SPECIAL = new Set(['<OVERLAP>', 'ENTITY-NESTING']);

function matches(conf: BratConf, ruleType: string, type: string): boolean {
  return ruleType === type || ruleType === '<ANY>' || (ruleType === '<ENTITY>' && conf.entities.includes(type)) || (ruleType === '<EVENT>' && conf.events.includes(type));
}

/** projectconfig.overlap_types: the <OVL-TYPE> values of <OVERLAP> rules with Arg1 ~ inner, Arg2 ~ outer. */
function overlapTypes(conf: BratConf, inner: string, outer: string): Set<string> {
  const out = new Set<string>();
  for (const r of conf.relations) {
    if (r.type !== '<OVERLAP>' || r.argOrder.length !== 2) continue;
    const [a1, a2] = r.argOrder as [string, string];
    if (!(r.args[a1] ?? []).some((t) => matches(conf, t, inner)) || !(r.args[a2] ?? []).some((t) => matches(conf, t, outer))) continue;
    for (const v of r.special['<OVL-TYPE>'] ?? []) for (const t of v.split('|')) out.add(t);
  }
  return out;
}

const allows = (types: Set<string>, what: string) => types.has(what) || types.has('<ANY>');
const spanCanContain = (conf: BratConf, inner: string, outer: string) =>
  allows(overlapTypes(conf, inner, outer), 'contain') || overlapTypes(conf, outer, inner).has('<ANY>');
const spansCanBeEqual = (conf: BratConf, t1: string, t2: string) => allows(overlapTypes(conf, t1, t2), 'equal') || allows(overlapTypes(conf, t2, t1), 'equal');
const spansCanCross = (conf: BratConf, t1: string, t2: string) => allows(overlapTypes(conf, t1, t2), 'cross') || allows(overlapTypes(conf, t2, t1), 'cross');

type Tb = BratAnn['textbounds'][number];
const firstStart = (t: Tb) => Math.min(...t.fragments.map(([s]) => s));
const lastEnd = (t: Tb) => Math.max(...t.fragments.map(([, e]) => e));
const sameSpan = (a: Tb, b: Tb) => {
  const key = (t: Tb) => new Set(t.fragments.map(([s, e]) => `${s}:${e}`));
  const ka = key(a);
  const kb = key(b);
  return ka.size === kb.size && [...ka].every((k) => kb.has(k));
};
/** a contains b: each fragment of b inside (or equal to) one fragment of a. */
const contains = (a: Tb, b: Tb) => b.fragments.every(([s, e]) => a.fragments.some(([as, ae]) => s >= as && e <= ae));

/** The issues brat's verify_annotations reports for one document, as "T1: Error: ..." lines. */
export function verifyBrat(conf: BratConf, ann: BratAnn): string[] {
  const issues: string[] = [];
  const byId = new Map(ann.textbounds.map((t) => [t.id, t]));
  const textboundTypes = [...conf.events, ...conf.entities];
  const relationTypes = conf.relations.filter((r) => !SPECIAL.has(r.type)).map((r) => r.type);
  for (const t of ann.textbounds) if (!textboundTypes.includes(t.type)) issues.push(`${t.id}: Error: ${t.type} is not a known textbound type (check configuration?)`);
  for (const r of ann.relations) if (!relationTypes.includes(r.type)) issues.push(`${r.id}: Error: ${r.type} is not a known relation type (check configuration?)`);

  const entities = ann.textbounds.filter((t) => conf.entities.includes(t.type));
  for (const a1 of entities) {
    for (const a2 of entities) {
      if (a1 === a2 || !(firstStart(a2) < lastEnd(a1) && lastEnd(a2) > firstStart(a1))) continue;
      if (sameSpan(a1, a2)) {
        if (!spansCanBeEqual(conf, a1.type, a2.type)) issues.push(`${a1.id}: Error: ${a1.type} cannot have identical span with ${a2.type} ${a2.id}`);
      } else if (contains(a2, a1)) {
        if (!spanCanContain(conf, a1.type, a2.type)) issues.push(`${a1.id}: Error: ${a1.type} cannot be contained in ${a2.type} (${a2.id})`);
      } else if (contains(a1, a2)) {
        if (!spanCanContain(conf, a2.type, a1.type)) issues.push(`${a1.id}: Error: ${a1.type} cannot contain ${a2.type} (${a2.id})`);
      } else if (!spansCanCross(conf, a1.type, a2.type)) {
        issues.push(`${a1.id}: Error: annotation cannot have crossing span with ${a2.id}`);
      }
    }
  }

  for (const r of ann.relations) {
    const a1 = byId.get(r.arg1);
    const a2 = byId.get(r.arg2);
    if (!a1 || !a2) {
      issues.push(`${r.id}: Error: argument not found`);
      continue;
    }
    const fits = (x: Tb, y: Tb, lx: string, ly: string) =>
      conf.relations.some(
        (c) =>
          c.type === r.type &&
          c.argOrder.length === 2 &&
          c.argOrder[0] === lx &&
          c.argOrder[1] === ly &&
          (c.args[lx] ?? []).some((t) => matches(conf, t, x.type)) &&
          (c.args[ly] ?? []).some((t) => matches(conf, t, y.type)),
      );
    if (!fits(a1, a2, r.arg1Label, r.arg2Label) && !fits(a2, a1, r.arg2Label, r.arg1Label)) {
      issues.push(`${r.id}: Error: ${r.type} relation ${r.arg1Label}:${a1.type} ${r.arg2Label}:${a2.type} not allowed`);
    }
  }

  for (const a of ann.attributes) {
    const t = byId.get(a.target);
    const decl = conf.attributes.find((d) => d.type === a.type);
    if (!t || !decl || !decl.args.some((x) => matches(conf, x, t.type))) {
      issues.push(`${a.target}: Error: ${t?.type ?? '?'} cannot take a ${a.type} attribute`);
    } else if (decl.values && a.value !== null && !decl.values.includes(a.value)) {
      issues.push(`${a.target}: Error: ${a.type} cannot have the value ${a.value}`);
    }
  }
  return issues;
}
