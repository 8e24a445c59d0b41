import type { Analysis } from '../../shared/learn/analyze';
import { ATTRIBUTION_CUES } from '../../shared/learn/claimFeatures';
import type { GumDocument, GumSentence } from './conllu';

/**
 * Distant supervision for the claim classifier from GUM, following the guidelines' definition of a
 * claim (a check-worthy assertion of fact, reported or the writer's own) with what GUM annotates
 * and the text alone does not show:
 *  - positive: a sentence holding reported speech (an RST `attribution` unit whose verb reports:
 *    said, told, reported, according to; not "I think"), unless it is a question; or a statement (s_type decl, multiple, or a heading)
 *    anchored in checkable facts: a named person, organisation or place (a mention with a
 *    Wikipedia identity), a time (a `time` mention) or a number, whose main verb is neither modal
 *    nor in the first or second person;
 *    a news or interview title with a verb or a number is a claim too (guidelines: headlines are claims);
 *  - negative: questions, orders, exclamations, fragments that are not headings, statements
 *    without such an anchor (general or interpretive ones), modal or first-person statements.
 * The classifier learns to tell these apart from the surface features of claimFeatures.ts.
 */
export function gumSentenceIsClaim(s: GumSentence, title = false): boolean {
  if (['q', 'wh', 'imp', 'intj'].includes(s.sType)) return false;
  // A news title that says something happened (a verb or a number): "Hundreds dead in Hajj stampede".
  if (title && s.heading) return s.tokens.some((t) => t.upos === 'VERB' || t.upos === 'NUM');
  const text = s.tokens.map((t) => t.form).join(' ');
  if (/\?\s*["”']?\s*$/.test(text)) return false;
  // Reported speech ("said", "according to"), not thoughts ("I think", "she believes").
  if (reportedSpeech(s)) return true;
  const heading = s.heading;
  if (!['decl', 'multiple'].includes(s.sType) && !(heading && s.sType === 'frag')) return false;
  const root = s.tokens.find((t) => t.deprel === 'root');
  if (!root) return false;
  const deps = s.tokens.filter((t) => t.head === root.id);
  if (deps.some((t) => t.xpos === 'MD')) return false;
  const subject = deps.find((t) => t.deprel.startsWith('nsubj'));
  if (subject && subject.upos === 'PRON' && /Person=[12]/.test(subject.feats)) return false;
  if (heading && !s.tokens.some((t) => t.upos === 'VERB')) return false;
  const named = s.mentions.some((m) => m.identity !== null && ['person', 'organization', 'place'].includes(m.type));
  const time = s.mentions.some((m) => m.type === 'time') || s.tokens.some((t) => t.upos === 'NUM');
  return named || time;
}

/** An attribution unit whose verb is a reporting one (say, tell, report, according to, …). */
function reportedSpeech(s: GumSentence): boolean {
  let inAttribution = false;
  for (const t of s.tokens) {
    if (t.discourse !== null) inAttribution = t.discourse.startsWith('attribution-positive');
    if (inAttribution && ATTRIBUTION_CUES.has(t.lemma.toLowerCase()) && (t.upos === 'VERB' || t.lemma.toLowerCase() === 'accord')) return true;
  }
  return false;
}

/**
 * The label of each of wink's sentences: that of the GUM sentence holding most of its characters
 * (the two tokenisers split sentences a little differently).
 */
export function winkSentenceLabels(doc: GumDocument, a: Analysis): boolean[] {
  return a.sentences.map((ws) => {
    let best: GumSentence | null = null;
    let bestOverlap = 0;
    for (const gs of doc.sentences) {
      if (gs.end <= ws.start) continue;
      if (gs.start >= ws.end) break;
      const o = Math.min(gs.end, ws.end) - Math.max(gs.start, ws.start);
      if (o > bestOverlap) {
        bestOverlap = o;
        best = gs;
      }
    }
    const title = best === doc.sentences[0] && (doc.genre === 'news' || doc.genre === 'interview');
    return best !== null && gumSentenceIsClaim(best, title);
  });
}

/**
 * Claims with their boundaries where GUM marks them: in a sentence with an attribution unit, the
 * reported content is the sentence without the attribution units (the frame: "the army said",
 * "According to X,"). Used to measure how well the frame-cutting rules find the claim's boundaries.
 */
export function attributedContents(doc: GumDocument): { sentence: { start: number; end: number }; content: { start: number; end: number } }[] {
  const out: { sentence: { start: number; end: number }; content: { start: number; end: number } }[] = [];
  for (const s of doc.sentences) {
    // Discourse units: each starts at a token carrying Discourse=…; the attribution ones are the frame.
    const units: { first: number; attribution: boolean }[] = [];
    s.tokens.forEach((t, i) => {
      if (t.discourse !== null || i === 0) units.push({ first: i, attribution: t.discourse?.startsWith('attribution') ?? false });
    });
    if (!units.some((u) => u.attribution)) continue;
    const inFrame = new Array<boolean>(s.tokens.length).fill(false);
    units.forEach((u, k) => {
      const end = units[k + 1]?.first ?? s.tokens.length;
      for (let i = u.first; i < end; i++) inFrame[i] = u.attribution;
    });
    const content = s.tokens.filter((_, i) => !inFrame[i] && !/^[\p{P}]+$/u.test(s.tokens[i]!.form));
    if (content.length < 3) continue;
    // Only contiguous contents (a frame in the middle splits the claim in two).
    const firstIdx = s.tokens.indexOf(content[0]!);
    const lastIdx = s.tokens.indexOf(content[content.length - 1]!);
    if (inFrame.slice(firstIdx, lastIdx + 1).some(Boolean)) continue;
    out.push({ sentence: { start: s.start, end: s.end }, content: { start: content[0]!.start, end: content[content.length - 1]!.end } });
  }
  return out;
}
