import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { runCli } from './runCli';

const FIXTURE = resolve('test-fixtures/review-sample');
const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function capture() {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
  return { io, out: () => out, err: () => err };
}

describe('factmark review', () => {
  it('writes review.html, review.json and review.csv of the tagged sample', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'factmark-review-'));
    made.push(outDir);
    const c = capture();
    expect(await runCli(['review', '--out', outDir, FIXTURE], c.io)).toBe(0);
    expect(c.out()).toMatch(/claims by reviewer in \d+ clusters \(\d+ across outlets\); [1-9]\d* with numbers that disagree/);
    const json = JSON.parse(readFileSync(join(outDir, 'review.json'), 'utf8'));
    const pledge = json.clusters.find((cl: { claims: { text: string }[] }) => cl.claims.some((m) => m.text.startsWith('Russia has promised to send')));
    expect(pledge.claims).toHaveLength(3);
    expect(pledge.claims[0].numbers[0]).toMatchObject({ quote: '72 hours', normalised: '72', unit: 'hours' });
    const html = readFileSync(join(outDir, 'review.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=/);
    const csv = readFileSync(join(outDir, 'review.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('cluster,rank,outlets,flags,claim');
    expect(csv).toContain('72 hours = 72 hours (duration)');
  });

  it('needs --out and an annotator with annotations', async () => {
    const c = capture();
    expect(await runCli(['review', FIXTURE], c.io)).toBe(1);
    expect(c.err()).toMatch(/review needs --out DIR/);
    const d = capture();
    expect(await runCli(['review', '--out', join(tmpdir(), 'unused'), '--annotator', 'nobody', FIXTURE], d.io)).toBe(1);
    expect(d.err()).toMatch(/has no annotations by "nobody" \(annotators: reviewer\)/);
  });
});
