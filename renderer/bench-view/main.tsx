// Component-level bench page (scripts/bench-view.mjs drives it with Playwright): mounts one view of
// the same article + spans on demand and measures it in the page. The views:
//  - factmark: the app's real ArticleView (renderer/src/article/ArticleView.tsx);
//  - floor: plain React <mark> elements from the same segments (shared/annotation/segments.ts);
//  - recogito: @recogito/text-annotator on one <p> per block, the same spans as annotations.
import { memo, useImperativeHandle, useState, forwardRef, createRef } from 'react';
import type { Ref } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createTextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import type { LabelDef, Span } from '../../shared/model/schemas';
import { buildBlocks, type TextBlock } from '../../shared/text/blocks';
import { segmentsForBlocks, type Segment } from '../../shared/annotation/segments';
import { ArticleView } from '../src/article/ArticleView';

export type ViewKind = 'factmark' | 'floor' | 'recogito';

export interface BenchInput {
  text: string;
  spans: Span[];
  labels: LabelDef[];
  /** Spans to add one by one (inside the first page of the article). */
  additions: Span[];
  /** Ids of spans to relabel, then delete. */
  edits: string[];
}

export interface BenchFigures {
  /** ms from mount to the first frame painted with text. */
  firstPaint: number;
  /** ms from mount to the frame painted with every highlight. */
  fullyRendered: number;
  /** ms of synchronous work (update + style/layout) per added span. */
  addWork: number[];
  /** ms from the update to the next frame painted, per added span. */
  addPainted: number[];
  relabelWork: number[];
  deleteWork: number[];
  /** requestAnimationFrame intervals (ms) while scrolling from top to bottom. */
  scrollFrames: number[];
  heapBytes: number | null;
  /** Characters the view drew (the app's view pages long articles). */
  charsShown: number;
}

declare global {
  interface Window {
    benchView: { run(kind: ViewKind, input: BenchInput): Promise<BenchFigures> };
    gc?: () => void;
  }
}

/** Resolves after the next frame has been painted (a task posted from rAF runs after its paint). */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

const forceLayout = (el: HTMLElement) => el.getBoundingClientRect().height;

/** The common interface of the three views under test. */
interface ViewDriver {
  setSpans(spans: Span[]): void;
}

// ---- floor: plain React marks --------------------------------------------------------------

function colourOf(ids: readonly string[], labelOf: Map<string, string>, colours: Map<string, string>): string | undefined {
  const innermost = ids[ids.length - 1];
  return innermost === undefined ? undefined : colours.get(labelOf.get(innermost) ?? '');
}

const FloorBlock = memo(
  function FloorBlock({ text, block, segments, colours }: { text: string; block: TextBlock; segments: Segment[]; colours: (string | undefined)[]; signature: string }) {
    return (
      <p className="fm-block" data-block-start={block.start}>
        {segments.map((seg, i) =>
          seg.spanIds.length === 0 ? (
            text.slice(seg.start, seg.end)
          ) : (
            <mark key={i} data-span-ids={seg.spanIds.join(' ')} style={{ background: `${colours[i]}40` }}>
              {text.slice(seg.start, seg.end)}
            </mark>
          ),
        )}
      </p>
    );
  },
  (a, b) => a.signature === b.signature && a.text === b.text,
);

const Floor = forwardRef(function Floor({ text, initial, labels }: { text: string; initial: Span[]; labels: LabelDef[] }, ref: Ref<ViewDriver>) {
  const [spans, setSpans] = useState(initial);
  useImperativeHandle(ref, () => ({ setSpans }), []);
  const blocks = buildBlocks(text);
  const segments = segmentsForBlocks(blocks, spans);
  const labelOf = new Map(spans.map((s) => [s.id, s.label]));
  const colours = new Map(labels.map((l) => [l.id, l.color]));
  return (
    <div className="fm-article" style={{ font: '17px/1.9 Georgia, serif', maxWidth: '46rem', margin: '0 auto' }}>
      {blocks.map((block, i) => {
        const segs = segments[i] ?? [];
        const cols = segs.map((s) => colourOf(s.spanIds, labelOf, colours));
        const signature = segs.map((s, j) => `${s.start}-${s.end}:${s.spanIds.join(',')}:${cols[j] ?? ''}`).join('|');
        return <FloorBlock key={block.start} text={text} block={block} segments={segs} colours={cols} signature={signature} />;
      })}
    </div>
  );
});

