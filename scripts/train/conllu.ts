/**
 * A reader for GUM's CoNLL-U files (amir-zeldes/gum, folder dep/): tokens with their surface
 * offsets, dependency trees, and the MISC column's Entity brackets (every mention, typed, with its
 * minimal span and Wikipedia identity when named) and Discourse units (RST relations, attribution).
 */
export interface GumToken {
  /** 1-based id in the sentence. */
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  head: number;
  deprel: string;
  /** Offsets into the document text built by readGumDocument. */
  start: number;
  end: number;
  /** Discourse=… relation starting a unit at this token ("attribution-positive", …). */
  discourse: string | null;
}

export interface GumMention {
  id: string;
  type: string;
  /** Token ids, inclusive, in the sentence. */
  first: number;
  last: number;
  /** Wikipedia identity ("Bashar_al-Assad") of named mentions. */
  identity: string | null;
}

export interface GumSentence {
  tokens: GumToken[];
  mentions: GumMention[];
  sType: string;
  start: number;
  end: number;
  /** First sentence of a `head` block (a heading). */
  heading: boolean;
}

export interface GumDocument {
  id: string;
  genre: string;
  text: string;
  sentences: GumSentence[];
}

/** One Entity= value: "(3-organization-new-sssss-cf1-5-coref-Afghan_Girls(4-place-…)" "3)" … */
function parseEntity(value: string): { opens: { id: string; type: string; identity: string | null; closes: boolean }[]; closes: string[] } {
  const opens: { id: string; type: string; identity: string | null; closes: boolean }[] = [];
  const closes: string[] = [];
  for (const m of value.matchAll(/\(([^()]*)(\))?|(\d+)\)/g)) {
    if (m[3] !== undefined) {
      closes.push(m[3]);
      continue;
    }
    // GRP-etype-infstat-salience-centering-minspan-link-identity (identity may hold hyphens)
    const fields = (m[1] ?? '').split('-');
    const identity = fields.length > 7 ? fields.slice(7).join('-') : null;
    opens.push({ id: fields[0] ?? '', type: fields[1] ?? '', identity: identity || null, closes: m[2] !== undefined });
  }
  return { opens, closes };
}

/** Read one GUM .conllu file (one document) into tokens with offsets into a rebuilt text. */
export function readGumDocument(source: string): GumDocument {
  const lines = source.split('\n');
  let id = '';
  let genre = '';
  const sentences: GumSentence[] = [];
  let text = '';
  let sentenceText = '';
  let sType = '';
  let newpar = false;
  let headBlock = false;
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    if (sentences.length > 0) text += newpar ? '\n\n' : ' ';
    const base = text.length;
    text += sentenceText;
    const tokens: GumToken[] = [];
    const mentions: GumMention[] = [];
    const open = new Map<string, { type: string; identity: string | null; first: number }>();
    let cursor = 0;
    for (const r of rows) {
      const tid = Number(r[0]);
      const form = r[1] ?? '';
      const found = sentenceText.indexOf(form, cursor);
      const at = found >= 0 && found - cursor <= 3 ? found : cursor;
      cursor = at + form.length;
      const misc = r[9] ?? '_';
      const disc = /(?:^|\|)Discourse=([^:|]+)/.exec(misc)?.[1] ?? null;
      tokens.push({ id: tid, form, lemma: r[2] ?? '', upos: r[3] ?? '', xpos: r[4] ?? '', feats: r[5] ?? '_', head: Number(r[6]), deprel: r[7] ?? '', start: base + at, end: base + at + form.length, discourse: disc });
      const entity = /(?:^|\|)Entity=([^|]+)/.exec(misc)?.[1];
      if (entity) {
        const { opens, closes } = parseEntity(entity);
        for (const o of opens) {
          if (o.closes) mentions.push({ id: o.id, type: o.type, first: tid, last: tid, identity: o.identity });
          else open.set(o.id, { type: o.type, identity: o.identity, first: tid });
        }
        for (const c of closes) {
          const o = open.get(c);
          if (!o) continue;
          open.delete(c);
          mentions.push({ id: c, type: o.type, first: o.first, last: tid, identity: o.identity });
        }
      }
    }
    sentences.push({ tokens, mentions, sType, start: base, end: base + sentenceText.length, heading: headBlock });
    rows = [];
    newpar = false;
    headBlock = false;
  };
  for (const line of lines) {
    if (line.startsWith('# newdoc id = ')) id = line.slice(14).trim();
    else if (line.startsWith('# meta::genre = ')) genre = line.slice(16).trim();
    else if (line.startsWith('# newpar')) {
      newpar = true;
      if (/^# newpar_block = head\b/.test(line)) headBlock = true;
    } else if (line.startsWith('# text = ')) sentenceText = line.slice(9);
    else if (line.startsWith('# s_type = ')) sType = line.slice(11).trim();
    else if (line.trim() === '') flush();
    else if (!line.startsWith('#')) {
      const cols = line.split('\t');
      // Multi-word token ranges ("1-2") and empty nodes ("8.1") carry no token of their own.
      if (/^\d+$/.test(cols[0] ?? '')) rows.push(cols);
    }
  }
  flush();
  return { id, genre, text, sentences };
}
