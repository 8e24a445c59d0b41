import { describe, expect, it } from 'vitest';
import type { Relation } from '../model/schemas';
import { CSV_COLUMNS, csvNotes, csvRows } from './exportCsv';
import { T0, record, settings, spanAt } from './exportTestKit';

/** Parse the sheet's rows (RFC 4180: quoted cells may hold commas, quotes, line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const TEXT = 'The army said 72 soldiers died, Reuters reported. At least 400 fled.';
const claim = { ...spanAt(TEXT, 'The army said 72 soldiers died', 'claim'), attributes: { status: 'disputed', hedged: true } };
const army = spanAt(TEXT, 'army', 'actor');
const reuters = { ...spanAt(TEXT, 'Reuters', 'actor'), attributes: { kind: 'media' } };
const n72 = { ...spanAt(TEXT, '72', 'number'), attributes: { value: 72, approx: 'exact', unit: 'people' } };
const n400 = { ...spanAt(TEXT, 'At least 400', 'number'), attributes: { value: 400, approx: 'range', value_max: 450 } };
const rel = (id: string, from: string, to: string, type = 'attributed_to'): Relation => ({ id, type, from, to, createdAt: T0, updatedAt: T0 });
const rec = { ...record('d1', TEXT, [claim, army, n72, reuters, n400]), relations: [rel('r1', claim.id, army.id), rel('r2', claim.id, reuters.id), rel('r3', army.id, reuters.id, 'mentions')] };

describe('CSV review sheet columns (issue 16: what editors check)', () => {
  const rows = parseCsv(csvRows(rec, settings()));
  const col = (row: string[] | undefined, name: (typeof CSV_COLUMNS)[number]) => row?.[CSV_COLUMNS.indexOf(name)];
  const rowOf = (quote: string) => rows.find((r) => col(r, 'quote') === quote);

  it('gives a claim its status and its claimants (the attributed_to actors, joined by "; ")', () => {
    const r = rowOf('The army said 72 soldiers died');
    expect(r).toHaveLength(CSV_COLUMNS.length);
    expect(col(r, 'claim_status')).toBe('disputed');
    expect(col(r, 'claimant')).toBe('army; Reuters');
    expect(col(r, 'value')).toBe('');
    expect(col(r, 'document_status')).toBe('done');
  });

  it('gives a number its value, approximation, range maximum and unit', () => {
    expect([col(rowOf('72'), 'value'), col(rowOf('72'), 'approx'), col(rowOf('72'), 'value_max'), col(rowOf('72'), 'unit')]).toEqual(['72', 'exact', '', 'people']);
    expect([col(rowOf('At least 400'), 'value'), col(rowOf('At least 400'), 'approx'), col(rowOf('At least 400'), 'value_max')]).toEqual(['400', 'range', '450']);
    expect(col(rowOf('Reuters'), 'claim_status')).toBe('');
  });

  it('says what it leaves out: attributes without a column, relations other than a claim’s claimant', () => {
    expect(csvNotes(rec)).toEqual({ 'attributes-not-written': { hedged: 1, kind: 1 }, 'relations-not-written': { mentions: 1 } });
  });
});
