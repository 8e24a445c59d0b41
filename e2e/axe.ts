import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

/** What axe-core found on one screen, by impact, and which rules fired. */
export interface AxeSummary {
  screen: string;
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
  /** rule id (impact): nodes, with the first targets, for a readable failure. */
  details: string[];
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'critical' | 'serious' | 'moderate' | 'minor' | null;
  nodes: AxeNode[];
}

const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (the npm package, never a download) on the page as it is now. The script is
 * evaluated through the DevTools protocol, so the app's strict CSP does not have to allow it.
 */
export async function runAxe(page: Page, screen: string): Promise<AxeSummary> {
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return JSON.parse(JSON.stringify(result.violations)) as unknown[];
  });
  const summary: AxeSummary = { screen, critical: 0, serious: 0, moderate: 0, minor: 0, details: [] };
  for (const v of violations as AxeViolation[]) {
    const impact = v.impact ?? 'minor';
    summary[impact] += v.nodes.length;
    const targets = v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ');
    const why = v.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ') ?? '';
    summary.details.push(`${v.id} (${impact}) ×${v.nodes.length}: ${targets} — ${why}`);
  }
  return summary;
}

export function formatAxe(s: AxeSummary): string {
  return `${s.screen}: critical ${s.critical}, serious ${s.serious}, moderate ${s.moderate}, minor ${s.minor}${s.details.length ? `\n  ${s.details.join('\n  ')}` : ''}`;
}
