// A synthetic newsroom corpus for `npm run bench` (claim review at scale, issue 18): N claims over
// N/10 documents from 400 outlets. Each claim reports an "event"; an event is reported by one to
// four outlets, each in its own words (words dropped, synonyms swapped, now and then another
// figure). Event wording: a sentence of the sample corpus whose content words are replaced (92 %)
// by words drawn from a 40,000-word vocabulary with Zipf frequencies (s = 1.05), plus named actors
// from 3,000 entities and 300 sources (also Zipf), and casualty figures in a third of them. So the
// word frequencies look like news (a few words everywhere, most words rare), and the clusters are
// real: the benchmark measures the review on data whose true clusters it knows (a fifth of each
// report's words dropped and one in eight replaced, so two reports of one event share about as
// many words as the sample's outlets do: word cosines from 0.2 up). Tagged like an
// annotator would in the app, but not completely: 70 % of actors carry their entity, 70 % of
// numbers their attributes and 70 % of attributed claims their `attributed_to` relation; the
// rest is derived by the review (deriveNumber.ts, deriveClaimant.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './prng.mjs';
import { corpusSentences } from './synthetic.mjs';

const T = '2026-01-01T00:00:00.000Z';
const STOP = new Set('the a an of in on at to for by from with and or but that this these those its their his her is are was were has have had been be as it which who while after before over under into since than also not no'.split(' '));
const SYNONYMS = [['promised', 'pledged'], ['aid', 'assistance'], ['killed', 'left dead'], ['attack', 'assault'], ['strikes', 'raids'], ['said', 'stated'], ['city', 'town'], ['forces', 'troops']];

