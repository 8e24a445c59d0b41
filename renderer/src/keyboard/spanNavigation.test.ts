import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/model/schemas';
import { neighbourSpan } from './spanNavigation';

const span = (id: string, start: number, end: number) => ({ id, start, end, label: 'claim', quote: '' }) as unknown as Span;
// A claim with an actor nested in it, then a number.
const spans = [span('n', 40, 42), span('claim', 0, 30), span('actor', 0, 6)];

describe('neighbourSpan', () => {
  it('steps through spans in text order, outer before inner, and stops at the ends', () => {
    expect(neighbourSpan(spans, 'claim', null, 1)?.id).toBe('actor');
    expect(neighbourSpan(spans, 'actor', null, 1)?.id).toBe('n');
    expect(neighbourSpan(spans, 'n', null, 1)).toBeNull();
    expect(neighbourSpan(spans, 'claim', null, -1)).toBeNull();
  });
  it('starts from the caret when no span is selected', () => {
    expect(neighbourSpan(spans, null, 10, 1)?.id).toBe('n');
    expect(neighbourSpan(spans, null, 10, -1)?.id).toBe('actor');
    expect(neighbourSpan(spans, null, null, 1)?.id).toBe('claim');
    expect(neighbourSpan(spans, null, null, -1)?.id).toBe('n');
  });
});
