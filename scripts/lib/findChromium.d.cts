/** Types of findChromium.cjs (see there). */
export interface ChromiumHost {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
  exists(path: string): boolean;
  playwrightChromium(): string | null;
}
export type FoundChromium = { path: string; source: string } | { error: string };
export function findChromium(host?: ChromiumHost): FoundChromium;
export function systemCandidates(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string[];
export const NO_BROWSER: string;
