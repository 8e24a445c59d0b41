import {
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  INSERT_TAB_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import { mergeRegister } from '@lexical/utils';

/**
 * The article text is immutable. The editor is created with `editable: false`, which already
 * keeps Lexical from handling input; these handlers make sure that if it ever became
 * editable, nothing that changes content would go through.
 */
const MUTATING_COMMANDS: LexicalCommand<never>[] = [
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  INSERT_TAB_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
] as unknown as LexicalCommand<never>[];

/** DOM events that would edit or move text; copy stays allowed. */
const BLOCKED_EVENTS = ['beforeinput', 'paste', 'cut', 'drop', 'dragstart'] as const;

export function registerReadOnlyGuards(editor: LexicalEditor, root: HTMLElement): () => void {
  const swallow = (event: Event) => event.preventDefault();
  for (const name of BLOCKED_EVENTS) root.addEventListener(name, swallow, true);
  return mergeRegister(
    ...MUTATING_COMMANDS.map((command) => editor.registerCommand(command, () => true, COMMAND_PRIORITY_CRITICAL)),
    () => {
      for (const name of BLOCKED_EVENTS) root.removeEventListener(name, swallow, true);
    },
  );
}
