// The seeded input of the component-level view bench (scripts/bench-view.mjs): an article of
// ~200,000 characters in ~1,500 paragraphs of real news sentences, with 5,000 spans of which 20%
// are nested inside another and some cross a paragraph break; plus the spans added and edited.
import { wordsIn } from './synthetic.mjs';
import { prng } from './prng.mjs';

const T = '2026-01-01T00:00:00.000Z';
export const VIEW_LABELS = [
  { id: 'claim', name: 'Claim', color: '#c2410c', hotkeys: ['1'], attributes: [] },
  { id: 'actor', name: 'Actor', color: '#2563eb', hotkeys: ['2'], attributes: [] },
  { id: 'number', name: 'Number', color: '#16a34a', hotkeys: ['3'], attributes: [] },
];

const span = (text, id, start, end, label) => ({ id, start, end, label, quote: text.slice(start, end), createdAt: T, updatedAt: T });

/**
 * paragraphs x ~charsPerParagraph of shuffled sentences; spans: (1 - nestedShare) top-level phrases of
 * 1-3 words spread evenly (`crossing` of them from a paragraph's last word to the next one's first),
 * nestedShare single words inside a top-level phrase.
 */
export function viewBenchInput(sentences, { seed = 7, paragraphs = 1500, chars = 200_000, spans = 5000, nestedShare = 0.2, crossing = 50, additions = 50, edits = 20, addWithin = 140_000 } = {}) {
  const random = prng(seed);
  const perParagraph = chars / paragraphs - 2;
  const paras = [];
  for (let p = 0; p < paragraphs; p++) {
    let para = '';
    while (para.length < perParagraph * 0.5) para += (para ? ' ' : '') + sentences[Math.floor(random() * sentences.length)];
    if (para.length > perParagraph * 1.2) para = para.slice(0, para.lastIndexOf(' ', Math.round(perParagraph * 1.2)));
    paras.push(para);
  }
  const text = paras.join('\n\n');
  const words = wordsIn(text);
  const labels = VIEW_LABELS.map((l) => l.id);
  const nested = Math.round(spans * nestedShare);
  const outer = spans - nested - crossing;
  const out = [];
  const sameParagraph = (a, b) => !text.slice(a.start, b.end).includes('\n');
  const step = Math.floor(words.length / outer);
  const phrases = [];
  for (let i = 0; i < outer; i++) {
    const k = i * step;
    const first = words[k];
    let last = first;
    const len = 1 + Math.floor(random() * 3);
    for (let j = 1; j < len && j < step; j++) if (words[k + j] && sameParagraph(first, words[k + j])) last = words[k + j];
    phrases.push({ first, last, words: words.slice(k, k + len).filter((w) => w.end <= last.end) });
    out.push(span(text, `o${String(i).padStart(5, '0')}`, first.start, last.end, labels[i % 3]));
  }
  // Nested: a word inside a phrase (the phrase's last word, or the whole one-word phrase).
  const nestStep = Math.floor(outer / nested);
  for (let i = 0; i < nested; i++) {
    const p = phrases[i * nestStep];
    const w = p.words[p.words.length - 1];
    out.push(span(text, `n${String(i).padStart(5, '0')}`, w.start, w.end, labels[(i + 1) % 3]));
  }
  // Crossing: the last word of a paragraph to the first word of the next one.
  const breaks = [...text.matchAll(/\n\n/g)].map((m) => m.index);
  for (let i = 0; i < crossing; i++) {
    const at = breaks[Math.floor(((i + 0.5) * breaks.length) / crossing)];
    const before = text.lastIndexOf(' ', at) + 1;
    const after = text.indexOf(' ', at + 2);
    out.push(span(text, `x${String(i).padStart(5, '0')}`, before, after, 'claim'));
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
  const early = words.filter((w) => w.end <= addWithin);
  const addStep = Math.floor(early.length / additions);
  const added = Array.from({ length: additions }, (_, i) => early[i * addStep + Math.floor(addStep / 2)]).map((w, i) =>
    span(text, `add${String(i).padStart(3, '0')}`, w.start, w.end, labels[i % 3]),
  );
  const editable = out.filter((s) => s.id.startsWith('o') && s.end <= addWithin);
  const editStep = Math.floor(editable.length / edits);
  const edited = Array.from({ length: edits }, (_, i) => editable[i * editStep].id);
  return { text, spans: out, labels: VIEW_LABELS, additions: added, edits: edited, counts: { paragraphs, chars: text.length, spans: out.length, nested, crossing } };
}
