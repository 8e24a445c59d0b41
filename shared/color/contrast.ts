/**
 * WCAG 2.x colour contrast for label colours: which text colour a label chip gets, a colour
 * darkened until it reads as text on a light background, and what the schema editor warns about.
 * Colours are `#rrggbb` (the schema's format); anything else is treated as a neutral grey.
 */

export type Rgb = readonly [number, number, number];

/** WCAG's minimum for normal text (1.4.3) and for graphical objects such as a mark's band (1.4.11). */
export const TEXT_CONTRAST = 4.5;
export const GRAPHIC_CONTRAST = 3;

const NEUTRAL: Rgb = [107, 114, 128];

export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)] : NEUTRAL;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG 2.x definition, sRGB). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const la = luminance(typeof a === 'string' ? parseHex(a) : a);
  const lb = luminance(typeof b === 'string' ? parseHex(b) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `fg` at `alpha` painted over the opaque `bg`. */
export function blend(fg: Rgb, alpha: number, bg: Rgb): Rgb {
  return [0, 1, 2].map((i) => (fg[i] as number) * alpha + (bg[i] as number) * (1 - alpha)) as unknown as Rgb;
}

const WHITE = '#ffffff';
const DARK = '#1f2328';

/**
 * The text colour for a chip filled with `background`: white when that reaches 4.5:1, else the
 * app's dark text, else black (white or black always reaches 4.58:1 at least).
 */
export function chipTextColor(background: string): string {
  if (contrastRatio(WHITE, background) >= TEXT_CONTRAST) return WHITE;
  return contrastRatio(DARK, background) >= TEXT_CONTRAST ? DARK : '#000000';
}

/**
 * `color` as text on `background`: unchanged when it reaches `min`, else mixed towards black in
 * small steps until it does (a label's hue stays recognisable in the document list's counts).
 */
export function legibleTextColor(color: string, background = WHITE, min = TEXT_CONTRAST): string {
  const rgb = parseHex(color);
  for (let k = 0; k <= 20; k++) {
    const candidate = toHex(rgb.map((c) => c * (1 - k / 20)) as unknown as Rgb);
    if (contrastRatio(candidate, background) >= min) return candidate;
  }
  return '#000000';
}

/** How translucent a label's fill behind the article text is (markDecoration's FILL_ALPHA). */
export const MARK_FILL_ALPHA = 0.28;

export interface ColorWarning {
  kind: 'faint' | 'dark-fill';
  ratio: number;
  message: string;
}

/**
 * What a label colour does badly, for the schema editor: a colour too light to see as a band or
 * outline on the white page (under 3:1), or so dark that article text over two nested spans of
 * it falls under 4.5:1. Chips are always readable (chipTextColor), so they never warn.
 */
export function labelColorWarnings(color: string, page = WHITE, text = DARK): ColorWarning[] {
  const warnings: ColorWarning[] = [];
  const onPage = contrastRatio(color, page);
  if (onPage < GRAPHIC_CONTRAST) {
    warnings.push({
      kind: 'faint',
      ratio: onPage,
      message: `This colour is light: its bands and outlines reach only ${onPage.toFixed(1)}:1 against the page (3:1 is the minimum to see them). Choose a darker shade.`,
    });
  }
  const pageRgb = parseHex(page);
  const nested = blend(parseHex(color), MARK_FILL_ALPHA, blend(parseHex(color), MARK_FILL_ALPHA, pageRgb));
  const underText = contrastRatio(text, nested);
  if (underText < TEXT_CONTRAST) {
    warnings.push({
      kind: 'dark-fill',
      ratio: underText,
      message: `This colour is dark: article text over two nested spans of it reaches only ${underText.toFixed(1)}:1 (4.5:1 is the minimum). Choose a lighter shade.`,
    });
  }
  return warnings;
}
