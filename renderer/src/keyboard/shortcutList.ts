/** Every fixed shortcut, as the overlay lists it (label keys are added from the project). */
export interface ShortcutEntry {
  keys: string[];
  action: string;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export const FIXED_SHORTCUTS: ShortcutEntry[] = [
  { keys: ['Alt + label key'], action: 'Tag the exact selection, without snapping to whole words (or hold Alt while selecting)' },
  { keys: ['Delete', 'Backspace'], action: 'Remove the selected span (or the relation selected in the side panel)' },
  { keys: ['R'], action: 'Link the selected span to another: pick the target with a click, or Tab / Shift+Tab then Enter; a number key chooses the type when several fit' },
  { keys: ['←', '→', '↑', '↓'], action: 'With the article focused: move the caret (Home / End: line ends; Ctrl + Home / End: article ends)' },
  { keys: ['Shift + arrows', `Ctrl + Shift + ← / →`, 'Alt + Shift + ← / →'], action: 'Select text from the caret, by character or line, or by whole words; then a label key tags the selection' },
  { keys: ['J', 'K'], action: 'Select the next / previous span (from the caret when none is selected)' },
  { keys: ['Enter'], action: 'With a span selected in the article: go to its attributes (Esc there comes back to the article)' },
  { keys: ['↑', '↓', 'Home', 'End'], action: 'In the span list: select the next / previous / first / last span' },
  { keys: ['Tab', 'Shift + Tab'], action: 'Move to the next / previous suggestion (dashed outline) when the article has the focus and nothing is selected; past the last one, on to the next control' },
  { keys: ['Enter', 'Y'], action: 'Accept the focused suggestion as a span (a label key accepts it as that label)' },
  { keys: ['X', 'Backspace'], action: 'Reject the focused suggestion: it is not proposed again in this document' },
  { keys: [`${MOD} + Z`], action: 'Undo' },
  { keys: [`${MOD} + Shift + Z`, 'Ctrl + Y'], action: 'Redo' },
  { keys: [`${MOD} + Enter`], action: 'Mark the document done and open the next one that is not done' },
  { keys: [`${MOD} + E`], action: 'Export (the export dialog)' },
  { keys: [`${MOD} + A`], action: 'Select the whole article (a label key then asks before tagging it all)' },
  { keys: [']', 'Alt + ↓'], action: 'Next document in the list' },
  { keys: ['[', 'Alt + ↑'], action: 'Previous document in the list' },
  { keys: ['V'], action: 'Review claims across documents (in the review: j/k clusters, h/l claims, Enter open, m merge, s split, t then Enter move, Esc cancels the move, c confirm the cluster’s derived values into the annotations, u undo, e export)' },
  { keys: ['N', 'P', '1 … 9', 'A', 'X', 'E'], action: 'Adjudicating into gold (Agreement ▸ Adjudicate): next / previous disagreement, take annotator k’s version, accept the proposal, reject, make the text selected in the gold view the span' },
  { keys: ['Esc'], action: 'Clear the selection and close dialogs (first cancels a claim being moved in the review)' },
  { keys: ['?'], action: 'Show or hide this list of shortcuts' },
];
