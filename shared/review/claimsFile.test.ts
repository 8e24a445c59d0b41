import { describe, expect, it } from 'vitest';
import { claimsFileJson, claimsFileSchema } from './claimsFile';

const decision = { id: 'd1', op: 'merge', claim: '000_a/r1', target: '001_b/r2', annotator: 'alice', at: '2026-11-22T10:00:00.000Z' };

describe('claims.json', () => {
  it('round-trips through its JSON with a fixed key order', () => {
    const file = claimsFileSchema.parse({ schemaVersion: 1, decisions: [decision, { id: 'd2', op: 'split', claim: '000_a/r1', annotator: 'alice', at: decision.at }] });
    const json = claimsFileJson(file);
    expect(claimsFileSchema.parse(JSON.parse(json))).toEqual(file);
    expect(json).toBe(claimsFileJson(claimsFileSchema.parse(JSON.parse(json))));
    expect(json.indexOf('"op"')).toBeLessThan(json.indexOf('"claim"'));
    expect(json.endsWith('}\n')).toBe(true);
  });

  const bad: [string, unknown][] = [
    ['another version', { schemaVersion: 2, decisions: [] }],
    ['an unknown operation', { schemaVersion: 1, decisions: [{ ...decision, op: 'delete' }] }],
    ['a merge without target', { schemaVersion: 1, decisions: [{ id: 'd', op: 'merge', claim: 'a/b', annotator: 'alice', at: decision.at }] }],
    ['a claim that is not docId/spanId', { schemaVersion: 1, decisions: [{ ...decision, claim: 'no-slash' }] }],
    ['an unknown field', { schemaVersion: 1, decisions: [], extra: 1 }],
  ];
  it.each(bad)('refuses %s', (_name, value) => {
    expect(claimsFileSchema.safeParse(value).success).toBe(false);
  });
});
