import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from './menuCommands';
import { buildMenuTemplate } from './menuTemplate';

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined) => (item?.submenu ?? []) as Item[];
const byLabel = (items: Item[], label: string) => items.find((i) => i.label === label);

function build(recentProjects: string[], isMac = false) {
  const sent: [MenuCommand, unknown][] = [];
  const template = buildMenuTemplate({
    recentProjects,
    isMac,
    withDevTools: false,
    appName: 'Factmark',
    send: (command, window) => sent.push([command, window]),
  });
  return { template, sent };
}

/** Simulates a click as Electron does: (menuItem, window, event). */
const click = (item: Item | undefined, window: unknown = { id: 7 }) =>
  (item?.click as unknown as (m: unknown, w: unknown, e: unknown) => void)({}, window, {});

describe('buildMenuTemplate', () => {
  it('sends the plan command of each File, Project and Help item to the window it was used in', () => {
    const { template, sent } = build(['/data/a', '/data/b']);
    const file = submenu(byLabel(template, 'File'));
    click(byLabel(file, 'New Project…'));
    click(byLabel(file, 'Open Project…'));
    click(byLabel(file, 'Open Sample Project'));
    const recent = submenu(byLabel(file, 'Open Recent'));
    expect(recent.map((i) => i.label)).toEqual(['/data/a', '/data/b']);
    click(recent[1]);
    click(byLabel(file, 'Import Documents…'));
    click(byLabel(file, 'Export…'));
    const project = submenu(byLabel(template, 'Project'));
    click(byLabel(project, 'Label Schema…'));
    click(byLabel(project, 'Agreement and Adjudication…'));
    click(byLabel(project, 'Review Claims Across Documents…'));
    click(byLabel(project, 'Sync'));
    click(byLabel(submenu(template.find((i) => i.role === 'help')), 'Keyboard Shortcuts'));
    click(byLabel(submenu(template.find((i) => i.role === 'help')), 'About Factmark'));
    expect(sent.map(([c]) => c)).toEqual([
      'new-project',
      'open-project',
      'open-sample',
      'open-recent:/data/b',
      'import',
      'export',
      'schema',
      'agreement',
      'review',
      'sync',
      'shortcuts',
      'about',
    ]);
    expect(sent.every(([, w]) => (w as { id: number }).id === 7)).toBe(true);
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('shows a disabled placeholder when there are no recent projects', () => {
    const recent = submenu(byLabel(submenu(byLabel(build([]).template, 'File')), 'Open Recent'));
    expect(recent).toEqual([{ label: 'No Recent Projects', enabled: false }]);
  });

  it('leaves undo and redo to the renderer', () => {
    const roles = build([]).template.flatMap((menu) => submenu(menu).map((i) => i.role));
    expect(roles).not.toContain('undo');
    expect(roles).not.toContain('redo');
    expect(roles).toContain('copy');
  });

  it('puts Quit in the app menu on macOS', () => {
    const { template } = build([], true);
    expect(template[0]?.label).toBe('Factmark');
    expect(submenu(template[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(submenu(byLabel(template, 'File')).some((i) => i.role === 'quit')).toBe(false);
  });

  it('offers About (version, model notice) last in Help, and the native panel in the app menu on macOS', () => {
    const help = (isMac: boolean) => submenu(build([], isMac).template.find((i) => i.role === 'help'));
    expect(help(false).at(-1)?.label).toBe('About Factmark');
    expect(help(true).some((i) => i.role === 'about')).toBe(false);
    expect(submenu(build([], true).template[0])[0]?.role).toBe('about');
  });
});
