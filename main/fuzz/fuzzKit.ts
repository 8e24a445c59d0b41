import fc from 'fast-check';

/**
 * Shared by the fuzz suites (*.fuzz.test.ts): how many cases to run, the hostile inputs every
 * reader gets, and the summary lines a release note quotes ("fuzz: <reader>: N cases, F failures").
 *
 * FUZZ_RUNS sets the cases per reader (default 2000, which keeps the suites within about a minute
 * on CI's two cores); FUZZ_SEED replays a failing run.
 */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS) || 2000);
const seedFromEnv = Number(process.env.FUZZ_SEED);
export const fuzzParams = (numRuns = FUZZ_RUNS): fc.Parameters<unknown> => ({
  numRuns,
  ...(Number.isInteger(seedFromEnv) ? { seed: seedFromEnv } : {}),
});

/** Run a property, print its summary line, and fail the test with fast-check's report if it failed. */
export async function fuzz<Ts extends [unknown, ...unknown[]]>(
  reader: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  numRuns = FUZZ_RUNS,
): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, fuzzParams(numRuns) as fc.Parameters<Ts>);
  const failures = details.failed ? 1 : 0;
  console.log(`fuzz: ${reader}: ${details.numRuns} cases, ${failures} failures${details.failed ? ` (seed ${details.seed})` : ''}`);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `fuzz ${reader} failed`);
}

/** JS numbers a reader must survive: huge, negative, fractional, unsafe integers. */
export const hostileNumber = fc.constantFrom(
  -1, -0, 0.5, 2 ** 31, 2 ** 32 + 1, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e21, 1e308, -1e308, Number.MIN_VALUE,
);

/** Strings with lone surrogate halves, RTL overrides, NULs and the like. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 8 }).map((units) => String.fromCharCode(...units)),
  fc.constantFrom('', '\u0000', '\u202e', '\uFEFF', '💥', '<script>alert(1)</script>', '../../etc/passwd', '__proto__', 'constructor'),
);

/** Any JSON-ish leaf a reader might meet in place of the right one. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(hostileNumber, hostileString, fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));

/** Every path to a value inside a JSON value (objects and arrays), the root included. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const clone = structuredClone(root) as Record<string | number, unknown>;
  let node = clone;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove && Array.isArray(node)) node.splice(Number(last), 1);
  else if (remove) delete node[last];
  else node[last] = replacement;
  return clone;
}

/**
 * A valid JSON value with a few parts replaced by hostile ones (wrong types, huge numbers, reversed
 * or out-of-range offsets, duplicated entries) or removed.
 */
export function mutatedJson(valid: unknown): fc.Arbitrary<unknown> {
  const all = paths(valid);
  const edit = fc.record({
    at: fc.nat({ max: all.length - 1 }),
    kind: fc.constantFrom('replace', 'remove', 'duplicate', 'swapOffsets'),
    leaf: fc.oneof(hostileLeaf, fc.jsonValue({ maxDepth: 2 })),
  });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let value = valid;
    for (const e of edits) {
      const pathsNow = paths(value);
      const path = pathsNow[e.at % pathsNow.length]!;
      const target = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
      if (e.kind === 'remove') value = setAt(value, path, undefined, true);
      else if (e.kind === 'duplicate' && Array.isArray(target) && target.length > 0) value = setAt(value, path, [...target, target[0]], false);
      else if (e.kind === 'swapOffsets' && target && typeof target === 'object' && 'start' in target && 'end' in target) {
        const t = target as { start: unknown; end: unknown };
        value = setAt(value, path, { ...t, start: t.end, end: t.start }, false);
      } else value = setAt(value, path, e.leaf, false);
    }
    return value;
  });
}

/** Text a file reader may be handed: mutated valid JSON, truncated JSON, random JSON, random bytes as text. */
export function hostileJsonText(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid, null, 2);
  return fc.oneof(
    { weight: 4, arbitrary: mutatedJson(valid).map((v) => JSON.stringify(v, null, 2) ?? 'undefined') },
    { weight: 2, arbitrary: fc.nat({ max: text.length }).map((n) => text.slice(0, n)) },
    { weight: 1, arbitrary: fc.json() },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('utf8')) },
    { weight: 1, arbitrary: hostileString },
  );
}

/** Raw bytes a file reader may be handed: invalid UTF-8, BOMs, NULs, truncated multi-byte sequences. */
export const hostileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.tuple(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], []), fc.uint8Array({ maxLength: 512 })).map(([bom, rest]) => Uint8Array.from([...bom, ...rest])),
  fc.string({ unit: 'binary' }).map((s) => {
    const b = Buffer.from(s, 'utf8');
    return b.subarray(0, Math.max(0, b.length - 1));
  }),
);

/** One 50 MB line (only one, to keep the suite fast): a JSON record whose text is one long run. */
export function fiftyMegabyteLine(): string {
  const size = 50 * 1024 * 1024;
  return `{"text":"${'a'.repeat(size - 40)}","spans":[{"start":0,"end":1,"label":"x"}]}`;
}
