/**
 * A conlleval-compatible chunk reader and scorer, for tests. It follows conlleval.pl (version
 * 2004-01-26, Erik Tjong Kim Sang): the last two columns are the gold and the guessed tag, lines
 * are split on single spaces (its default delimiter), an empty line or a `-X-` line is a sentence
 * boundary, and its startOfChunk / endOfChunk rules decide where chunks begin and end. BIOES
 * (`S-` and `E-`) follows the rules of the widely used Python port (conlleval.py), which adds them
 * to the Perl ones. `-DOCSTART-` lines are ignored (CoNLL-2003 document separators).
 */
export interface ChunkScore {
  tokens: number;
  correctTags: number;
  foundCorrect: number;
  foundGuessed: number;
  correctChunks: number;
  perType: Record<string, { foundCorrect: number; foundGuessed: number; correct: number; precision: number; recall: number; f1: number }>;
}

const split = (tag: string): [string, string] => {
  const m = /^([^-]*)-(.*)$/.exec(tag);
  return m ? [m[1] as string, m[2] as string] : [tag, ''];
};

export function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  let end = false;
  if (prevTag === 'E' || prevTag === 'S') end = true;
  if (prevTag === 'B' && (tag === 'B' || tag === 'S' || tag === 'O')) end = true;
  if (prevTag === 'I' && (tag === 'B' || tag === 'S' || tag === 'O')) end = true;
  if (prevTag !== 'O' && prevTag !== '.' && prevType !== type) end = true;
  if (prevTag === ']' || prevTag === '[') end = true;
  return end;
}

export function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  let start = false;
  if (tag === 'B' || tag === 'S') start = true;
  if ((prevTag === 'E' || prevTag === 'S' || prevTag === 'O') && (tag === 'E' || tag === 'I')) start = true;
  if (tag !== 'O' && tag !== '.' && prevType !== type) start = true;
  if (tag === '[' || tag === ']') start = true;
  return start;
}

/** Score `text` (conlleval input); throws on a line with the wrong number of columns, as conlleval exits. */
export function conlleval(text: string): ChunkScore {
  let columns = -1;
  let inCorrect = false;
  let lastCorrect = 'O';
  let lastCorrectType = '';
  let lastGuessed = 'O';
  let lastGuessedType = '';
  const s: ChunkScore = { tokens: 0, correctTags: 0, foundCorrect: 0, foundGuessed: 0, correctChunks: 0, perType: {} };
  const type = (t: string) => (s.perType[t] ??= { foundCorrect: 0, foundGuessed: 0, correct: 0, precision: 0, recall: 0, f1: 0 });
  const lines = text.replace(/\n$/, '').split('\n');
  for (const [i, line] of lines.entries()) {
    let features = line === '' ? [] : line.split(' ');
    if (features[0] === '-DOCSTART-') continue;
    // As in conlleval.pl, an empty line has no features and does not fix the column count.
    if (columns < 0 && features.length > 0) columns = features.length;
    else if (features.length !== 0 && features.length !== columns) {
      throw new Error(`line ${i + 1}: unexpected number of features: ${features.length} (${columns})`);
    }
    if (features.length === 0 || features[0] === '-X-') features = ['-X-', 'O', 'O'];
    if (features.length < 2) throw new Error(`line ${i + 1}: unexpected number of features`);
    let [guessed, guessedType] = split(features[features.length - 1] as string);
    const [correct, correctType] = split(features[features.length - 2] as string);
    const boundary = features[0] === '-X-';
    if (boundary) guessed = 'O';
    if (boundary) guessedType = guessedType ?? '';
    if (inCorrect) {
      const endC = endOfChunk(lastCorrect, correct, lastCorrectType, correctType);
      const endG = endOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
      if (endC && endG && lastGuessedType === lastCorrectType) {
        inCorrect = false;
        s.correctChunks++;
        type(lastCorrectType).correct++;
      } else if (endC !== endG || guessedType !== correctType) inCorrect = false;
    }
    const startC = startOfChunk(lastCorrect, correct, lastCorrectType, correctType);
    const startG = startOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
    if (startC && startG && guessedType === correctType) inCorrect = true;
    if (startC) {
      s.foundCorrect++;
      type(correctType).foundCorrect++;
    }
    if (startG) {
      s.foundGuessed++;
      type(guessedType).foundGuessed++;
    }
    if (!boundary) {
      if (correct === guessed && guessedType === correctType) s.correctTags++;
      s.tokens++;
    }
    lastGuessed = guessed;
    lastCorrect = correct;
    lastGuessedType = guessedType;
    lastCorrectType = correctType;
  }
  if (inCorrect) {
    s.correctChunks++;
    type(lastCorrectType).correct++;
  }
  for (const t of Object.values(s.perType)) {
    t.precision = t.foundGuessed ? (100 * t.correct) / t.foundGuessed : 0;
    t.recall = t.foundCorrect ? (100 * t.correct) / t.foundCorrect : 0;
    t.f1 = t.precision + t.recall ? (2 * t.precision * t.recall) / (t.precision + t.recall) : 0;
  }
  return s;
}

/** Turn a gold file (token + tag columns) into conlleval input scoring column `tagColumn` against itself. */
export function goldAgainstItself(text: string, tagColumn: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (line === '') return '';
      const cols = line.split(' ');
      const tag = cols[tagColumn] as string;
      return `${cols[0]} ${tag} ${tag}`;
    })
    .join('\n');
}
