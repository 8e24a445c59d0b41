/** Types of icons.mjs (see there), for the packaging check that compares its output with build/. */
export const PNG_SIZES: number[];
export function renderIcons(): Promise<Map<number, Buffer>>;
export function iconFiles(): Promise<[string, Buffer][]>;
