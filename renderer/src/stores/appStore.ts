import type { ProjectView, SessionView } from '../../../shared/api/views';
import { createStore } from './createStore';
import type { StatusFilter } from '../project/documentFilters';

export type ToastKind = 'info' | 'error';
export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

/** Dialogs and overlays; only one at a time. */
export type Overlay = 'shortcuts' | 'export' | 'open-project' | 'new-project' | 'annotator' | 'history' | 'import-dataset' | 'schema' | 'agreement' | 'review' | 'confirm' | 'accept-all' | 'about' | null;

export interface AppState {
  /** starting: first getSession in flight; fatal: the services cannot be reached at all. */
  phase: 'starting' | 'ready' | 'fatal';
  fatalMessage: string | null;
  session: SessionView | null;
  project: ProjectView | null;
  projectError: { message: string; file?: string } | null;
  statusFilter: StatusFilter;
  search: string;
  toasts: Toast[];
  overlay: Overlay;
  /** The article has a non-empty text selection (enables the palette). */
  hasTextSelection: boolean;
}

export const appStore = createStore<AppState>({
  phase: 'starting',
  fatalMessage: null,
  session: null,
  project: null,
  projectError: null,
  statusFilter: 'all',
  search: '',
  toasts: [],
  overlay: null,
  hasTextSelection: false,
});

let nextToastId = 1;
const TOAST_MS: Record<ToastKind, number> = { info: 5000, error: 12000 };
const MAX_TOASTS = 6;

export function showToast(message: string, kind: ToastKind = 'info'): void {
  const id = nextToastId++;
  appStore.set((s) => ({ toasts: [...s.toasts, { id, kind, message }].slice(-MAX_TOASTS) }));
  setTimeout(() => dismissToast(id), TOAST_MS[kind]);
}

/** A failed call's message, as an error toast. */
export const toastError = (result: { ok: false; error: { message: string } }) => showToast(result.error.message, 'error');

export function dismissToast(id: number): void {
  appStore.set((s) => (s.toasts.some((t) => t.id === id) ? { toasts: s.toasts.filter((t) => t.id !== id) } : {}));
}

export function setOverlay(overlay: Overlay): void {
  appStore.set({ overlay });
}
