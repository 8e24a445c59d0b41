import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AboutPanelOptionsOptions } from 'electron';

/**
 * What Help ▸ About Factmark (the app menu's About on macOS) shows: the version, the runtime it
 * runs on, and the notice of the shipped suggestion model(s). Electron-free so it is unit-tested;
 * main.ts passes it to app.setAboutPanelOptions.
 */
export interface AboutFacts {
  version: string;
  platform: NodeJS.Platform;
  /** process.versions: electron and chrome are there in the app, not under Node. */
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
  homepage: string;
  /** A PNG beside app.asar (Linux and Windows show no icon otherwise); omitted when absent. */
  iconPath?: string | undefined;
  /** models/NOTICE.md (where the trained models come from, their licences), when models ship. */
  modelNotice?: string | null | undefined;
}

export const COPYRIGHT = 'Copyright © 2026 the Factmark developers. MIT licence.';
/** An About box is no place for a long file: the notice is cut here, pointing to the file. */
export const NOTICE_MAX_CHARS = 600;

export function aboutPanelOptions(facts: AboutFacts): AboutPanelOptionsOptions {
  const { electron, chrome, node } = facts.versions;
  const runtime = [electron && `Electron ${electron}`, chrome && `Chromium ${chrome}`, node && `Node.js ${node}`].filter(Boolean).join(', ');
  const details = [runtime, facts.modelNotice ? `Suggestion model: ${facts.modelNotice}` : ''].filter(Boolean).join('\n');
  const options: AboutPanelOptionsOptions = {
    applicationName: 'Factmark',
    applicationVersion: facts.version,
    version: facts.version,
    // Linux shows no credits: the details go under the copyright there.
    copyright: facts.platform === 'linux' && details ? `${COPYRIGHT}\n${details}` : COPYRIGHT,
    website: facts.homepage,
  };
  if (facts.platform !== 'linux' && details) options.credits = details;
  if (facts.iconPath) options.iconPath = facts.iconPath;
  return options;
}

/** The text of `<appRoot>/models/NOTICE.md`, whitespace folded and cut to NOTICE_MAX_CHARS, or null. */
export function readModelNotice(appRoot: string, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): string | null {
  let text: string;
  try {
    text = read(join(appRoot, 'models', 'NOTICE.md'));
  } catch {
    return null;
  }
  const folded = text.replace(/^#+\s*/gm, '').replace(/\s+/g, ' ').trim();
  if (!folded) return null;
  return folded.length <= NOTICE_MAX_CHARS ? folded : `${folded.slice(0, NOTICE_MAX_CHARS - 1).trimEnd()}… (models/NOTICE.md)`;
}

/** The icon for the About box: resources/icon.png in a package (electron-builder.yml), build/icons in a checkout. */
export function aboutIconPath(appRoot: string, resourcesPath: string | undefined, exists: (path: string) => boolean = existsSync): string | undefined {
  const candidates = [resourcesPath && join(resourcesPath, 'icon.png'), join(appRoot, 'build', 'icons', '128x128.png')];
  return candidates.find((path): path is string => !!path && exists(path));
}

/** The facts of the running app, from its package.json and process (main.ts). */
export function runningAppFacts(appRoot: string, version: string): AboutFacts {
  let homepage = '';
  try {
    homepage = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { homepage?: string }).homepage ?? '';
  } catch {
    // A package.json the app cannot read leaves the website out.
  }
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return {
    version,
    platform: process.platform,
    versions: process.versions,
    homepage,
    iconPath: aboutIconPath(appRoot, resourcesPath),
    modelNotice: readModelNotice(appRoot),
  };
}

/**
 * Sets the About box up for `app` (main.ts, once ready). An About box is not worth failing the
 * start over: a failure is reported and the window opens regardless.
 */
export function installAboutPanel(app: { setAboutPanelOptions(options: AboutPanelOptionsOptions): void }, appRoot: string, version: string): void {
  try {
    app.setAboutPanelOptions(aboutPanelOptions(runningAppFacts(appRoot, version)));
  } catch (error) {
    console.error('Factmark: could not set up the About box:', error);
  }
}