// ---- factmark: the real ArticleView ------------------------------------------------------------

const Factmark = forwardRef(function Factmark({ text, initial, labels }: { text: string; initial: Span[]; labels: LabelDef[] }, ref: Ref<ViewDriver>) {
  const [spans, setSpans] = useState(initial);
  useImperativeHandle(ref, () => ({ setSpans }), []);
  return <ArticleView docId="bench" text={text} spans={spans} labels={labels} selectedSpanId={null} onSpanClick={() => undefined} />;
});

// ---- recogito ----------------------------------------------------------------------------------

/** Offsets into the concatenated paragraph texts (separators excluded), as the peer counts them. */
function peerOffsets(blocks: TextBlock[]) {
  const before: number[] = [];
  let total = 0;
  for (const b of blocks) {
    before.push(total);
    total += b.end - b.start;
  }
  const find = (offset: number, isEnd: boolean) => {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const b = blocks[mid] as TextBlock;
      if (isEnd ? b.end < offset : b.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    const b = blocks[lo] as TextBlock;
    return (before[lo] as number) + Math.max(0, Math.min(offset, b.end) - b.start);
  };
  return find;
}

function peerAnnotation(span: Span, text: string, find: (o: number, isEnd: boolean) => number) {
  return {
    id: span.id,
    bodies: [{ id: `${span.id}-label`, annotation: span.id, purpose: 'tagging', value: span.label }],
    target: { annotation: span.id, selector: [{ quote: text.slice(span.start, span.end), start: find(span.start, false), end: find(span.end, true) }] },
  };
}

// ---- the run -----------------------------------------------------------------------------------

async function timeEdits<T>(edits: T[], apply: (edit: T) => void, root: HTMLElement) {
  const work: number[] = [];
  const painted: number[] = [];
  for (const edit of edits) {
    await afterPaint();
    const t0 = performance.now();
    apply(edit);
    forceLayout(root);
    work.push(performance.now() - t0);
    painted.push((await afterPaint()) - t0);
  }
  return { work, painted };
}

async function scrollTopToBottom(): Promise<number[]> {
  const scroller = document.scrollingElement as HTMLElement;
  scroller.scrollTop = 0;
  await afterPaint();
  const step = Math.round(window.innerHeight * 0.75);
  const frames: number[] = [];
  return new Promise((resolve) => {
    let last = performance.now();
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      if (scroller.scrollTop + window.innerHeight >= scroller.scrollHeight - 1) {
        resolve(frames.slice(1));
        return;
      }
      scroller.scrollTop += step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
}

function heap(): number | null {
  window.gc?.();
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

interface Edit {
  /** The whole span list after the edit (what the app passes to its views). */
  spans: Span[];
  /** The edit itself (what the peer's API takes). */
  op: { type: 'add'; span: Span } | { type: 'relabel'; span: Span } | { type: 'delete'; id: string };
}

/** The successive edits, precomputed: each addition, then each relabel, then each delete. */
function editSequences(input: BenchInput) {
  const adds: Edit[] = [];
  let spans = input.spans;
  for (const a of input.additions) adds.push({ spans: (spans = [...spans, a]), op: { type: 'add', span: a } });
  const labelIds = input.labels.map((l) => l.id);
  const relabels: Edit[] = [];
  for (const id of input.edits) {
    const old = spans.find((s) => s.id === id);
    if (!old) continue;
    const span = { ...old, label: labelIds[(labelIds.indexOf(old.label) + 1) % labelIds.length] as string };
    relabels.push({ spans: (spans = spans.map((s) => (s.id === id ? span : s))), op: { type: 'relabel', span } });
  }
  const deletes: Edit[] = [];
  for (const id of input.edits) deletes.push({ spans: (spans = spans.filter((s) => s.id !== id)), op: { type: 'delete', id } });
  return { adds, relabels, deletes };
}

async function runReact(kind: 'factmark' | 'floor', input: BenchInput, host: HTMLElement): Promise<BenchFigures> {
  const ref = createRef<ViewDriver>();
  const root = createRoot(host);
  await afterPaint();
  const t0 = performance.now();
  const View = kind === 'factmark' ? Factmark : Floor;
  flushSync(() => root.render(<View ref={ref} text={input.text} initial={input.spans} labels={input.labels} />));
  forceLayout(host);
  const firstPaint = (await afterPaint()) - t0;
  // The app's view builds a long page's first chunk first and marks the article complete after the rest.
  let fullyRendered = firstPaint;
  const complete = () => kind === 'floor' || host.querySelector('[data-testid=article]')?.getAttribute('data-complete') === 'true';
  while (!complete()) fullyRendered = (await afterPaint()) - t0;
  // ?mountOnly (scripts/bench/viewProbe.mjs): stop after the mount, for profiling it alone.
  if (new URLSearchParams(location.search).has('mountOnly')) return { firstPaint, fullyRendered, addWork: [], addPainted: [], relabelWork: [], deleteWork: [], scrollFrames: [], heapBytes: null, charsShown: 0 };
  const heapBytes = heap();
  const blocks = host.querySelectorAll<HTMLElement>('[data-block-start]');
  const lastBlock = buildBlocks(input.text).find((b) => b.start === Number(blocks[blocks.length - 1]?.dataset.blockStart));
  const charsShown = lastBlock ? lastBlock.end : 0;
  const apply = (edit: Edit) => flushSync(() => ref.current?.setSpans(edit.spans));
  const { adds, relabels, deletes } = editSequences(input);
  const add = await timeEdits(adds, apply, host);
  const relabel = await timeEdits(relabels, apply, host);
  const del = await timeEdits(deletes, apply, host);
  const scrollFrames = await scrollTopToBottom();
  return { firstPaint, fullyRendered, addWork: add.work, addPainted: add.painted, relabelWork: relabel.work, deleteWork: del.work, scrollFrames, heapBytes, charsShown };
}

async function runRecogito(input: BenchInput, host: HTMLElement): Promise<BenchFigures> {
  const blocks = buildBlocks(input.text);
  const find = peerOffsets(blocks);
  const colours = new Map(input.labels.map((l) => [l.id, l.color]));
  await afterPaint();
  const t0 = performance.now();
  const container = document.createElement('div');
  container.className = 'fm-article';
  container.style.cssText = 'font: 17px/1.9 Georgia, serif; max-width: 46rem; margin: 0 auto;';
  for (const b of blocks) {
    const p = document.createElement('p');
    p.textContent = input.text.slice(b.start, b.end);
    container.append(p);
  }
  host.append(container);
  forceLayout(host);
  const firstPaint = (await afterPaint()) - t0;
  const anno = createTextAnnotator(container, {
    style: (a: { bodies: { value?: string }[] }) => ({ fill: colours.get(a.bodies[0]?.value ?? '') ?? '#999999', fillOpacity: 0.25 }),
  } as never);
  // setAnnotations(list, false) runs the position lookup in 4.1.1 (see the notes on the peer).
  anno.setAnnotations(input.spans.map((s) => peerAnnotation(s, input.text, find)) as never, false);
  forceLayout(host);
  const fullyRendered = (await afterPaint()) - t0;
  const heapBytes = heap();
  const { adds, relabels, deletes } = editSequences(input);
  // The peer's own update path: one add / update / remove per change.
  const apply = ({ op }: Edit) => {
    if (op.type === 'add') anno.addAnnotation(peerAnnotation(op.span, input.text, find) as never);
    else if (op.type === 'relabel') anno.updateAnnotation(peerAnnotation(op.span, input.text, find) as never);
    else anno.removeAnnotation(op.id);
  };
  const add = await timeEdits(adds, apply, host);
  const relabel = await timeEdits(relabels, apply, host);
  const del = await timeEdits(deletes, apply, host);
  const scrollFrames = await scrollTopToBottom();
  return { firstPaint, fullyRendered, addWork: add.work, addPainted: add.painted, relabelWork: relabel.work, deleteWork: del.work, scrollFrames, heapBytes, charsShown: input.text.length };
}

// ?cv (scripts/bench/viewProbe.mjs): paragraphs of both React views skip layout and paint while
// off screen (CSS content-visibility), an option measured but not used by the app (docs/performance.md).
if (new URLSearchParams(location.search).has('cv')) {
  const style = document.createElement('style');
  style.textContent = '.fm-article .fm-block { content-visibility: auto; contain-intrinsic-block-size: auto 5.7em; }';
  document.head.append(style);
}

window.benchView = {
  run(kind, input) {
    const host = document.getElementById('root') as HTMLElement;
    return kind === 'recogito' ? runRecogito(input, host) : runReact(kind, input, host);
  },
};
