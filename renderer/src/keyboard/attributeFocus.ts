/**
 * Between the article and the selected span's attributes without tabbing past every suggestion:
 * Enter (article focused, a span selected, no suggestion focused) goes to the first attribute
 * field; Esc in the attribute panel goes back to the article, the caret where it was.
 */
const PANEL = '[data-testid=attribute-panel]';
const FIELD = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]:not([disabled])';

export function focusSelectedAttributes(): boolean {
  const field = document.querySelector<HTMLElement>(`${PANEL} :is(${FIELD})`);
  if (!field) return false;
  field.focus();
  field.scrollIntoView({ block: 'nearest' });
  return true;
}

/** In the attribute panel, and not a field that uses Esc itself (the entity picker's list). */
export function isInAttributePanel(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest(PANEL) !== null && target.closest('[role=combobox], [data-testid=entity-picker]') === null;
}
