import { afterEach, describe, expect, it } from 'vitest';
import { appStore, setOverlay } from '../stores/appStore';
import { answerConfirm, askConfirm, confirmStore } from './confirmStore';

const request = { title: 'Tag?', message: 'Really?', confirmLabel: 'Tag' };

describe('askConfirm', () => {
  afterEach(() => setOverlay(null));
  it('opens the confirm overlay and resolves with the answer', async () => {
    const asked = askConfirm(request);
    expect(appStore.get().overlay).toBe('confirm');
    answerConfirm(true);
    await expect(asked).resolves.toBe(true);
    expect(appStore.get().overlay).toBeNull();
    expect(confirmStore.get().request).toBeNull();
  });
  it('is a "no" when the overlay is closed another way (Esc)', async () => {
    const asked = askConfirm(request);
    setOverlay(null);
    await expect(asked).resolves.toBe(false);
  });
  it('is a "no" at once while another dialog is open', async () => {
    setOverlay('export');
    await expect(askConfirm(request)).resolves.toBe(false);
    expect(appStore.get().overlay).toBe('export');
  });
});
