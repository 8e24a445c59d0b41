import { bridge } from '../bridge';
import { openImportPicker } from '../import/importActions';
import { openProjectAt, openProjectCommand, openSampleProject } from '../project/projectActions';
import { appStore, setOverlay } from '../stores/appStore';
import { syncFromMenu } from '../sync/syncActions';

/** The desktop menu's commands (Electron's application menu), each what the matching button does. */

export function runMenuCommand(command: string): void {
  if (command === 'new-project') setOverlay('new-project');
  else if (command === 'open-project') void openProjectCommand();
  else if (command === 'open-sample') void openSampleProject();
  else if (command.startsWith('open-recent:')) void openProjectAt(command.slice('open-recent:'.length));
  else if (command === 'import') openImportPicker();
  else if (command === 'export') setOverlay('export');
  else if (command === 'schema' || command === 'agreement' || command === 'review') setOverlay(appStore.get().project ? command : null);
  else if (command === 'sync') syncFromMenu();
  else if (command === 'shortcuts') setOverlay(appStore.get().overlay === 'shortcuts' ? null : 'shortcuts');
  else if (command === 'about') setOverlay('about');
}

export function installMenuCommands(): () => void {
  return bridge.onMenuCommand?.(runMenuCommand) ?? (() => undefined);
}
