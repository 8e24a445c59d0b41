import { createStore } from '../stores/createStore';
import { appStore, setOverlay } from '../stores/appStore';

/** A question the app asks before an action a user may not have meant (one at a time). */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
}

interface ConfirmState {
  request: ConfirmRequest | null;
  resolve: ((ok: boolean) => void) | null;
}

export const confirmStore = createStore<ConfirmState>({ request: null, resolve: null });

/**
 * Shows the question as a modal dialog; resolves true on confirm, false on Cancel, Esc or close.
 * A question asked while a dialog is open is answered "no" (nothing to act on behind a dialog).
 */
export function askConfirm(request: ConfirmRequest): Promise<boolean> {
  if (appStore.get().overlay !== null) return Promise.resolve(false);
  answerConfirm(false);
  return new Promise((resolve) => {
    confirmStore.set({ request, resolve });
    setOverlay('confirm');
  });
}

// Closed another way (Esc closes any overlay): that is a "no".
appStore.subscribe(() => {
  if (appStore.get().overlay !== 'confirm' && confirmStore.get().resolve) answerConfirm(false);
});

/** Settles the open question (once) and closes its dialog. */
export function answerConfirm(ok: boolean): void {
  const { resolve } = confirmStore.get();
  if (!resolve) return;
  confirmStore.set({ request: null, resolve: null });
  if (appStore.get().overlay === 'confirm') setOverlay(null);
  resolve(ok);
}
