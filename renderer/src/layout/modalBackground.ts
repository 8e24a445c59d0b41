/**
 * While a modal dialog is open, everything behind it (the app shell) is inert: Tab stays in the
 * dialog, screen readers do not wander into the page under it, and clicks there do nothing.
 * Dialogs can stack (a conflict over an open dialog): the shell stays inert until the last closes.
 */
let open = 0;

function shell(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.app-shell');
}

export function holdModalBackground(): () => void {
  open++;
  shell()?.setAttribute('inert', '');
  let released = false;
  return () => {
    if (released) return;
    released = true;
    open--;
    if (open === 0) shell()?.removeAttribute('inert');
  };
}