function zipf(random, n, s = 1.05) {
  // Inverse-CDF sampling over precomputed cumulative weights.
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function pseudoWords(random, count, minSyllables, maxSyllables) {
  const C = 'bcdfghjklmnprstvz';
  const V = 'aeiou';
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    const n = minSyllables + Math.floor(random() * (maxSyllables - minSyllables + 1));
    let w = '';
    for (let i = 0; i < n; i++) w += C[Math.floor(random() * C.length)] + V[Math.floor(random() * V.length)] + (random() < 0.3 ? C[Math.floor(random() * C.length)] : '');
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

const cap = (w) => w[0].toUpperCase() + w.slice(1);
const WORD_NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Writes the project into `dir`; returns { documents, claims, events }. */
export function writeNewsroomProject(dir, claimCount, { seed = 18, corpusDocs, projectJson, entitiesOut = true }) {
  const random = prng(seed);
  const sentences = corpusSentences(corpusDocs).map((s) => s.replace(/[.!?]+$/, ''));
  const vocabulary = pseudoWords(random, 40_000, 2, 3);
  const pickWord = zipf(random, vocabulary.length);
  const entityNames = pseudoWords(random, 3_000, 2, 3).map((w, i) => (i % 3 === 0 ? `${cap(w)} ${cap(vocabulary[i])}` : cap(w)));
  const pickEntity = zipf(random, entityNames.length, 1.1);
  const sourceNames = Array.from({ length: 300 }, (_, i) => (i % 4 === 0 ? `${cap(vocabulary[100 + i])} military sources` : i % 4 === 1 ? `${cap(vocabulary[500 + i])} Agency` : i % 4 === 2 ? `the ${cap(vocabulary[900 + i])} ministry` : `${cap(vocabulary[1300 + i])} officials`));
  const pickSource = zipf(random, sourceNames.length, 1.1);

  /** One event: its words (with slots for actors and a figure), its actors, its source, its figure. */
  function event() {
    const template = sentences[Math.floor(random() * sentences.length)].split(/\s+/);
    const words = template.map((w) => {
      const bare = w.replace(/[^\p{L}'’-]/gu, '');
      // The sentence gives the syntax (function words, short words); its content words are drawn anew, a few kept.
      if (bare.length < 4 || STOP.has(bare.toLowerCase()) || random() < 0.08) return w.replace(/^\p{Lu}/u, (c) => c.toLowerCase());
      return vocabulary[pickWord()];
    });
    const actors = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pickEntity());
    const figure = random() < 0.33 ? { value: 2 + Math.floor(random() * 60), harm: random() < 0.7 ? 'killed' : 'injured' } : null;
    return { words, actors, source: random() < 0.75 ? pickSource() : null, figure };
  }

  const reportsOf = () => {
    const r = random();
    return r < 0.45 ? 1 : r < 0.7 ? 2 : r < 0.88 ? 3 : 4;
  };
  /** A report of an event in an outlet's words: the claim text, its actors' and figure's offsets, its frame. */
  function report(ev) {
    const spans = [];
    let text = '';
    const add = (s) => {
      if (text) text += ' ';
      text += s;
    };
    // An actor starts the claim, the event's words follow (some dropped, synonyms swapped), a second actor may close it.
    const first = entityNames[ev.actors[0]];
    spans.push({ label: 'actor', start: 0, end: first.length, entity: `e${ev.actors[0]}` });
    add(first);
    // Each outlet words it its own way: a fifth of the words left out, one in eight said otherwise.
    for (const w of ev.words) {
      const r = random();
      if (r < 0.2) continue;
      const swap = SYNONYMS.find(([a, b]) => w === a || w === b);
      if (swap) add(r < 0.6 ? (swap[0] === w ? swap[1] : swap[0]) : w);
      else add(r < 0.33 && w.length >= 4 ? vocabulary[pickWord()] : w);
    }
    if (ev.figure) {
      const value = random() < 0.85 ? ev.figure.value : ev.figure.value + 3 + Math.floor(random() * 20);
      const words = value <= 10 && random() < 0.5 ? WORD_NUMBERS[value - 2] : String(value);
      const phrase = random() < 0.5 ? `, leaving ${words} civilians ${ev.figure.harm}` : `; ${words} people were ${ev.figure.harm}`;
      const at = text.length + phrase.indexOf(words);
      text += phrase;
      spans.push({ label: 'number', start: at, end: at + words.length, value, unit: phrase.includes('civilians') ? 'civilians' : 'people', quantity: ev.figure.harm === 'killed' ? 'casualties killed' : 'casualties injured' });
    }
    if (ev.actors[1] !== undefined) {
      const name = entityNames[ev.actors[1]];
      text += `, with ${name}`;
      spans.push({ label: 'actor', start: text.length - name.length, end: text.length, entity: `e${ev.actors[1]}` });
    }
    return { text, spans, source: ev.source };
  }

  const events = [];
  const pool = [];
  while (pool.length < claimCount) {
    const ev = event();
    events.push(ev);
    for (let k = reportsOf(); k > 0 && pool.length < claimCount; k--) pool.push({ event: events.length - 1, report: report(ev) });
  }
  // Shuffle the reports, then deal them out to documents of ten, never two reports of one event in a document.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const docs = Math.ceil(claimCount / 10);
  const byDoc = Array.from({ length: docs }, () => []);
  pool.forEach((r, i) => byDoc[i % docs].push(r));

  mkdirSync(join(dir, 'documents'), { recursive: true });
  mkdirSync(join(dir, 'annotations', 'reviewer'), { recursive: true });
  writeFileSync(join(dir, 'project.json'), projectJson);
  if (entitiesOut) {
    const entities = [...entityNames.map((name, i) => ({ id: `e${i}`, name, aliases: [] })), ...sourceNames.map((name, i) => ({ id: `s${i}`, name: name.replace(/^the /, ''), aliases: [] }))];
    writeFileSync(join(dir, 'entities.json'), JSON.stringify({ schemaVersion: 1, entities }));
  }
  let claims = 0;
  const truth = {};
  byDoc.forEach((reports, d) => {
    const id = `doc-${String(d).padStart(6, '0')}`;
    const outlet = `${cap(vocabulary[2000 + (d % 400)])} News`;
    let text = `${cap(vocabulary[3000 + (d % 5000)])} ${vocabulary[pickWord()]} ${vocabulary[pickWord()]}\n\n`;
    const spans = [];
    const relations = [];
    for (const { report: r, event: eventId } of reports) {
      const cid = `c${spans.length}`;
      truth[`${id}/${cid}`] = eventId;
      const framed = r.source !== null;
      const frameFirst = framed && random() < 0.3;
      let start;
      if (frameFirst) {
        const source = sourceNames[r.source];
        const head = `${cap(source)} said that `;
        const srcStart = text.length + (source.startsWith('the ') ? 4 : 0);
        spans.push({ id: `${cid}s`, start: srcStart, end: text.length + source.length, label: 'actor', entity: `s${r.source}` });
        text += head;
        start = text.length;
        text += `${r.text}.`;
      } else {
        start = text.length;
        text += r.text;
        if (framed) {
          const source = sourceNames[r.source];
          const lead = random() < 0.5 ? ', according to ' : ', ';
          const tail = lead === ', ' ? ' said.' : '.';
          const srcStart = text.length + lead.length + (source.startsWith('the ') ? 4 : 0);
          text += `${lead}${source}${tail}`;
          spans.push({ id: `${cid}s`, start: srcStart, end: srcStart + source.length - (source.startsWith('the ') ? 4 : 0), label: 'actor', entity: `s${r.source}` });
        } else text += '.';
      }
      spans.push({ id: cid, start, end: start + r.text.length, label: 'claim' });
      r.spans.forEach((s, k) => spans.push({ ...s, id: `${cid}${s.label[0]}${k}`, start: start + s.start, end: start + s.end }));
      if (framed && random() < 0.7) relations.push({ id: `r${relations.length}`, type: 'attributed_to', from: cid, to: `${cid}s`, createdAt: T, updatedAt: T });
      text += random() < 0.3 ? '\n\n' : ' ';
      claims++;
    }
    text = `${text.trimEnd()}\n`;
    const bytes = Buffer.from(text, 'utf8');
    const sha = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'documents', `${id}.txt`), bytes);
    writeFileSync(join(dir, 'documents', `${id}.json`), JSON.stringify({ schemaVersion: 1, id, title: `Report ${d}`, outlet, date: null, source: `${id}.txt`, textSha256: sha, length: text.length, importedAt: T, importNotices: [] }));
    const stored = spans
      .map((s) => {
        const attributes = {};
        if (s.label === 'actor' && random() < 0.7) attributes.entity = s.entity;
        if (s.label === 'number' && random() < 0.7) Object.assign(attributes, { value: s.value, approx: 'exact', unit: s.unit, quantity: s.quantity });
        return { id: s.id, start: s.start, end: s.end, label: s.label, quote: text.slice(s.start, s.end), createdAt: T, updatedAt: T, ...(Object.keys(attributes).length ? { attributes } : {}) };
      })
      .sort((a, b) => a.start - b.start || b.end - a.end);
    writeFileSync(join(dir, 'annotations', 'reviewer', `${id}.json`), JSON.stringify({ schemaVersion: 1, docId: id, textSha256: sha, annotator: 'reviewer', status: 'done', spans: stored, relations, updatedAt: T }));
  });
  // truth: the event each claim reports ("docId/claimId" -> event number), to measure cluster quality.
  return { documents: docs, claims, events: events.length, truth };
}
