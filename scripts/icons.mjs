#!/usr/bin/env node
// `npm run icons`: renders Factmark's icon from its SVG sources into every file the packages use,
// reproducibly (same sources, same bytes): build/icons/<N>x<N>.png (Linux, 16 to 1024 px),
// build/icon.png (1024 px), build/icon.ico (Windows: 16 to 256 px) and build/icon.icns (macOS:
// 16 to 1024 px, the set iconutil writes). build/icon.svg is the drawing; build/icon-small.svg is
// the same icon drawn on the 16 px grid, used up to 32 px so that small sizes stay sharp.
// Rendering: resvg (WebAssembly build: no native binary, the same pixels on every OS); ICO and
// ICNS containers: @shockpkg/icon-encoder. The outputs are committed; run this after changing a
// source and commit them again (npm run test:package checks they match the sources).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { IconIcns, IconIco } from '@shockpkg/icon-encoder';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(root, 'build');
const require = createRequire(import.meta.url);

/** Up to this size the 16 px drawing is used. */
const SMALL_MAX = 32;
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entries in iconutil's order: [pixels, type]. */
const ICNS_ENTRIES = [
  [64, 'ic12'],
  [128, 'ic07'],
  [256, 'ic13'],
  [256, 'ic08'],
  [16, 'ic04'],
  [512, 'ic14'],
  [512, 'ic09'],
  [32, 'ic05'],
  [1024, 'ic10'],
  [32, 'ic11'],
];

/** Renders every size once; returns pixels -> PNG bytes. */
export async function renderIcons() {
  await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  const large = await readFile(join(build, 'icon.svg'), 'utf8');
  const small = await readFile(join(build, 'icon-small.svg'), 'utf8');
  const sizes = new Set([...PNG_SIZES, ...ICO_SIZES, ...ICNS_ENTRIES.map(([size]) => size)]);
  const pngs = new Map();
  for (const size of [...sizes].sort((a, b) => a - b)) {
    const svg = size <= SMALL_MAX ? small : large;
    // No fonts: the drawing has no text, and system fonts would make the output machine-dependent.
    const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
    const image = resvg.render();
    pngs.set(size, Buffer.from(image.asPng()));
    image.free();
    resvg.free();
  }
  return pngs;
}

/** The files `npm run icons` writes, as [path relative to the repository, bytes]. */
export async function iconFiles() {
  const pngs = await renderIcons();
  const files = [];
  for (const size of PNG_SIZES) files.push([`build/icons/${size}x${size}.png`, pngs.get(size)]);
  files.push(['build/icon.png', pngs.get(1024)]);
  const ico = new IconIco();
  // PNG-compressed entries for 256 px, bitmaps below (what Windows' own tools write).
  for (const size of [...ICO_SIZES].reverse()) await ico.addFromPng(pngs.get(size), size >= 256);
  files.push(['build/icon.ico', Buffer.from(ico.encode())]);
  const icns = new IconIcns();
  icns.toc = true;
  for (const [size, type] of ICNS_ENTRIES) await icns.addFromPng(pngs.get(size), [type]);
  files.push(['build/icon.icns', Buffer.from(icns.encode())]);
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await iconFiles();
  for (const [path, bytes] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), bytes);
  }
  console.log(`icons: wrote ${files.length} files (${files.map(([p]) => p).join(', ')})`);
}
