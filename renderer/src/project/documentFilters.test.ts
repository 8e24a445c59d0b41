import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../shared/api/views';
import type { DocStatus } from '../../../shared/model/schemas';
import { filterDocuments, neighbourDocument, nextUndoneDocument } from './documentFilters';

const doc = (id: string, status: DocStatus, title = id): DocumentSummary => ({
  id,
  title,
  outlet: null,
  date: null,
  status,
  counts: {},
  entities: [],
  textChanged: false,
  length: 10,
});

describe('document list helpers', () => {
  const docs = [doc('a', 'done', 'Aleppo falls'), doc('b', 'todo', 'Russia sends aid'), doc('c', 'in_progress', 'Rebels advance'), doc('d', 'done')];

  it('filters by status and case-insensitive title search', () => {
    expect(filterDocuments(docs, 'all', '').map((d) => d.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(filterDocuments(docs, 'done', '').map((d) => d.id)).toEqual(['a', 'd']);
    expect(filterDocuments(docs, 'all', '  ALEPPO ').map((d) => d.id)).toEqual(['a']);
    expect(filterDocuments(docs, 'todo', 'aleppo')).toEqual([]);
  });

  it('finds the next document that is not done, after the current one, wrapping', () => {
    expect(nextUndoneDocument(docs, 'b')).toBe('c');
    expect(nextUndoneDocument(docs, 'c')).toBe('b');
    expect(nextUndoneDocument(docs, 'd')).toBe('b');
    expect(nextUndoneDocument(docs, null)).toBe('b');
    expect(nextUndoneDocument([doc('x', 'done'), doc('y', 'done')], 'x')).toBe(null);
    expect(nextUndoneDocument([doc('x', 'todo')], 'x')).toBe(null);
  });

  it('moves to neighbours without wrapping', () => {
    expect(neighbourDocument(docs, 'b', 1)).toBe('c');
    expect(neighbourDocument(docs, 'b', -1)).toBe('a');
    expect(neighbourDocument(docs, 'd', 1)).toBe(null);
    expect(neighbourDocument(docs, 'a', -1)).toBe(null);
    expect(neighbourDocument(docs, 'zzz', 1)).toBe('a');
    expect(neighbourDocument([], 'a', 1)).toBe(null);
  });
});
