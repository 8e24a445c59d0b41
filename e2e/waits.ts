/**
 * How long end-to-end tests wait for a condition before they fail. Tests wait for what a journey
 * needs (an element, a file on disk, a server's first line), never for fixed times; these are
 * only ceilings, generous enough for a 2-core machine saturated by other work (`node
 * scripts/e2e-under-load.mjs` runs the suite that way). A passing run never waits for them; a
 * failing one reports after them.
 */

/** Any condition in the UI or on disk (Playwright's expect timeout, set in playwright.config.ts). */
export const WAIT_MS = 60_000;

/** One whole test: a journey is dozens of such waits. */
export const TEST_MS = 300_000;

/** `factmark serve` printing its address (node start, the bundle loaded). */
export const SERVE_START_MS = 90_000;

/** Work that is slow even on a quiet machine: a 10 MB import and its first page. */
export const HEAVY_WORK_MS = 180_000;

/**
 * The longest the page may take to answer while it shows a 10 MB article: a responsiveness
 * check, not a speed measurement (figures come from `npm run bench`). Generous for a loaded
 * machine, yet far below what a page blocked by laying out the whole article takes.
 */
export const RESPONSIVE_MS = 5_000;
