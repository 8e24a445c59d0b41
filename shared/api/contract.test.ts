import { describe, expect, it } from 'vitest';
import { contract, ipcChannel, parseInput } from './contract';
import { PRELOAD_OPERATION_NAMES } from './operationNames';

const T = '2025-03-01T12:00:00.000Z';
const validSave = {
  docId: 'doc-1',
  status: 'in_progress',
  spans: [{ id: 's1', start: 0, end: 6, label: 'actor', createdAt: T, updatedAt: T }],
};

describe('contract', () => {
  it('the preload list names exactly the contract operations, in order', () => {
    expect([...PRELOAD_OPERATION_NAMES]).toEqual(Object.keys(contract));
  });

  it('names IPC channels after the operation', () => {
    expect(ipcChannel('getDocument')).toBe('factmark:getDocument');
  });

  it('accepts a valid saveAnnotations input', () => {
    const parsed = parseInput('saveAnnotations', validSave);
    expect(parsed).toEqual({ ok: true, value: validSave });
  });

  it('rejects a negative start and names where', () => {
    const bad = { ...validSave, spans: [{ ...validSave.spans[0], start: -1 }] };
    const parsed = parseInput('saveAnnotations', bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/saveAnnotations: spans\.0\.start/);
  });

  it('rejects unknown keys, at the top and inside a span', () => {
    expect(parseInput('saveAnnotations', { ...validSave, extra: 1 }).ok).toBe(false);
    expect(parseInput('saveAnnotations', { ...validSave, spans: [{ ...validSave.spans[0], quote: 'x' }] }).ok).toBe(false);
  });

  it('applies defaults (exportProject format and scope; the unit is the format’s own unless asked)', () => {
    expect(parseInput('exportProject', { format: 'jsonl' })).toEqual({ ok: true, value: { format: 'jsonl', scope: 'done' } });
    expect(parseInput('exportProject', {})).toEqual({ ok: true, value: { format: 'jsonl', scope: 'done' } });
    expect(parseInput('exportProject', { format: 'conll', scope: ['todo', 'done'], unit: 'utf16' })).toMatchObject({ ok: true });
    expect(parseInput('exportProject', { format: 'xml' })).toMatchObject({ ok: false });
  });
});
