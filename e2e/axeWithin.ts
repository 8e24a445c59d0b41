import type { Page } from '@playwright/test';
import { runAxe } from './axe';

/**
 * axe-core on one screen of the app only (a dialog and what is in it): critical and serious
 * violations inside it, as "rule (impact): targets" lines. The page behind a dialog is checked by
 * the accessibility spec; this keeps a screen's own check independent of it.
 */
export async function axeViolationsWithin(page: Page, selector: string): Promise<string[]> {
  await runAxe(page, 'load axe'); // injects axe-core (from the npm package) once
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [sel] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, selector);
}
