import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arcPath, routeArc, type Point, type SpanBox } from './arcRoute';

/** A page of text lines: glyph boxes 20 px high every 32 px, text between x 24 and 600. */
const LINE_HEIGHT = 32;
const GLYPHS = 20;
const TEXT_LEFT = 24;
const TEXT_RIGHT = 600;
const lineTop = (line: number) => 6 + line * LINE_HEIGHT;
const lanes = (lane: number) => ({ marginLeft: 4, marginRight: TEXT_RIGHT + 20, lane });
const box = (line: number, left: number, right: number, rtl = false): SpanBox => ({ left, right, top: lineTop(line), bottom: lineTop(line) + GLYPHS, rtl });

/** True when the segment from a to b passes through the inside of a line's glyph box. */
function crossesText(a: Point, b: Point, lines: number): boolean {
  for (let line = 0; line < lines; line++) {
    const top = lineTop(line);
    for (let t = 0; t <= 1; t += 1 / 64) {
      const x = a.x + (b.x - a.x) * t;
      const y = a.y + (b.y - a.y) * t;
      if (y > top + 0.5 && y < top + GLYPHS - 0.5 && x > TEXT_LEFT + 0.5 && x < TEXT_RIGHT - 0.5) return true;
    }
  }
  return false;
}

const spanOnLine = (rtl: boolean) =>
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: TEXT_LEFT, max: TEXT_RIGHT - 40 }), fc.integer({ min: 20, max: 200 })).map(([line, left, width]) =>
    box(line, left, Math.min(TEXT_RIGHT, left + width), rtl),
  );

describe('relation arcs', () => {
  it('never run over text, whatever the two spans and lanes (left-to-right and right-to-left)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 7 }), (rtlA, rtlB, lane) =>
        fc.assert(
          fc.property(spanOnLine(rtlA), spanOnLine(rtlB), (a, b) => {
            const points = routeArc(a, b, lanes(lane));
            for (let i = 1; i < points.length; i++) expect(crossesText(points[i - 1] as Point, points[i] as Point, 22)).toBe(false);
          }),
          { numRuns: 40 },
        ),
      ),
      { numRuns: 20 },
    );
  });

  it('spans on one line get a bracket above it; a nested pair at one start still has a visible width', () => {
    const claim = box(3, 100, 500);
    const actor = box(3, 100, 160);
    const points = routeArc(claim, actor, lanes(0));
    expect(points).toHaveLength(4);
    expect(Math.abs((points[2] as Point).x - (points[1] as Point).x)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...points.map((p) => p.y))).toBeLessThan(lineTop(3));
  });

  it('goes through the left margin, or the right one for right-to-left text, and ends above the target', () => {
    const ltr = routeArc(box(2, 300, 400), box(6, 50, 90), lanes(1));
    expect(Math.min(...ltr.map((p) => p.x))).toBeLessThan(TEXT_LEFT);
    expect(ltr.at(-1)!.y).toBeLessThan(lineTop(6));
    const rtl = routeArc(box(2, 300, 400, true), box(6, 500, 580, true), lanes(1));
    expect(Math.max(...rtl.map((p) => p.x))).toBeGreaterThan(TEXT_RIGHT);
  });

  it('draws a path through the points', () => {
    expect(arcPath([{ x: 0, y: 10 }, { x: 0, y: 0 }, { x: 20, y: 0 }])).toMatch(/^M 0 10 L .* Q 0 0 .* L 20 0$/);
  });
});
